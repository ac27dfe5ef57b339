public import CCProcess

/// The project's test command, as `--test-command` gives it.
public struct TestRequest: Sendable, Equatable {
    /// A shell command line, run by `/bin/sh -c` in the checkout being verified.
    public var command: String
    /// How long it may run before its whole process group is killed.
    public var timeoutSeconds: Int
    /// What the tests may write. The launcher confines them like the agent whose code they run;
    /// `nil` (a person's own `ccverify`) runs them with the caller's rights.
    public var confinement: Confinement?
    /// Variables set over the caller's environment (the run's private `TMPDIR`, for example).
    public var environment: [String: String]

    /// The default time limit: ten minutes.
    public static let defaultTimeoutSeconds = 600

    public init(
        command: String, timeoutSeconds: Int = defaultTimeoutSeconds, confinement: Confinement? = nil,
        environment: [String: String] = [:]
    ) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.confinement = confinement
        self.environment = environment
    }
}
