public import CCCore
import Foundation
public import MCP

/// The team task tools agents call over MCP (`TaskCreate`, `TaskGet`, `TaskUpdate`, `TaskList`),
/// independent of any transport so tests can call them directly.
///
/// Refusals and bad arguments come back as tool results with `isError` (the agent reads them and
/// adapts); only an unknown tool name is a protocol error.
public struct TaskTools: Sendable {
    public let store: TaskStore
    /// The caller: bound by the launcher to the run it started (see ``TaskToolBroker``), or — for
    /// `ccteam mcp` run outside a launch — from the process's `CLAUDE_CODE_AGENT_*` environment;
    /// `nil` for a person running the server by hand, who is treated like the lead.
    public let identity: Identity?
    public let settings: TeamSettings
    /// Masks secrets in the text agents write into tasks (subjects, descriptions, comments).
    public let redact: @Sendable (String) -> String

    public init(
        store: TaskStore, identity: Identity?, settings: TeamSettings,
        redact: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.store = store
        self.identity = identity
        self.settings = settings
        self.redact = redact
    }

    private var callerName: String { identity?.agentID ?? "user" }

    /// The tool descriptions with JSON Schemas for their inputs.
    public static let definitions: [Tool] = [
        Tool(
            name: "TaskCreate",
            description: "Create a task in the team's task graph. Returns the new task with its id.",
            inputSchema: schema(
                properties: [
                    "subject": ["type": "string", "description": "A one-line summary of the work."],
                    "description": ["type": "string", "description": "What to do, in as much detail as needed."],
                    "blockedBy": idList("Ids of tasks that must be resolved before this one is ready."),
                    "scope": [
                        "type": "array", "items": ["type": "string"],
                        "description": "Globs of the paths the task may change.",
                    ],
                    "model": [
                        "type": "string",
                        "description": "The model the task's worker should use (a cheaper one for simple work).",
                    ],
                ], required: ["subject", "description"])),
        Tool(
            name: "TaskGet",
            description: "Get one task in full: status, owner, dependencies, scope and comments.",
            inputSchema: schema(properties: ["taskId": idSchema("The task id.")], required: ["taskId"])),
        Tool(
            name: "TaskUpdate",
            description:
                "Update a task: status, owner, a comment, or new dependencies. Only the owner or the team lead may "
                + "update a task that is in progress.",
            inputSchema: schema(
                properties: [
                    "taskId": idSchema("The task id."),
                    "status": ["type": "string", "enum": ["open", "in_progress", "resolved", "failed"]],
                    "owner": ["type": "string", "description": "The agent id taking the task (empty to clear)."],
                    "addComment": [
                        "type": "object",
                        "properties": ["author": ["type": "string"], "content": ["type": "string"]],
                        "required": ["content"],
                    ],
                    "addBlockedBy": idList("Ids of tasks this one must also wait for."),
                    "addBlocks": idList("Ids of tasks that must also wait for this one."),
                ], required: ["taskId"])),
        Tool(
            name: "TaskList",
            description: "List every task of the team: id, subject, status, owner and blockedBy.",
            inputSchema: schema(
                properties: [
                    "status": [
                        "type": "string", "enum": ["open", "in_progress", "resolved", "failed"],
                        "description": "Only tasks in this status.",
                    ]
                ], required: [])),
    ]

