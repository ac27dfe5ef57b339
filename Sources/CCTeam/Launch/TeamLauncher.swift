public import CCCore
import CCGit
import CCPrompt
import CCSecrets
import CCVerify
public import Foundation

/// What `ccteam launch` was asked to do, as plain values.
public struct LaunchRequest: Sendable {
    public var goal: String
    public var team: String?
    public var planFile: URL?
    /// The commit the team starts from (default `HEAD`).
    public var base: String?
    public var settings: LaunchSettings
    public var directory: URL
    public var environment: [String: String]

    public init(
        goal: String, team: String? = nil, planFile: URL? = nil, base: String? = nil,
        settings: LaunchSettings = LaunchSettings(), directory: URL, environment: [String: String]
    ) {
        self.goal = goal
        self.team = team
        self.planFile = planFile
        self.base = base
        self.settings = settings
        self.directory = directory
        self.environment = environment
    }
}

/// Where a running team is shown: the live table or plain event lines.
public protocol TeamDisplay: Sendable {
    /// Starts showing the team's workers.
    func attach(_ monitor: TeamMonitor)
    /// One notable event, as a plain line.
    func line(_ text: String)
}

/// How a launch ended, for the summary and the exit status.
public struct LaunchSummary: Codable, Sendable, Equatable {
    public var team: String
    public var state: TeamConfig.State
    public var tasks: Int
    public var resolved: [String]
    public var failed: [String]
    /// Open tasks that never started: their dependencies failed, or the team was stopped.
    public var notStarted: [String]
    public var runs: Int
    public var tokens: Int
    public var costUSD: Double
    public var integrationBranch: String
    /// The lead's last words when it planned nothing (why the launch failed).
    public var leadText: String?
    /// Set when the team stopped because the repository was changed behind the launcher.
    public var tampering: Tampering?
    /// Tokens and cost by model and by agent, from the team's run records.
    public var spending = Spending()
    /// Where the team's report was written when the launch ended (`nil` if it could not be).
    public var reportPath: String?

    /// What the tamper check found, and what the launcher put back.
    public struct Tampering: Codable, Sendable, Equatable {
        public var differences: [String]
        /// Runs live since the repository was last found intact.
        public var liveRuns: [String]
        /// The integration tip the launcher restored.
        public var restoredIntegration: String
    }

    public init(
        team: String, state: TeamConfig.State, tasks: Int, resolved: [String], failed: [String],
        notStarted: [String], runs: Int, tokens: Int, costUSD: Double, integrationBranch: String,
        leadText: String? = nil, tampering: Tampering? = nil, spending: Spending = Spending(),
        reportPath: String? = nil
    ) {
        self.team = team
        self.state = state
        self.tasks = tasks
        self.resolved = resolved
        self.failed = failed
        self.notStarted = notStarted
        self.runs = runs
        self.tokens = tokens
        self.costUSD = costUSD
        self.integrationBranch = integrationBranch
        self.leadText = leadText
        self.tampering = tampering
        self.spending = spending
        self.reportPath = reportPath
    }

    /// Exit 0 only when every task resolved and nothing was tampered with.
    public var exitStatus: ExitStatus {
        state == .finished && failed.isEmpty && notStarted.isEmpty && tasks > 0 && tampering == nil
            ? .success : .failure
    }
}

