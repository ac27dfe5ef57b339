public import CCCore
public import Foundation

/// `.ccteam/teams/<team>/team.json`: how a team was launched and where it stands, so `status`,
/// `stop`, `resume` and `gc` work from any terminal, and a killed launcher can be resumed.
public struct TeamConfig: Codable, Sendable, Equatable {
    /// Where a team is in its life.
    public enum State: String, Codable, Sendable {
        /// The lead is building the task graph.
        case planning
        /// Workers are on the tasks.
        case running
        /// Stopped before the end (a signal, `ccteam stop`, the budget): `ccteam resume` continues.
        case stopped
        /// Every task ended; nothing left to run.
        case finished
    }

    /// The agent backends of the contract.
    public enum Agent: String, Codable, Sendable, CaseIterable {
        case claude, command
    }

    public var team: String
    public var goal: String
    public var baseCommit: String
    public var integrationBranch: String
    public var workers: Int
    public var agent: Agent
    public var agentCommand: String?
    public var model: String?
    public var leadModel: String?
    public var policy: String?
    public var testCommand: String?
    public var taskTimeoutSeconds: Double
    public var maxRetries: Int
    public var permissionMode: String
    public var maxBudgetUSD: Double?
    /// The most output one run may print before it is stopped as `budget_exceeded`.
    public var maxOutputBytes: Int?
    /// Git-ignored files copied into every worktree (`--include`).
    public var include: [String]?
    /// Read by the task tools: whether workers may create tasks (only the lead may by default).
    public var workersMayCreateTasks: Bool
    public var createdAt: Date
    public var state: State
    /// The launcher process while it runs; `ccteam stop` signals it.
    public var launcherPID: Int32?
    /// When the launcher started, in clock ticks after boot: a later process given the same pid
    /// is not mistaken for it.
    public var launcherStartTicks: UInt64?
    /// What the team's finished runs cost so far.
    public var spentUSD: Double

    public init(
        team: String, goal: String, baseCommit: String, integrationBranch: String, workers: Int, agent: Agent,
        agentCommand: String? = nil, model: String? = nil, leadModel: String? = nil, policy: String? = nil,
        testCommand: String? = nil, taskTimeoutSeconds: Double, maxRetries: Int, permissionMode: String,
        maxBudgetUSD: Double? = nil, maxOutputBytes: Int? = nil, include: [String]? = nil,
        workersMayCreateTasks: Bool = false, createdAt: Date = Date(),
        state: State = .planning, launcherPID: Int32? = nil, spentUSD: Double = 0
    ) {
        self.team = team
        self.goal = goal
        self.baseCommit = baseCommit
        self.integrationBranch = integrationBranch
        self.workers = workers
        self.agent = agent
        self.agentCommand = agentCommand
        self.model = model
        self.leadModel = leadModel
        self.policy = policy
        self.testCommand = testCommand
        self.taskTimeoutSeconds = taskTimeoutSeconds
        self.maxRetries = maxRetries
        self.permissionMode = permissionMode
        self.maxBudgetUSD = maxBudgetUSD
        self.maxOutputBytes = maxOutputBytes
        self.include = include
        self.workersMayCreateTasks = workersMayCreateTasks
        self.createdAt = createdAt
        self.state = state
        self.launcherPID = launcherPID
        self.spentUSD = spentUSD
    }

    /// The file of `team` under the main checkout `root`.
    public static func file(root: URL, team: String) -> URL {
        TeamPaths.teamDirectory(root: root, team: team).appendingPathComponent("team.json")
    }

    /// Reads a team's config; a missing file means there is no such team.
    public static func load(root: URL, team: String) throws -> TeamConfig {
        let file = file(root: root, team: team)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ToolError(
                "there is no team '\(team)' in \(root.path)",
                help: "start one with 'ccteam launch GOAL', or name another with --team")
        }
        do {
            return try JSONCoding.decoder().decode(TeamConfig.self, from: data)
        } catch {
            throw ToolError(
                "\(file.path) is not a valid team file: \(error.localizedDescription)",
                help: "fix it by hand, or remove the team with 'ccteam gc --team \(team)'")
        }
    }

    /// Writes the config atomically (temp file, fsync, rename), creating the team folder.
    public func save(root: URL) throws {
        let file = Self.file(root: root, team: team)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try StoreFiles.writeAtomically(Array(try JSONCoding.encoder().encode(self)), to: file.path)
    }

    /// Whether the launcher recorded in the file is still alive: a zombie, or another process
    /// that got its pid later, counts as gone.
    public var launcherIsAlive: Bool {
        launcherPID.map { ProcessProbe.isAlive($0, startTicks: launcherStartTicks) } ?? false
    }

    /// Records this process as the team's launcher.
    public mutating func recordLauncher() {
        launcherPID = getpid()
        launcherStartTicks = ProcessProbe.startTicks(of: getpid())
    }

    /// Forgets the launcher: it has ended, or is about to.
    public mutating func clearLauncher() {
        launcherPID = nil
        launcherStartTicks = nil
    }
}
