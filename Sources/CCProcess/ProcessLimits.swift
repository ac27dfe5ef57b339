/// Bounds on a child: time, silence, output, and how gently it is torn down.
public struct ProcessLimits: Sendable, Equatable {
    /// Stop the child after this long (SIGTERM to the group, then SIGKILL after ``grace``).
    public var timeout: Duration?
    /// Stop the child when it prints nothing for this long: a watchdog for hung children.
    public var idleTimeout: Duration?
    /// Stop the child once it has written more than this many bytes to its piped outputs.
    public var outputBudget: Int?
    /// How many of the last output bytes to keep for ``ProcessResult/output``.
    public var tailBytes: Int
    /// How long the group has after SIGTERM before SIGKILL.
    public var grace: Duration

    /// Limits with a 64 KiB tail and a 5 second grace; no time or output bound unless given.
    public init(
        timeout: Duration? = nil, idleTimeout: Duration? = nil, outputBudget: Int? = nil,
        tailBytes: Int = 64 * 1024, grace: Duration = .seconds(5)
    ) {
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.outputBudget = outputBudget
        self.tailBytes = tailBytes
        self.grace = grace
    }
}
