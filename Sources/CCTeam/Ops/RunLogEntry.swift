public import Foundation

/// One line of a run's `events.ndjson`, described for people: `ccteam logs` prints it, and
/// `ccteam status` shows the last one as a worker's last action.
public struct RunLogEntry: Sendable, Equatable {
    /// What happened, reduced to what a person reads.
    public enum Kind: Sendable, Equatable {
        case started(model: String?, servers: [String])
        case said(String)
        case tool(name: String, summary: String?)
        case toolResults(count: Int, errors: Int)
        case retry(attempt: Int?, error: String?)
        case result(failed: Bool, reason: String?, tokens: Int, costUSD: Double, denials: Int)
        /// Output that was not an event (the launcher wraps it as `ccteam_raw`), shown as-is.
        case raw(String)
        case other(String)
    }

    /// What the line says.
    public var kind: Kind
    /// When it happened, if the line carried a `timestamp` (or a raw wrapper's `at`).
    public var at: Date?

    /// An entry; `at` only when the line was dated.
    public init(kind: Kind, at: Date? = nil) {
        self.kind = kind
        self.at = at
    }

    /// The entries one line of the stream holds (an assistant message may hold text and tool calls);
    /// blank lines hold none, and a line that is not JSON is raw output.
    public static func entries(fromLine line: some StringProtocol) -> [RunLogEntry] {
        let text = String(line)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        let object =
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        guard let object else { return [RunLogEntry(kind: .raw(text))] }
        let at = ["timestamp", "at"].lazy.compactMap { (object[$0] as? String).flatMap(Self.parseDate) }.first
        if object["type"] as? String == "ccteam_raw" {
            return [RunLogEntry(kind: .raw(object["text"] as? String ?? ""), at: at)]
        }
        guard let event = AgentEvent(line: text) else { return [RunLogEntry(kind: .raw(text), at: at)] }
        switch event {
        case .initialized(let model, let servers):
            return [
                RunLogEntry(kind: .started(model: model, servers: servers.map { "\($0.name) \($0.status)" }), at: at)
            ]
        case .assistant(let texts, let uses):
            let said = texts.map(Self.firstLine).filter { !$0.isEmpty }.map { RunLogEntry(kind: .said($0), at: at) }
            return said + uses.map { RunLogEntry(kind: .tool(name: $0.name, summary: $0.summary), at: at) }
        case .toolResults(let count, let errors):
            return count == 0 ? [] : [RunLogEntry(kind: .toolResults(count: count, errors: errors), at: at)]
        case .apiRetry(let attempt, let error):
            return [RunLogEntry(kind: .retry(attempt: attempt, error: error), at: at)]
        case .result(let result):
            let reason = result.isError ? (result.terminalReason ?? result.subtype) : nil
            return [
                RunLogEntry(
                    kind: .result(
                        failed: result.isError, reason: reason, tokens: result.inputTokens + result.outputTokens,
                        costUSD: result.costUSD, denials: result.permissionDenials.count), at: at)
            ]
        case .other(let name):
            return [RunLogEntry(kind: .other(name), at: at)]
        }
    }

    /// The line `ccteam logs` prints, without the time offset.
    public var text: String {
        switch kind {
        case .started(let model, let servers):
            var parts = ["model " + (model ?? "unknown")]
            if !servers.isEmpty { parts.append("mcp " + servers.joined(separator: ", ")) }
            return "init: " + parts.joined(separator: ", ")
        case .said(let text): return "assistant: " + text
        case .tool(let name, let summary): return "tool: " + name + (summary.map { " " + $0 } ?? "")
        case .toolResults(let count, let errors):
            return "tool result: \(count) " + (errors == 0 ? "ok" : "sent, \(errors) failed")
        case .retry(let attempt, let error):
            return "api retry" + (attempt.map { " \($0)" } ?? "") + (error.map { ": " + $0 } ?? "")
        case .result(let failed, let reason, let tokens, let costUSD, let denials):
            var text = "result: " + (failed ? "failed" + (reason.map { " (\($0))" } ?? "") : "succeeded")
            text += ", \(StatusBoard.tokens(tokens)) tokens, " + String(format: "$%.4f", costUSD)
            if denials > 0 { text += ", \(denials) permission denial" + (denials == 1 ? "" : "s") }
            return text
        case .raw(let text): return text
        case .other(let name): return "event: " + name
        }
    }

    /// The short form for a status table's LAST ACTION column; `nil` for entries that say nothing
    /// about what the agent is doing (tool results, unknown events).
    public var action: String? {
        switch kind {
        case .started: "started"
        case .said(let text): text
        case .tool(let name, let summary): name + (summary.map { " " + $0 } ?? "")
        case .toolResults, .other: nil
        case .retry: text
        case .result: text
        case .raw(let text): text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        }
    }

    /// The first non-empty line of `text`, cut at 160 characters.
    static func firstLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first(where: { !$0.isEmpty }) else { return "" }
        let more = lines.count > 1
        if first.count > 160 { return String(first.prefix(159)) + "…" }
        return more ? first + " …" : first
    }

    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
