/// How a child process ended, as the kernel reported it.
public enum ProcessTermination: Sendable, Equatable, CustomStringConvertible {
    /// It called `exit` with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// Decodes a `waitpid` status (the WIFEXITED/WEXITSTATUS macros are not importable).
    init(waitStatus status: Int32) {
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signaled(status & 0x7f)
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}

/// Why the supervisor ended a process before it finished by itself.
public enum StopReason: String, Sendable, Equatable, Codable {
    /// It ran past its time limit.
    case timedOut = "timed_out"
    /// It printed nothing for longer than its idle limit.
    case idle
    /// It printed more than its output budget.
    case budgetExceeded = "budget_exceeded"
    /// The owner asked it to stop (``SupervisedProcess/stop()``, task cancellation, a signal).
    case requested
}

/// Everything known about a finished process: a non-zero exit is a result, not an error.
public struct ProcessResult: Sendable, Equatable {
    /// The child's process id (also its process group and session id).
    public var pid: Int32
    /// How the child ended.
    public var termination: ProcessTermination
    /// Set when the supervisor stopped the child; `nil` when it ended by itself.
    public var stopReason: StopReason?
    /// Wall time from spawn until the child and its group were gone.
    public var duration: Duration
    /// The last bytes the child wrote to its piped outputs, in arrival order, decoded as UTF-8.
    public var output: String
    /// The number of bytes the child wrote to its piped outputs in total.
    public var outputByteCount: Int
    /// Whether ``output`` lost its beginning to the tail bound.
    public var outputTruncated: Bool
    /// Leftover processes outside the group that carried the run's marker and were killed.
    public var leftoversKilled: [Int32]

    /// The exit status, when the child exited by itself.
    public var exitCode: Int32? {
        if case .exited(let code) = termination { code } else { nil }
    }
    /// Whether the child exited with status 0 and was not stopped.
    public var succeeded: Bool { termination == .exited(0) && stopReason == nil }
    /// Whether the time limit (or idle limit) ended the child.
    public var timedOut: Bool { stopReason == .timedOut || stopReason == .idle }
    /// Whether the output budget ended the child.
    public var budgetExceeded: Bool { stopReason == .budgetExceeded }
}