    /// Runs one tool call. Throws only for an unknown tool (a JSON-RPC error for the client).
    public func call(_ name: String, arguments: [String: Value]?) throws(MCPError) -> CallTool.Result {
        let arguments = Arguments(values: arguments ?? [:])
        do {
            switch name {
            case "TaskCreate": return try result(create(arguments))
            case "TaskGet": return try result(store.get(try arguments.id("taskId")))
            case "TaskUpdate": return try result(update(arguments))
            case "TaskList": return try result(list(arguments))
            default:
                throw MCPError.invalidParams(
                    "unknown tool '\(name)'; the tools are " + Self.definitions.map(\.name).joined(separator: ", "))
            }
        } catch let error as MCPError {
            throw error
        } catch let error as any UserFacingError {
            let text = "error: \(error.message)" + (error.help.map { "\nhelp: \($0)" } ?? "")
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: true)
        } catch {
            return CallTool.Result(
                content: [.text(text: "error: \(error)", annotations: nil, _meta: nil)], isError: true)
        }
    }

    private func create(_ arguments: Arguments) throws -> TeamTask {
        try TaskPermissions.checkCreate(identity: identity, settings: settings, team: store.team)
        return try store.create(
            subject: redact(try arguments.string("subject")),
            description: redact(try arguments.optionalString("description") ?? ""),
            blockedBy: try arguments.ids("blockedBy"), scope: try arguments.strings("scope"),
            model: try arguments.optionalString("model"))
    }

    private func update(_ arguments: Arguments) throws -> TeamTask {
        let id = try arguments.id("taskId")
        var change = TaskChange()
        if let status = try arguments.optionalString("status") { change.status = try TaskText.status(status) }
        if let owner = try arguments.optionalString("owner") { change.owner = .some(owner.isEmpty ? nil : owner) }
        if let comment = arguments.values["addComment"], !comment.isNull {
            guard let parts = comment.objectValue, let content = parts["content"]?.stringValue else {
                throw TaskArgumentError.wrongType(name: "addComment", expected: "an object with 'content'")
            }
            // An agent signs as itself, whatever it writes; only a person at the server may name an author.
            let given = parts["author"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let author = identity == nil ? given ?? callerName : callerName
            change.addComments = [TeamTask.Comment(author: author, content: redact(content), at: Date())]
        }
        change.addBlockedBy = try arguments.ids("addBlockedBy")
        change.addBlocks = try arguments.ids("addBlocks")
        change = TaskPermissions.deferringSupervisedStatus(change, to: try? store.get(id), identity: identity)
        return try store.update(id, change, authorize: TaskPermissions.updateCheck(identity: identity))
    }

    private struct Summary: Encodable {
        var id, subject, status: String
        var owner: String?
        var blockedBy: [String]

        private enum CodingKeys: String, CodingKey { case id, subject, status, owner, blockedBy }

        /// Writes `owner` as `null` when unset, so every entry has the same five keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(subject, forKey: .subject)
            try container.encode(status, forKey: .status)
            try container.encode(owner, forKey: .owner)
            try container.encode(blockedBy, forKey: .blockedBy)
        }
    }

    private func list(_ arguments: Arguments) throws -> [Summary] {
        let status = try arguments.optionalString("status").map { text throws(TaskStoreError) in
            try TaskText.status(text)
        }
        return try store.list(status: status).map {
            Summary(
                id: $0.id, subject: $0.subject, status: $0.status.rawValue, owner: $0.owner, blockedBy: $0.blockedBy)
        }
    }

    private func result(_ value: some Encodable) throws -> CallTool.Result {
        let data = try JSONCoding.encoder(pretty: false).encode(value)
        return CallTool.Result(
            content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)], isError: false)
    }

    // MARK: Schemas

    private static func schema(properties: [String: Value], required: [String]) -> Value {
        [
            "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    private static func idSchema(_ description: String) -> Value {
        ["type": "string", "pattern": "^[1-9][0-9]*$", "description": .string(description)]
    }

    private static func idList(_ description: String) -> Value {
        [
            "type": "array", "items": ["type": "string", "pattern": "^[1-9][0-9]*$"],
            "description": .string(description),
        ]
    }
}

/// Reads tool arguments, naming the argument at fault when one is missing or of the wrong type.
private struct Arguments {
    var values: [String: Value]

    func string(_ name: String) throws(TaskArgumentError) -> String {
        guard let value = try optionalString(name) else { throw .missing(name) }
        return value
    }

    func optionalString(_ name: String) throws(TaskArgumentError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .wrongType(name: name, expected: "a string") }
        return text
    }

    func strings(_ name: String) throws(TaskArgumentError) -> [String] {
        guard let value = values[name], !value.isNull else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw .wrongType(name: name, expected: "a list of strings")
        }
        return items.compactMap(\.stringValue)
    }

    /// A task id; agents sometimes send it as a number, which is accepted.
    func id(_ name: String) throws(TaskArgumentError) -> String {
        guard let value = values[name], !value.isNull else { throw .missing(name) }
        guard let id = Self.idText(value) else { throw .wrongType(name: name, expected: "a task id such as \"3\"") }
        return id
    }

    func ids(_ name: String) throws(TaskArgumentError) -> [String] {
        guard let value = values[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw .wrongType(name: name, expected: "a list of task ids") }
        return try items.map { item throws(TaskArgumentError) in
            guard let id = Self.idText(item) else { throw .wrongType(name: name, expected: "a list of task ids") }
            return id
        }
    }

    private static func idText(_ value: Value) -> String? {
        if let text = value.stringValue { return text }
        if let number = value.intValue { return String(number) }
        return nil
    }
}

/// A tool argument was missing or of the wrong type.
public enum TaskArgumentError: UserFacingError, Equatable {
    case missing(String)
    case wrongType(name: String, expected: String)

    public var message: String {
        switch self {
        case .missing(let name): "missing required argument '\(name)'"
        case .wrongType(let name, let expected): "argument '\(name)' must be \(expected)"
        }
    }

    public var help: String? { "see the tool's input schema in tools/list" }
}
