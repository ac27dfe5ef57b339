public import CCCore
public import Foundation

/// Where a team stands, built from its files alone (team.json, tasks, run records, event streams),
/// so any terminal can ask while the launcher runs or after it is gone. `ccteam status --json`
/// prints exactly this value.
public struct TeamStatus: Codable, Sendable, Equatable {
    /// One agent's latest run.
    public struct Agent: Codable, Sendable, Equatable {
        /// `lead`, `worker-1`, ...
        public var agentId: String
        /// `nil` for a worker that has not run yet.
        public var runId: String?
        /// The run's status, `nil` when there is no run.
        public var status: RunRecord.Status?
        /// The task the run worked on, and its subject when the task still exists.
        public var taskId: String?
        public var taskSubject: String?
        /// When the run started and (once final) ended.
        public var startedAt: Date?
        public var endedAt: Date?
        /// Seconds from start to end, or to the snapshot's time while running.
        public var elapsedSeconds: Double?
        /// What the run spent, from its record once it ends; while it runs, the tokens its event
        /// stream shows so far (cost is only known at the end).
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUSD: Double
        /// The last thing its event stream shows it doing.
        public var lastAction: String?
        /// The status of its run's task now: a succeeded run whose task is still `in_progress` is
        /// being verified and merged by the launcher.
        public var taskStatus: TeamTask.Status?
        /// The model its latest run actually used (from the stream) and the one asked for.
        public var model: String?
        public var requestedModel: String?

        /// An agent row; only the id for an agent that has not run.
        public init(
            agentId: String, runId: String? = nil, status: RunRecord.Status? = nil, taskId: String? = nil,
            taskSubject: String? = nil, startedAt: Date? = nil, endedAt: Date? = nil, elapsedSeconds: Double? = nil,
            inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0, lastAction: String? = nil,
            taskStatus: TeamTask.Status? = nil
        ) {
            self.taskStatus = taskStatus
            self.agentId = agentId
            self.runId = runId
            self.status = status
            self.taskId = taskId
            self.taskSubject = taskSubject
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.elapsedSeconds = elapsedSeconds
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUSD = costUSD
            self.lastAction = lastAction
        }
    }

    /// Sums over every run of the team.
    public struct Totals: Codable, Sendable, Equatable {
        /// Runs recorded, and how many of them are still marked running.
        public var runs: Int
        public var running: Int
        /// What every run spent together.
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUSD: Double

        /// Totals, zero unless given.
        public init(runs: Int = 0, running: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double = 0) {
            self.runs = runs
            self.running = running
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUSD = costUSD
        }
    }

    /// From `team.json`: the team, its goal and where it is in its life.
    public var team: String
    public var goal: String
    public var state: TeamConfig.State
    /// The launcher's pid as recorded, and whether that process is alive now.
    public var launcherPID: Int32?
    public var launcherAlive: Bool
    /// Where accepted work goes, and the commit the team started from.
    public var integrationBranch: String
    public var baseCommit: String
    /// How many workers the team was launched with.
    public var workers: Int
    /// Task counts from the task graph (archived tasks included).
    public var tasks: TaskGraph.Summary
    /// The lead (when it ran) and every worker, in that order.
    public var agents: [Agent]
    /// Sums over every run of the team.
    public var totals: Totals
    /// When the snapshot was taken.
    public var at: Date
    /// Whether its agents run confined (false only with `--unconfined`).
    public var confined: Bool = true
    /// Tokens and cost by model and by agent over every finished run of the team.
    public var spending = Spending()
    /// One line per run whose agent used another model than the one asked for.
    public var modelWarnings: [String] = []

    /// Whether anything can still change: the launcher lives and the team is not done.
    public var isActive: Bool { launcherAlive && (state == .planning || state == .running) }

