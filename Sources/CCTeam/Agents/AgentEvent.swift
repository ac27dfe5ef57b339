public import CCCore
import Foundation

/// One line of an agent's `--output-format stream-json` stream, reduced to what the launcher acts on.
///
/// Parsing is lenient by design: the CLI adds fields between versions, so unknown event types and
/// fields are kept as `.other` rather than failing the run.
public enum AgentEvent: Sendable, Equatable {
    /// The session started: the model, the MCP servers and whether each connected.
    case initialized(model: String?, mcpServers: [MCPServerStatus])
    /// The model said something or called tools.
    case assistant(texts: [String], toolUses: [ToolUse])
    /// Tool results came back; `errors` counts the ones that failed.
    case toolResults(count: Int, errors: Int)
    /// The CLI is retrying a failed API call.
    case apiRetry(attempt: Int?, error: String?)
    /// The run's last event: final text, usage, cost and refusals.
    case result(AgentResult)
    /// Anything else, by its `type` (and `subtype` when present).
    case other(String)

    /// A tool call the model made.
    public struct ToolUse: Sendable, Equatable {
        public var name: String
        /// The most telling argument for a status line: a path, a command, a task subject.
        public var summary: String?

        public init(name: String, summary: String?) {
            self.name = name
            self.summary = summary
        }
    }

    /// An MCP server as the init event reports it.
    public struct MCPServerStatus: Sendable, Equatable {
        public var name: String
        public var status: String

        public init(name: String, status: String) {
            self.name = name
            self.status = status
        }
    }

    /// Parses one line; `nil` when the line is not a JSON object (the caller keeps it as raw output).
    public init?(line: some StringProtocol) {
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let type = object["type"] as? String
        else { return nil }
        let subtype = object["subtype"] as? String
        switch (type, subtype) {
        case ("system", "init"):
            let servers = (object["mcp_servers"] as? [[String: Any]] ?? []).map {
                MCPServerStatus(name: $0["name"] as? String ?? "?", status: $0["status"] as? String ?? "?")
            }
            self = .initialized(model: object["model"] as? String, mcpServers: servers)
        case ("system", "api_retry"):
            self = .apiRetry(
                attempt: object["attempt"] as? Int,
                error: (object["error"] as? String) ?? (object["error_status"] as? Int).map { "HTTP \($0)" })
        case ("assistant", _):
            let content = (object["message"] as? [String: Any])?["content"] as? [[String: Any]] ?? []
            var texts: [String] = []
            var uses: [ToolUse] = []
            for block in content {
                switch block["type"] as? String {
                case "text": if let text = block["text"] as? String { texts.append(text) }
                case "tool_use":
                    let input = block["input"] as? [String: Any] ?? [:]
                    uses.append(ToolUse(name: block["name"] as? String ?? "?", summary: Self.summary(of: input)))
                default: break
                }
            }
            self = .assistant(texts: texts, toolUses: uses)
        case ("user", _):
            let content = (object["message"] as? [String: Any])?["content"] as? [[String: Any]] ?? []
            let results = content.filter { $0["type"] as? String == "tool_result" }
            self = .toolResults(
                count: results.count, errors: results.filter { $0["is_error"] as? Bool == true }.count)
        case ("result", _):
            self = .result(AgentResult(object))
        default:
            self = .other(subtype.map { "\(type)/\($0)" } ?? type)
        }
    }

    /// Picks the argument a person would want to see for a tool call.
    static func summary(of input: [String: Any]) -> String? {
        for key in ["file_path", "notebook_path", "command", "subject", "taskId", "pattern", "path", "url"] {
            if let value = input[key] as? String, !value.isEmpty {
                let line = value.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                return line.count > 80 ? String(line.prefix(79)) + "…" : line
            }
        }
        return nil
    }
}

/// The final `result` event: what the run produced and what it cost.
public struct AgentResult: Sendable, Equatable {
    public var isError: Bool
    public var subtype: String?
    public var terminalReason: String?
    public var finalText: String?
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    /// Tool calls the CLI refused: a run can exit 0 with its work refused.
    public var permissionDenials: [String]
    /// Tokens and cost per model the run used (`modelUsage`), keyed by model name.
    public var models: [String: RunRecord.ModelUsage] = [:]

    /// The model that did most of the run's work: the one with the most output tokens.
    public var mainModel: String? {
        models.max { ($0.value.outputTokens, $1.key) < ($1.value.outputTokens, $0.key) }?.key
    }

    public init(
        isError: Bool, subtype: String? = nil, terminalReason: String? = nil, finalText: String? = nil,
        inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0, permissionDenials: [String] = []
    ) {
        self.isError = isError
        self.subtype = subtype
        self.terminalReason = terminalReason
        self.finalText = finalText
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.permissionDenials = permissionDenials
    }

    init(_ object: [String: Any]) {
        let usage = object["usage"] as? [String: Any] ?? [:]
        func tokens(_ key: String) -> Int { (usage[key] as? NSNumber)?.intValue ?? 0 }
        let denials = (object["permission_denials"] as? [[String: Any]] ?? []).map { denial in
            let tool = denial["tool_name"] as? String ?? "?"
            let detail = AgentEvent.summary(of: denial["tool_input"] as? [String: Any] ?? [:])
            return detail.map { "\(tool) \($0)" } ?? tool
        }
        self.init(
            isError: object["is_error"] as? Bool ?? true,
            subtype: object["subtype"] as? String,
            terminalReason: object["terminal_reason"] as? String,
            finalText: object["result"] as? String,
            // Cached input is still input the run consumed.
            inputTokens: tokens("input_tokens") + tokens("cache_creation_input_tokens")
                + tokens("cache_read_input_tokens"),
            outputTokens: tokens("output_tokens"),
            costUSD: (object["total_cost_usd"] as? NSNumber)?.doubleValue ?? 0,
            permissionDenials: denials)
        models = Self.modelUsage(object["modelUsage"] as? [String: [String: Any]] ?? [:])
    }

    /// Reads `modelUsage`: `{"<model>": {"inputTokens", "outputTokens", "cacheReadInputTokens",
    /// "cacheCreationInputTokens", "costUSD"}}`.
    static func modelUsage(_ object: [String: [String: Any]]) -> [String: RunRecord.ModelUsage] {
        object.mapValues { entry in
            func int(_ key: String) -> Int { (entry[key] as? NSNumber)?.intValue ?? 0 }
            return RunRecord.ModelUsage(
                inputTokens: int("inputTokens"), outputTokens: int("outputTokens"),
                cacheReadTokens: int("cacheReadInputTokens"), cacheCreationTokens: int("cacheCreationInputTokens"),
                costUSD: (entry["costUSD"] as? NSNumber)?.doubleValue ?? 0)
        }
    }
}
