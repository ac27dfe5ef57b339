/// An error the user can act on: what happened, and what to do about it.
///
/// Every tool prints these once, in one place, as `error: <message>` followed by `help: <help>`,
/// and exits with ``exitStatus`` (``ExitStatus/usage`` unless the error is a failed check).
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One line saying what happened, naming the input at fault.
    var message: String { get }
    /// One line saying how to fix it, or `nil` when the message already says so.
    var help: String? { get }
    /// The exit status the tool ends with.
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var help: String? { nil }
    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
}

/// A ready-made ``UserFacingError`` for failures that need no type of their own.
public struct ToolError: UserFacingError, Equatable {
    public var message: String
    public var help: String?
    public var exitStatus: ExitStatus

    public init(_ message: String, help: String? = nil, exitStatus: ExitStatus = .usage) {
        self.message = message
        self.help = help
        self.exitStatus = exitStatus
    }
}
