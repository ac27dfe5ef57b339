public import Foundation

/// One agent process run: the contract's `runs/<run-id>/meta.json`.
public struct RunRecord: Codable, Sendable, Equatable {
    /// The contract's run states; everything but `running` is final.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case running, succeeded, failed
        case timedOut = "timed_out"
        case killed
        case budgetExceeded = "budget_exceeded"
    }

    /// Tokens and money a run spent, from the agent's final `result` event.
    public struct Usage: Codable, Sendable, Equatable {
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUSD: Double

        public init(inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUSD = costUSD
        }
    }

    public var runId: String
    public var team: String
    public var agentId: String
    public var agentType: String
    public var taskId: String?
    /// Absolute path of the worktree the agent worked in.
    public var worktree: String
    public var branch: String?
    /// The commit the run started from; `ccverify run` diffs the worktree against it.
    public var baseCommit: String
    public var command: [String]
    public var startedAt: Date
    public var endedAt: Date?
    public var exitCode: Int32?
    public var status: Status
    public var model: String?
    public var usage: Usage
    public var finalText: String?
    /// Globs the run may write (from its task); empty means the policy's allow list alone.
    public var scope: [String]?
    /// A commit or stash holding uncommitted work that predates the run (`ccverify begin`), so the
    /// run's change is measured from it rather than from `baseCommit`'s tree.
    public var baseSnapshot: String?
    /// The agent's process id while it runs (also its process group); `ccteam stop --agent` signals it.
    public var pid: Int32?
    /// When that process started, in clock ticks after boot (`/proc/PID/stat`): tells it apart from
    /// a later process the kernel gave the same pid, so nobody signals a stranger.
    public var pidStartTicks: UInt64?

    public init(
        runId: String, team: String, agentId: String, agentType: String, taskId: String? = nil,
        worktree: String, branch: String? = nil, baseCommit: String, command: [String] = [],
        startedAt: Date, endedAt: Date? = nil, exitCode: Int32? = nil, status: Status = .running,
        model: String? = nil, usage: Usage = Usage(), finalText: String? = nil, scope: [String]? = nil,
        baseSnapshot: String? = nil, pid: Int32? = nil, pidStartTicks: UInt64? = nil
    ) {
        self.runId = runId
        self.team = team
        self.agentId = agentId
        self.agentType = agentType
        self.taskId = taskId
        self.worktree = worktree
        self.branch = branch
        self.baseCommit = baseCommit
        self.command = command
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.exitCode = exitCode
        self.status = status
        self.model = model
        self.usage = usage
        self.finalText = finalText
        self.scope = scope
        self.baseSnapshot = baseSnapshot
        self.pid = pid
        self.pidStartTicks = pidStartTicks
    }
}
