public import Foundation

/// What Claude Code sends a `PreToolUse` hook on stdin, reduced to what the write check needs.
public struct HookInput: Sendable, Equatable {
    /// The tools that write files, and so are checked.
    public static let writingTools: Set<String> = ["Write", "Edit", "MultiEdit", "NotebookEdit"]

    /// `Write`, `Edit`, `Bash`, ...
    public var toolName: String
    /// The file the tool would write, as given (absolute for Claude Code's file tools).
    public var filePath: String?
    /// The text the tool would put into the file: all of it for `Write`, the replacement strings
    /// for `Edit` and `MultiEdit`, the cell source for `NotebookEdit`.
    public var newContent: [String]
    /// The session's working directory.
    public var cwd: String?

    public init(toolName: String, filePath: String? = nil, newContent: [String] = [], cwd: String? = nil) {
        self.toolName = toolName
        self.filePath = filePath
        self.newContent = newContent
        self.cwd = cwd
    }

    /// Whether the tool writes files.
    public var writes: Bool { Self.writingTools.contains(toolName) }

    /// Reads the hook's JSON. Throws ``HookInputError`` for anything that is not a JSON object with a
    /// `tool_name`, or a writing tool call without a path: the hook then blocks (fails closed).
    public static func parse(_ data: Data) throws(HookInputError) -> HookInput {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw HookInputError("the hook input on stdin is not a JSON object")
        }
        guard let toolName = root["tool_name"] as? String, !toolName.isEmpty else {
            throw HookInputError("the hook input has no 'tool_name'")
        }
        let cwd = root["cwd"] as? String
        guard writingTools.contains(toolName) else { return HookInput(toolName: toolName, cwd: cwd) }
        guard let input = root["tool_input"] as? [String: Any] else {
            throw HookInputError("the \(toolName) call has no 'tool_input' object")
        }
        let path = (input["file_path"] as? String) ?? (input["notebook_path"] as? String)
        guard let path, !path.isEmpty else {
            throw HookInputError("the \(toolName) call names no file ('tool_input.file_path')")
        }
        var content: [String] = []
        switch toolName {
        case "Write":
            if let text = input["content"] as? String { content.append(text) }
        case "Edit":
            if let text = input["new_string"] as? String { content.append(text) }
        case "MultiEdit":
            for case let edit as [String: Any] in (input["edits"] as? [Any]) ?? [] {
                if let text = edit["new_string"] as? String { content.append(text) }
            }
        case "NotebookEdit":
            if let text = input["new_source"] as? String { content.append(text) }
        default:
            break
        }
        return HookInput(toolName: toolName, filePath: path, newContent: content, cwd: cwd)
    }
}

/// Hook input that cannot be read; the hook blocks the call rather than let an unchecked write through.
public struct HookInputError: Error, Sendable, Equatable {
    /// What is wrong with the input.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }
}
