/// The project's test command, as `--test-command CMD` asks for it.
public struct TestRequest: Sendable, Equatable {
    /// A shell command line, run by `/bin/sh -c` in the checkout being verified.
    public var command: String
    /// How long it may run before its whole process group is killed.
    public var timeoutSeconds: Int

    /// The default time limit: ten minutes.
    public static let defaultTimeoutSeconds = 600

    public init(command: String, timeoutSeconds: Int = defaultTimeoutSeconds) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
    }
}