    /// Reads the team's files at `location` as of `now`.
    public static func load(_ location: TeamLocation, now: Date = Date()) throws -> TeamStatus {
        let config = try TeamConfig.load(root: location.root, team: location.team)
        let graph = try location.store().graph(includeArchived: true)
        let tasks = Dictionary(graph.tasks.map { ($0.task.id, $0.task) }, uniquingKeysWith: { a, _ in a })
        let runs = TeamRuns(root: location.root)
        let all = runs.runs(ofTeam: location.team)
        var latest: [String: RunRecord] = [:]
        var usage: [String: RunRecord.Usage] = [:]
        for run in all {
            latest[run.agentId] = run
            let events = runs.directory(for: run.runId).appendingPathComponent("events.ndjson")
            usage[run.runId] = LiveUsage.usage(of: run, eventsFile: events)
        }
        let workerIDs = config.workers > 0 ? (1...config.workers).map { "worker-\($0)" } : []
        let ids = Set(workerIDs).union(latest.keys).sorted(by: Self.agentPrecedes)
        let agents = ids.map { id -> Agent in
            guard let run = latest[id] else { return Agent(agentId: id) }
            let spent = usage[run.runId] ?? run.usage
            return Agent(
                agentId: id, runId: run.runId, status: run.status, taskId: run.taskId,
                taskSubject: run.taskId.flatMap { tasks[$0]?.subject }, startedAt: run.startedAt, endedAt: run.endedAt,
                elapsedSeconds: max(0, (run.endedAt ?? now).timeIntervalSince(run.startedAt)),
                inputTokens: spent.inputTokens, outputTokens: spent.outputTokens, costUSD: spent.costUSD,
                lastAction: lastAction(in: runs.directory(for: run.runId).appendingPathComponent("events.ndjson")),
                taskStatus: run.taskId.flatMap { tasks[$0]?.status })
        }
        let agentsWithModels = agents.map { agent -> Agent in
            var agent = agent
            agent.model = latest[agent.agentId]?.model
            agent.requestedModel = latest[agent.agentId]?.requestedModel
            return agent
        }
        let warnings = all.compactMap { run in
            run.modelMismatch.map { "warning: run \(run.runId) (\(run.agentId)): \($0)" }
        }
        var totals = Totals(runs: all.count)
        for run in all {
            if run.status == .running { totals.running += 1 }
            let spent = usage[run.runId] ?? run.usage
            totals.inputTokens += spent.inputTokens
            totals.outputTokens += spent.outputTokens
            totals.costUSD += spent.costUSD
        }
        return TeamStatus(
            team: config.team, goal: config.goal, state: config.state, launcherPID: config.launcherPID,
            launcherAlive: config.launcherIsAlive,
            integrationBranch: config.integrationBranch, baseCommit: config.baseCommit, workers: config.workers,
            tasks: graph.summary, agents: agentsWithModels, totals: totals, at: now,
            confined: config.settings.isConfined,
            spending: Spending(runs: all), modelWarnings: warnings)
    }

    /// The last action an event stream shows, read from its tail.
    static func lastAction(in file: URL) -> String? {
        guard let text = TailReader.lastBytes(of: file.path, count: 64 * 1024) else { return nil }
        for line in text.split(whereSeparator: \.isNewline).reversed() {
            if let action = RunLogEntry.entries(fromLine: line).reversed().lazy.compactMap(\.action).first {
                return action
            }
        }
        return nil
    }

    /// `lead` first, then workers by number, then anything else by name.
    public static func agentPrecedes(_ left: String, _ right: String) -> Bool {
        func key(_ id: String) -> (Int, String, Int, String) {
            if id == "lead" { return (0, "", 0, id) }
            // `worker-2` before `worker-10`, workers before reviewers and any later kind of agent.
            if let dash = id.lastIndex(of: "-"), let number = Int(id[id.index(after: dash)...]) {
                let kind = String(id[..<dash])
                return (kind == "worker" ? 1 : 2, kind, number, id)
            }
            return (3, id, 0, id)
        }
        return key(left) < key(right)
    }
}