/// `ccteam launch` and `ccteam resume`: the lead plans (or a plan file does), then the workers run.
public enum TeamLauncher {
    /// Launches a new team and runs it to the end (or until it is stopped).
    public static func launch(_ request: LaunchRequest, display: any TeamDisplay) async throws -> LaunchSummary {
        try validate(request)
        let location = try TeamLocation.resolve(
            team: request.team, from: request.directory, environment: request.environment)
        let root = location.root
        let plan = try request.planFile.map { try TeamPlan.load(contentsOf: $0) }
        let settings = request.settings
        let backend = try makeBackend(settings, environment: request.environment)
        let policy = try ScopePolicy.load(file: settings.policyFile, repositoryRoot: root)
        let pack = try PromptPack.load(packDirectory: nil, repositoryRoot: root)

        let repository = try Repository.open(at: root.path)
        let base = try repository.resolveCommit(request.base ?? "HEAD")
        let archived = try archiveFinishedTeam(location)
        let git = TeamGit(root: root.path, team: location.team)
        let kept = try git.restartIntegration(at: base, stamp: Self.stamp())
        let store = try location.preparedStore()

        var config = TeamConfig(
            team: location.team, goal: request.goal, baseCommit: base.hex, integrationBranch: git.integrationBranch,
            settings: settings, state: .planning)
        config.recordLauncher()
        try config.save(root: root)
        let tamperGuard = try TamperGuard(git: git)

        let workers = (1...settings.workers).map { "worker-\($0)" }
        let monitor = TeamMonitor(workers: (plan == nil ? ["lead"] : []) + workers) { display.line($0) }
        display.attach(monitor)
        if !settings.isConfined { monitor.note(LaunchSettings.unconfinedWarning) }
        if let archived { monitor.note("the previous team '\(location.team)' was archived to \(archived)") }
        if let kept { monitor.note("the previous integration branch was kept as \(kept)") }
        let runtime = try makeRuntime(
            root: root, config: config, git: git, pack: pack, backend: backend, policy: policy,
            environment: request.environment, monitor: monitor, store: store)

        var leadText: String?
        if let plan {
            let ids = try createTasks(plan, in: store)
            monitor.note(
                "plan: \(ids.count) task\(ids.count == 1 ? "" : "s") from \(request.planFile?.lastPathComponent ?? "the plan")"
            )
        } else {
            leadText = try await runLead(runtime: runtime, goal: request.goal, workers: settings.workers)
        }
        if try store.list().isEmpty {
            runtime.broker?.close()
            runtime.scrubber.scrub(runtime.taint.knownValues)
            config.state = .finished
            config.clearLauncher()
            try config.save(root: root)
            var summary = try summarize(
                config: config, store: store, monitor: monitor, runs: 1, root: root)
            summary.leadText = leadText ?? "(the lead said nothing)"
            summary.tampering = try await tamperCheck(tamperGuard, runtime: runtime)
            return summary
        }
        return try await work(
            runtime: runtime, config: config, store: store, workers: workers, monitor: monitor,
            tamperGuard: tamperGuard)
    }

    /// Continues a stopped (or killed) team: hands back tasks its dead launcher held and runs the rest.
    public static func resume(
        team: String?, directory: URL, environment: [String: String], display: any TeamDisplay
    ) async throws -> LaunchSummary {
        let location = try TeamLocation.resolve(team: team, from: directory, environment: environment)
        var config = try TeamConfig.load(root: location.root, team: location.team)
        if config.launcherIsAlive, config.launcherPID != getpid() {
            throw ToolError(
                "team '\(config.team)' is still running (launcher pid \(config.launcherPID ?? 0))",
                help: "watch it with 'ccteam status --watch', or stop it with 'ccteam stop'")
        }
        try config.settings.requireConfinement()
        let backend = try makeBackend(config.settings, environment: environment)
        let policy = try ScopePolicy.load(file: config.settings.policyFile, repositoryRoot: location.root)
        let pack = try PromptPack.load(packDirectory: nil, repositoryRoot: location.root)
        let store = try location.preparedStore()
        // The old launcher is gone, perhaps killed outright: end the agents it left running (their
        // worktrees are about to be reset under them), then hand back what it held.
        for line in try TeamStopper(location: location).stopTeam() { display.line(line) }
        for task in try store.list(status: .inProgress) {
            try store.update(
                task.id,
                TaskChange(
                    status: .open, owner: .some(nil),
                    addComments: [
                        TeamTask.Comment(
                            author: "ccteam", content: "handed back on resume: its launcher had stopped", at: Date())
                    ]))
        }
        config.recordLauncher()
        config.state = .running
        try config.save(root: location.root)
        let git = TeamGit(root: location.root.path, team: config.team)
        let tamperGuard = try TamperGuard(git: git)
        let workers = (1...config.workers).map { "worker-\($0)" }
        let monitor = TeamMonitor(workers: workers) { display.line($0) }
        display.attach(monitor)
        if !config.settings.isConfined { monitor.note(LaunchSettings.unconfinedWarning) }
        let runtime = try makeRuntime(
            root: location.root, config: config, git: git, pack: pack, backend: backend, policy: policy,
            environment: environment, monitor: monitor, store: store)
        monitor.note("resuming team \(config.team)")
        return try await work(
            runtime: runtime, config: config, store: store, workers: workers, monitor: monitor,
            tamperGuard: tamperGuard)
    }

    // MARK: - Phases

    static func runLead(runtime: TeamRuntime, goal: String, workers: Int) async throws -> String? {
        let git = runtime.git
        runtime.monitor.update("lead", line: "planning") {
            $0.state = .running; $0.startedAt = Date()
        }
        let (worktree, base) = try await offload { try git.prepareWorktree(for: "lead") }
        let runID = runtime.newRunID(agent: "lead", task: nil)
        let identity = Identity(
            team: runtime.config.team, agentID: "lead", agentType: .teamLead, agentName: "Team lead", runID: runID,
            root: runtime.root.path)
        let prompt = try runtime.composer.lead(goal: goal, team: runtime.config.team, workers: workers)
        let run = try await runtime.runAgent(
            identity: identity, prompt: prompt, worktree: worktree, baseCommit: base.hex, scope: [],
            model: runtime.config.settings.tiers.model(
                asked: runtime.config.leadModel ?? runtime.config.model, role: "team-lead", in: runtime.composer.pack),
            timeoutSeconds: runtime.config.taskTimeoutSeconds)
        run.sandbox.remove()
        let record = run.record
        // The lead writes nothing: whatever it left in its worktree is discarded.
        try await offload { try git.rollBack("lead", to: base) }
        runtime.monitor.update("lead", line: "planning ended '\(record.status.rawValue)'") {
            $0.state = record.status == .succeeded ? .done : .failed
        }
        return record.finalText
    }

