import CCCore
import Foundation

/// The parts of a Messages API request body the scripted model looks at.
struct MessagesRequest: Sendable {
    var model: String
    var stream: Bool
    /// The text of the first user message (all its text blocks, joined by newlines).
    var firstUserText: String
    /// The top-level system prompt plus any `system`-role messages (where Claude Code puts the cwd).
    var systemText: String
    /// How many assistant messages the conversation already holds: the index of the turn to give.
    var assistantMessages: Int
    /// Whether the request offers tools: Claude Code's agent loop always does, its side requests do not.
    var offersTools: Bool
    /// The size of the body, for a plausible `input_tokens`.
    var bodyBytes: Int
    /// The agent's working directory, from Claude Code's `- Primary working directory: /abs` line.
    var workingDirectory: String?

    init(body: Data) throws {
        let json = try JSONValue.parse(body)
        model = json["model"]?.stringValue ?? "claude-scripted"
        stream = json["stream"] == .bool(true)
        let messages = json["messages"]?.arrayValue ?? []
        firstUserText = messages.first { $0["role"] == "user" }.map { Self.text(of: $0["content"]) } ?? ""
        var system = [Self.text(of: json["system"])]
        system += messages.filter { $0["role"] == "system" }.map { Self.text(of: $0["content"]) }
        systemText = system.joined(separator: "\n")
        assistantMessages = messages.count { $0["role"] == "assistant" }
        offersTools = !(json["tools"]?.arrayValue ?? []).isEmpty
        bodyBytes = body.count
        workingDirectory = Self.workingDirectory(in: systemText + "\n" + firstUserText)
    }

    static func workingDirectory(in text: String) -> String? {
        let label = "Primary working directory:"
        for line in text.split(separator: "\n") {
            if let range = line.range(of: label) {
                let path = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if !path.isEmpty { return path }
            }
        }
        return nil
    }

    /// The text of a `content` or `system` field: a string, or the text blocks of an array.
    static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let text): text
        case .array(let blocks):
            blocks.compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil }.joined(separator: "\n")
        default: ""
        }
    }
}

/// What the server answers to one Messages request.
struct ReplyPlan: Sendable, Equatable {
    /// The matched conversation's name (or match), `nil` for the default reply.
    var conversation: String?
    /// The turn index given (the number of assistant messages in the request).
    var turn: Int
    /// The reply's blocks.
    var blocks: [ModelScript.Block]
    /// An HTTP error to answer instead.
    var fault: ModelScript.Fault?
    /// How long to wait before answering.
    var delayMs: Int
    /// Whether to start the stream and never finish it.
    var hang: Bool

    /// `tool_use` when the reply calls a tool, else `end_turn`.
    var stopReason: String {
        blocks.contains { if case .toolUse = $0 { true } else { false } } ? "tool_use" : "end_turn"
    }

    /// A short label for the request log.
    var summary: String {
        if let fault { return "fault \(fault.status)" }
        if hang { return "hang" }
        return blocks.map { block in
            switch block {
            case .text: "text"
            case .toolUse(let name, _): "tool_use:\(name)"
            }
        }.joined(separator: ",")
    }
}

/// Chooses each request's reply from the script: statelessly by turn, except for fault counts.
final class ReplyPlanner: Sendable {
    let script: ModelScript
    /// Faults served so far, per conversation (session header), script and turn.
    private let faultsServed = Locked<[String: Int]>([:])

    init(script: ModelScript) { self.script = script }

    func plan(for request: MessagesRequest, session: String) -> ReplyPlan {
        let found =
            request.offersTools
            ? script.scripts.indices.first { index in
                let match = script.scripts[index].match
                return request.firstUserText.contains(match) || request.systemText.contains(match)
            } : nil
        guard let index = found else {
            return ReplyPlan(
                conversation: nil, turn: request.assistantMessages,
                blocks: [.text(script.defaultReply ?? "OK.")], fault: nil, delayMs: 0, hang: false)
        }
        let conversation = script.scripts[index]
        let turn = request.assistantMessages
        let name = conversation.name ?? conversation.match
        guard turn < conversation.turns.count else {
            return ReplyPlan(
                conversation: name, turn: turn, blocks: [.text(conversation.finalText ?? "Done.")], fault: nil,
                delayMs: 0, hang: false)
        }
        let step = conversation.turns[turn]
        let content = step.content.map { $0.substituting(cwd: request.workingDirectory) }
        var fault: ModelScript.Fault?
        if let candidate = step.fault {
            let key = "\(session)|\(index)|\(turn)"
            fault = faultsServed.withLock { served in
                let count = served[key, default: 0]
                if let times = candidate.times, count >= times { return nil }
                served[key] = count + 1
                return candidate
            }
        }
        return ReplyPlan(
            conversation: name, turn: turn, blocks: content, fault: fault, delayMs: step.delayMs ?? 0,
            hang: step.hang ?? false)
    }
}

extension ModelScript.Block {
    /// The block with `{{cwd}}` in its text or in any string of its input replaced by the agent's
    /// working directory, so one script serves whichever worktree the task lands in.
    func substituting(cwd: String?) -> ModelScript.Block {
        guard let cwd else { return self }
        switch self {
        case .text(let text): return .text(text.replacingOccurrences(of: "{{cwd}}", with: cwd))
        case .toolUse(let name, let input): return .toolUse(name: name, input: input.substituting("{{cwd}}", with: cwd))
        }
    }
}

extension JSONValue {
    /// Every string inside, with `placeholder` replaced by `value`.
    func substituting(_ placeholder: String, with value: String) -> JSONValue {
        switch self {
        case .string(let text): .string(text.replacingOccurrences(of: placeholder, with: value))
        case .array(let elements): .array(elements.map { $0.substituting(placeholder, with: value) })
        case .object(let members): .object(members.mapValues { $0.substituting(placeholder, with: value) })
        default: self
        }
    }
}
