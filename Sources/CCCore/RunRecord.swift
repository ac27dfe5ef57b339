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

    /// Tokens and money one model spent in a run, from the `result` event's `modelUsage`.
    public struct ModelUsage: Codable, Sendable, Equatable {
        public var inputTokens: Int
        public var outputTokens: Int
        public var cacheReadTokens: Int
        public var cacheCreationTokens: Int
        public var costUSD: Double

        public init(
            inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheCreationTokens: Int = 0,
            costUSD: Double = 0
        ) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.cacheReadTokens = cacheReadTokens
            self.cacheCreationTokens = cacheCreationTokens
            self.costUSD = costUSD
        }

        /// All cache tokens, read and written: the contract's `cacheTokens`, kept beside the two parts.
        public var cacheTokens: Int { cacheReadTokens + cacheCreationTokens }

        private enum CodingKeys: String, CodingKey {
            case inputTokens, outputTokens, cacheTokens, cacheReadTokens, cacheCreationTokens, costUSD
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
            outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
            cacheReadTokens = try container.decodeIfPresent(Int.self, forKey: .cacheReadTokens) ?? 0
            cacheCreationTokens = try container.decodeIfPresent(Int.self, forKey: .cacheCreationTokens) ?? 0
            costUSD = try container.decodeIfPresent(Double.self, forKey: .costUSD) ?? 0
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(inputTokens, forKey: .inputTokens)
            try container.encode(outputTokens, forKey: .outputTokens)
            try container.encode(cacheTokens, forKey: .cacheTokens)
            try container.encode(cacheReadTokens, forKey: .cacheReadTokens)
            try container.encode(cacheCreationTokens, forKey: .cacheCreationTokens)
            try container.encode(costUSD, forKey: .costUSD)
        }

        /// Adds another run's spending on the same model.
        public mutating func add(_ other: ModelUsage) {
            inputTokens += other.inputTokens
            outputTokens += other.outputTokens
            cacheReadTokens += other.cacheReadTokens
            cacheCreationTokens += other.cacheCreationTokens
            costUSD += other.costUSD
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
    /// The model the agent actually used, from its stream (init event, else `modelUsage`).
    public var model: String?
    /// The model the launcher asked for (`--model`, `--lead-model`); `nil` for the agent's default.
    public var requestedModel: String?
    /// Per-model tokens and cost, keyed by model name; `nil` until the agent reports them.
    public var models: [String: ModelUsage]?
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
        model: String? = nil, requestedModel: String? = nil, models: [String: ModelUsage]? = nil,
        usage: Usage = Usage(), finalText: String? = nil, scope: [String]? = nil,
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
        self.requestedModel = requestedModel
        self.models = models
        self.usage = usage
        self.finalText = finalText
        self.scope = scope
        self.baseSnapshot = baseSnapshot
        self.pid = pid
        self.pidStartTicks = pidStartTicks
    }

    /// A warning when the agent ran on another model than the one asked for; an alias such as
    /// `sonnet` matches any model whose name contains it.
    public var modelMismatch: String? {
        guard let requestedModel, let model, !requestedModel.isEmpty else { return nil }
        if model == requestedModel || model.lowercased().contains(requestedModel.lowercased()) { return nil }
        return "requested model \(requestedModel) but the agent used \(model)"
    }

    private enum CodingKeys: String, CodingKey {
        case runId, team, agentId, agentType, taskId, worktree, branch, baseCommit, command, startedAt, endedAt
        case exitCode, status, model, requestedModel, models, usage, finalText, scope, baseSnapshot, pid
        case pidStartTicks
    }

    /// Writes every contract key, `null` where it does not apply (the lead's `taskId`, a running
    /// run's `endedAt`), so readers never have to tell a missing key from an empty one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runId, forKey: .runId)
        try container.encode(team, forKey: .team)
        try container.encode(agentId, forKey: .agentId)
        try container.encode(agentType, forKey: .agentType)
        try container.encode(taskId, forKey: .taskId)
        try container.encode(worktree, forKey: .worktree)
        try container.encode(branch, forKey: .branch)
        try container.encode(baseCommit, forKey: .baseCommit)
        try container.encode(command, forKey: .command)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(status, forKey: .status)
        try container.encode(model, forKey: .model)
        try container.encode(requestedModel, forKey: .requestedModel)
        try container.encode(models, forKey: .models)
        try container.encode(usage, forKey: .usage)
        try container.encode(finalText, forKey: .finalText)
        try container.encodeIfPresent(scope, forKey: .scope)
        try container.encodeIfPresent(baseSnapshot, forKey: .baseSnapshot)
        try container.encodeIfPresent(pid, forKey: .pid)
        try container.encodeIfPresent(pidStartTicks, forKey: .pidStartTicks)
    }
}