    static func work(
        runtime: TeamRuntime, config: TeamConfig, store: TaskStore, workers: [String], monitor: TeamMonitor,
        tamperGuard: TamperGuard
    ) async throws -> LaunchSummary {
        var config = config
        config.state = .running
        try config.save(root: runtime.root)
        let board = StoreBoard(store: store)
        await board.startRenewing()
        let scheduler = TeamScheduler(
            workers: workers, maxRetries: config.maxRetries, board: board, runner: WorkerRunner(runtime: runtime),
            integrator: MergeQueue(
                git: runtime.git, monitor: monitor, tamperGuard: tamperGuard, liveRuns: runtime.liveRuns))
        var report = ScheduleReport()
        var tampering: LaunchSummary.Tampering?
        do {
            report = try await scheduler.run()
            // The end of the team is checked like every merge.
            tampering = try await tamperCheck(tamperGuard, runtime: runtime)
        } catch let detected as TamperDetected {
            tampering = try restore(tamperGuard, after: detected, runtime: runtime)
        } catch {
            await board.close()
            runtime.broker?.close()
            config.state = .stopped
            config.clearLauncher()
            try? config.save(root: runtime.root)
            throw error
        }
        await board.close()
        runtime.broker?.close()
        // Last pass: a value found while another run was writing may have slipped past the first.
        runtime.scrubber.scrub(runtime.taint.knownValues)
        config.spentUSD = await runtime.budget.spentUSD
        let stopped = Task.isCancelled || !report.interrupted.isEmpty || tampering != nil
        config.state = stopped ? .stopped : .finished
        config.clearLauncher()
        try config.save(root: runtime.root)
        var summary = try summarize(
            config: config, store: store, monitor: monitor, runs: report.attempts, root: runtime.root)
        summary.tampering = tampering
        return summary
    }

    /// Checks the repository once more; on a difference, restores and reports it.
    static func tamperCheck(_ tamperGuard: TamperGuard, runtime: TeamRuntime) async throws
        -> LaunchSummary.Tampering?
    {
        do {
            try await tamperGuard.requireIntact(runtime.liveRuns)
            return nil
        } catch let detected as TamperDetected {
            return try restore(tamperGuard, after: detected, runtime: runtime)
        }
    }

    /// Puts the integration branch back at the launcher's own record (nothing merged is lost) and
    /// `.git/config` and hooks as they were, and says so on the monitor.
    static func restore(_ tamperGuard: TamperGuard, after detected: TamperDetected, runtime: TeamRuntime) throws
        -> LaunchSummary.Tampering
    {
        try tamperGuard.restore(stamp: stamp())
        let tip = tamperGuard.integrationTip
        runtime.monitor.note(
            "stopped: the repository was changed outside the launcher: " + detected.differences.joined(separator: "; "))
        runtime.monitor.note(
            "\(runtime.git.integrationBranch) restored to \(tip.short); runs live then: "
                + (detected.suspects.isEmpty ? "none" : detected.suspects.joined(separator: ", ")))
        return LaunchSummary.Tampering(
            differences: detected.differences, liveRuns: detected.suspects, restoredIntegration: tip.hex)
    }

    // MARK: - Pieces

    static func validate(_ request: LaunchRequest) throws {
        try request.settings.requireConfinement()
        guard !request.goal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || request.planFile != nil else {
            throw ToolError(
                "the goal is empty", help: "say what the team should do: ccteam launch \"Build a REST API\"")
        }
        try request.settings.validate()
    }

