public import CCCore
public import Foundation

/// `.ccteam/teams/<team>/team.json`: how a team was launched and where it stands, so `status`,
/// `stop`, `resume` and `gc` work from any terminal, and a killed launcher can be resumed.
@dynamicMemberLookup
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
    /// How the agents run; its fields sit at the top level of `team.json` and read as the
    /// config's own (`config.workers`).
    public var settings: LaunchSettings
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
        team: String, goal: String, baseCommit: String, integrationBranch: String, settings: LaunchSettings,
        workersMayCreateTasks: Bool = false, createdAt: Date = Date(), state: State = .planning,
        launcherPID: Int32? = nil, spentUSD: Double = 0
    ) {
        self.team = team
        self.goal = goal
        self.baseCommit = baseCommit
        self.integrationBranch = integrationBranch
        self.settings = settings
        self.workersMayCreateTasks = workersMayCreateTasks
        self.createdAt = createdAt
        self.state = state
        self.launcherPID = launcherPID
        self.spentUSD = spentUSD
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<LaunchSettings, Value>) -> Value {
        get { settings[keyPath: keyPath] }
        set { settings[keyPath: keyPath] = newValue }
    }

    private enum CodingKeys: String, CodingKey {
        case team, goal, baseCommit, integrationBranch, workersMayCreateTasks, createdAt, state, launcherPID,
            launcherStartTicks, spentUSD
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        team = try container.decode(String.self, forKey: .team)
        goal = try container.decode(String.self, forKey: .goal)
        baseCommit = try container.decode(String.self, forKey: .baseCommit)
        integrationBranch = try container.decode(String.self, forKey: .integrationBranch)
        settings = try LaunchSettings(from: decoder)
        workersMayCreateTasks = try container.decodeIfPresent(Bool.self, forKey: .workersMayCreateTasks) ?? false
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        state = try container.decode(State.self, forKey: .state)
        launcherPID = try container.decodeIfPresent(Int32.self, forKey: .launcherPID)
        launcherStartTicks = try container.decodeIfPresent(UInt64.self, forKey: .launcherStartTicks)
        spentUSD = try container.decodeIfPresent(Double.self, forKey: .spentUSD) ?? 0
    }

    /// One flat object: the settings' keys beside the config's own.
    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(team, forKey: .team)
        try container.encode(goal, forKey: .goal)
        try container.encode(baseCommit, forKey: .baseCommit)
        try container.encode(integrationBranch, forKey: .integrationBranch)
        try container.encode(workersMayCreateTasks, forKey: .workersMayCreateTasks)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(state, forKey: .state)
        try container.encodeIfPresent(launcherPID, forKey: .launcherPID)
        try container.encodeIfPresent(launcherStartTicks, forKey: .launcherStartTicks)
        try container.encode(spentUSD, forKey: .spentUSD)
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
