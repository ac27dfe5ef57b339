public import CCCore
import Foundation

/// The replies the scripted model gives, per agent conversation: a JSON file.
///
/// ```json
/// {"scripts": [{"name": "writer", "match": "Add a greeting",
///   "turns": [{"content": [{"type": "tool_use", "name": "Write",
///                           "input": {"file_path": "hello.txt", "content": "hi"}}]},
///             {"content": [{"type": "text", "text": "Wrote it."}], "delayMs": 50}],
///   "finalText": "All done."}],
///  "defaultReply": "OK."}
/// ```
public struct ModelScript: Sendable, Equatable, Codable {
    /// The conversations the server knows, tried in order; the first whose `match` appears wins.
    public var scripts: [Conversation]
    /// The reply to requests no script matches (Claude Code's side requests, for example).
    public var defaultReply: String?

    /// A script file's contents.
    public init(scripts: [Conversation], defaultReply: String? = nil) {
        self.scripts = scripts
        self.defaultReply = defaultReply
    }

    /// One agent's conversation: selected by what the agent works on, not by which worker runs it.
    public struct Conversation: Sendable, Equatable, Codable {
        /// A name for logs.
        public var name: String?
        /// A substring of the conversation's first user message or of its system prompt.
        public var match: String
        /// The assistant's replies in order; turn N answers a request holding N assistant messages.
        public var turns: [Turn]
        /// The text of the closing `end_turn` reply once every turn was given.
        public var finalText: String?

        /// A conversation.
        public init(name: String? = nil, match: String, turns: [Turn], finalText: String? = nil) {
            self.name = name
            self.match = match
            self.turns = turns
            self.finalText = finalText
        }
    }

    /// One assistant reply, with optional misbehaviour.
    public struct Turn: Sendable, Equatable, Codable {
        /// The reply's content blocks.
        public var content: [Block]
        /// Wait this long before answering.
        public var delayMs: Int?
        /// Answer with an HTTP error instead (a number of times, or always).
        public var fault: Fault?
        /// Start the event stream, then never finish it.
        public var hang: Bool?

        /// A turn.
        public init(content: [Block], delayMs: Int? = nil, fault: Fault? = nil, hang: Bool? = nil) {
            self.content = content
            self.delayMs = delayMs
            self.fault = fault
            self.hang = hang
        }
    }

    /// A content block of an assistant reply.
    public enum Block: Sendable, Equatable, Codable {
        /// Plain text.
        case text(String)
        /// A call of tool `name` with `input`.
        case toolUse(name: String, input: JSONValue)

        private enum CodingKeys: String, CodingKey { case type, text, name, input }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            switch type {
            case "text":
                self = .text(try container.decode(String.self, forKey: .text))
            case "tool_use":
                self = .toolUse(
                    name: try container.decode(String.self, forKey: .name),
                    input: try container.decodeIfPresent(JSONValue.self, forKey: .input) ?? [:])
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unknown block type '\(type)' (text, tool_use)")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case .toolUse(let name, let input):
                try container.encode("tool_use", forKey: .type)
                try container.encode(name, forKey: .name)
                try container.encode(input, forKey: .input)
            }
        }
    }

    /// An HTTP error answered instead of the turn.
    public struct Fault: Sendable, Equatable, Codable {
        /// 500 (api_error), 529 (overloaded_error), or another status.
        public var status: Int
        /// Fail this many times per conversation, then answer normally; `nil` fails every time.
        public var times: Int?
        /// The `x-should-retry` header sent with the error; `true` unless given.
        public var shouldRetry: Bool?

        /// A fault.
        public init(status: Int, times: Int? = nil, shouldRetry: Bool? = nil) {
            self.status = status
            self.times = times
            self.shouldRetry = shouldRetry
        }
    }

    /// Reads and checks a script file.
    public static func load(from path: String) throws -> ModelScript {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelServerError.scriptUnreadable(path: path, reason: "cannot read the file")
        }
        do {
            let script = try JSONDecoder().decode(ModelScript.self, from: data)
            if let empty = script.scripts.first(where: { $0.match.isEmpty }) {
                throw ModelServerError.scriptUnreadable(
                    path: path, reason: "script '\(empty.name ?? "?")' has an empty match")
            }
            return script
        } catch let error as ModelServerError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelServerError.scriptUnreadable(path: path, reason: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModelServerError.scriptUnreadable(
                path: path, reason: "missing '\(key.stringValue)' at \(Self.describe(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ModelServerError.scriptUnreadable(
                path: path, reason: "wrong type at \(Self.describe(context.codingPath))")
        } catch {
            throw ModelServerError.scriptUnreadable(path: path, reason: "\(error)")
        }
    }

    private static func describe(_ path: [any CodingKey]) -> String {
        path.isEmpty
            ? "the top level" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

/// What can go wrong before the model server serves anything.
public enum ModelServerError: UserFacingError, Equatable {
    /// The script file is missing or malformed.
    case scriptUnreadable(path: String, reason: String)
    /// The listening socket could not be set up.
    case cannotListen(port: UInt16, reason: String)
    /// The command line was wrong.
    case badArguments(String)
    /// `--port-file` names a file that cannot be written.
    case portFileUnwritable(String)

    public var message: String {
        switch self {
        case .scriptUnreadable(let path, let reason): "cannot load the model script '\(path)': \(reason)"
        case .cannotListen(let port, let reason): "cannot listen on 127.0.0.1:\(port): \(reason)"
        case .badArguments(let reason): reason
        case .portFileUnwritable(let path): "cannot write the port file '\(path)'"
        }
    }

    public var help: String? {
        switch self {
        case .scriptUnreadable: "see Sources/CCModelServer/README.md for the script format"
        case .cannotListen: "use --port 0 to let the system pick a free port"
        case .badArguments: "usage: ccmodel --script FILE [--port N] [--port-file FILE] [--log FILE]"
        case .portFileUnwritable: "pass a --port-file path in an existing, writable folder"
        }
    }
}