    static func makeBackend(_ settings: LaunchSettings, environment: [String: String]) throws -> AgentBackend {
        let permissionMode = settings.permissionMode
        switch settings.agent {
        case .claude:
            guard let claude = ClaudeLocator(environment: environment).locate() else { throw ClaudeLocator.notFound }
            return .claude(executable: claude.path, permissionMode: permissionMode)
        case .command:
            guard let command = settings.agentCommand, !command.isEmpty else {
                throw ToolError(
                    "--agent command needs --agent-command PATH",
                    help: "name the executable that reads the prompt on stdin")
            }
            let path = URL(
                fileURLWithPath: command, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            ).path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw ToolError(
                    "--agent-command '\(command)' is not an executable file",
                    help: "give the path of a program that reads its prompt on stdin")
            }
            return .command(executable: path)
        }
    }

    static func makeRuntime(
        root: URL, config: TeamConfig, git: TeamGit, pack: PromptPack, backend: AgentBackend, policy: ScopePolicy,
        environment: [String: String], monitor: TeamMonitor, store: TaskStore
    ) throws -> TeamRuntime {
        let tools = SiblingTools()
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let scrubber = RecordScrubber(root: root, team: config.team)
        let taint = SecretTaint(scanner: scanner) { scrubber.scrub($0) }
        let broker = try TaskToolBroker(
            store: store,
            settings: try TeamSettings.load(TeamLocation(root: root, team: config.team)),
            redact: { taint.redact($0) })
        return TeamRuntime(
            root: root, config: config, git: git, composer: PromptComposer(pack: pack), backend: backend,
            protected: unique(policy.effectiveProtected.map(\.pattern)), policyFile: config.settings.policyFile,
            mcpServer: [tools.ccteam, "mcp", "--team", config.team],
            hook: tools.ccverify.map { [$0, "hook", "pre-tool-use"] },
            environment: environment, taint: taint, monitor: monitor,
            budget: BudgetKeeper(limitUSD: config.maxBudgetUSD, spentUSD: config.spentUSD) {
                ((try? store.list(status: .open).count) ?? 0) + ((try? store.list(status: .inProgress).count) ?? 0)
            }, confined: config.settings.isConfined, broker: broker)
    }

    /// `values` without repeats, first occurrence kept.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Creates a plan's tasks in order, turning positions into ids.
    static func createTasks(_ plan: TeamPlan, in store: TaskStore) throws -> [String] {
        var ids: [String] = []
        // Dependencies may point forward in the file: create everything first, then wire it.
        for entry in plan.tasks {
            ids.append(
                try store.create(
                    subject: entry.subject, description: entry.description, scope: entry.scope, model: entry.model
                ).id)
        }
        for (index, entry) in plan.tasks.enumerated() where !entry.blockedBy.isEmpty {
            try store.update(ids[index], TaskChange(addBlockedBy: entry.blockedBy.map { ids[$0] }))
        }
        return ids
    }

    /// A finished team of the same name is moved aside, so a new launch starts at task 1 and the old
    /// record is kept; a team that is running or resumable is never touched.
    @discardableResult
    static func archiveFinishedTeam(_ location: TeamLocation) throws -> String? {
        let folder = TeamPaths.teamDirectory(root: location.root, team: location.team)
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        let config = try? TeamConfig.load(root: location.root, team: location.team)
        guard let config, config.state == .finished, !config.launcherIsAlive else {
            throw ToolError(
                "team '\(location.team)' already exists and has not finished",
                help: "continue it with 'ccteam resume --team \(location.team)', or pick another name with --team")
        }
        let archive = location.root.appendingPathComponent(".ccteam/teams/.archive/\(location.team)-\(stamp())")
        try FileManager.default.createDirectory(
            at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder, to: archive)
        return ".ccteam/teams/.archive/" + archive.lastPathComponent
    }

    /// `20261121T084713`: a UTC time for names that sort.
    static func stamp() -> String {
        let digits = Timestamp.format(Date()).filter(\.isNumber)
        return String(digits.prefix(8)) + "T" + String(digits.dropFirst(8).prefix(6))
    }

    static func summarize(
        config: TeamConfig, store: TaskStore, monitor: TeamMonitor, runs: Int, root: URL
    ) throws -> LaunchSummary {
        let tasks = try store.list()
        let totals = monitor.totals
        return LaunchSummary(
            team: config.team, state: config.state, tasks: tasks.count,
            resolved: tasks.filter { $0.status == .resolved }.map(\.id),
            failed: tasks.filter { $0.status == .failed }.map(\.id),
            notStarted: tasks.filter { $0.status == .open || $0.status == .inProgress }.map(\.id), runs: runs,
            tokens: totals.tokens, costUSD: totals.costUSD, integrationBranch: config.integrationBranch,
            spending: Spending(runs: TeamRuns(root: root).runs(ofTeam: config.team)))
    }
}

/// `ccteam` and `ccverify` as installed beside the running executable, for agents' MCP server and hook.
struct SiblingTools {
    let ccteam: String
    let ccverify: String?

    init() {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let folder = URL(fileURLWithPath: me).deletingLastPathComponent()
        let name = URL(fileURLWithPath: me).lastPathComponent
        ccteam = name == "ccteam" ? me : folder.appendingPathComponent("ccteam").path
        let verify = folder.appendingPathComponent("ccverify").path
        ccverify = FileManager.default.isExecutableFile(atPath: verify) ? verify : nil
    }
}
