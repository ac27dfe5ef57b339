public import CCCore

/// A policy (or a task scope) that cannot be used; names the file, line and value at fault.
public struct PolicyError: UserFacingError, Equatable {
    /// Where the problem is.
    public var location: PolicyLocation
    /// What is wrong there.
    public var problem: String
    public var help: String?

    public init(_ problem: String, at location: PolicyLocation, help: String? = nil) {
        self.location = location
        self.problem = problem
        self.help = help
    }

    public var message: String { "\(location): \(problem)" }
}
