/// How a tool ended, as the contract's three exit codes that CI scripts rely on.
public enum ExitStatus: Int32, Sendable, Equatable, CaseIterable {
    /// Passed, or the job is done.
    case success = 0
    /// A verification failed or a run failed: the tool did its job and the answer is "no".
    case failure = 1
    /// The tool could not do the job: bad input, bad configuration, not a repository, missing tool.
    case usage = 2
}
