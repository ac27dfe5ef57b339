public import CCCore
import CCGit
public import CCProcess
public import CCSecrets
import CCVerify
public import Foundation

/// What every run of a team shares: where it lives, how agents start, and how work is checked.
public struct TeamRuntime: Sendable {
    public var root: URL
    public var config: TeamConfig
    public var git: TeamGit
    public var composer: PromptComposer
    public var backend: AgentBackend
    /// Paths never writable, from the write-scope policy (for the agents' edit permissions).
    public var protected: [String]
    public var policyFile: URL?
    public var mcpServer: [String]
    public var hook: [String]?
    public var environment: [String: String]
    /// The secrets found so far in this team; every record is masked with it.
    public var taint: SecretTaint
    /// Rewrites records written before a secret was found.
    public var scrubber: RecordScrubber { RecordScrubber(root: root, team: config.team) }
    public var monitor: TeamMonitor
    public var budget: BudgetKeeper
    /// Whether agents and their tests run under Landlock (false only with `--unconfined`).
    public var confined: Bool
    /// The launcher's end of the task tools, which agents' `ccteam mcp` relays to.
    public var broker: TaskToolBroker?
    /// The runs in flight, for naming suspects when the repository was tampered with.
    public var liveRuns = LiveRuns()

    public init(
        root: URL, config: TeamConfig, git: TeamGit, composer: PromptComposer, backend: AgentBackend,
        protected: [String], policyFile: URL?, mcpServer: [String], hook: [String]?, environment: [String: String],
        taint: SecretTaint, monitor: TeamMonitor, budget: BudgetKeeper,
        confined: Bool = true, broker: TaskToolBroker? = nil
    ) {
        self.root = root
        self.config = config
        self.git = git
        self.composer = composer
        self.backend = backend
        self.protected = protected
        self.policyFile = policyFile
        self.mcpServer = mcpServer
        self.hook = hook
        self.environment = environment
        self.taint = taint
        self.monitor = monitor
        self.budget = budget
        self.confined = confined
        self.broker = broker
    }

    /// A new run id: sortable by time, and naming the agent and task for people reading `.ccteam/runs/`.
    public func newRunID(agent: String, task: String?) -> String {
        let stamp = Timestamp.format(Date()).filter { $0.isNumber }.prefix(17)
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "\(stamp)-\(agent)" + (task.map { "-t\($0)" } ?? "") + "-" + suffix
    }

    /// Starts one agent and waits for it; stopping the calling task stops the agent.
    ///
    /// The agent runs confined to its worktree and its run's private folder (returned, for the
    /// test gate to use and the caller to remove), and reaches the task tools through the broker.
    public func runAgent(
        identity: Identity, prompt: AgentPrompt, worktree: String, baseCommit: String, scope: [String],
        model: String?, timeoutSeconds: Double
    ) async throws -> FinishedRun {
        let runID = identity.runID ?? newRunID(agent: identity.agentID, task: identity.taskID)
        let directory = RunStore(root: root).directory(for: runID)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sandbox = try RunSandbox.prepare(in: directory, environment: environment)
        var agentEnvironment = environment.merging(sandbox.environment) { _, own in own }
        agentEnvironment[TaskToolBroker.socketVariable] = broker?.socketPath
        let share = await budget.share()
        let context = AgentBackend.Context(
            identity: identity, worktree: worktree, runDirectory: directory, scope: scope, protected: protected,
            model: model, maxBudgetUSD: share, mcpServer: mcpServer, hook: hook, environment: agentEnvironment)
        var (command, input) = try backend.command(for: prompt, context)
        command.confinement = confined ? sandbox.confinement(worktree: worktree) : nil
        let spec = AgentRunSpec(
            runID: runID, identity: identity, command: command, input: input,
            prompt: "# System\n\n\(prompt.system)\n\n# Prompt\n\n\(prompt.prompt)\n", worktree: worktree,
            branch: git.branch(for: identity.agentID), baseCommit: baseCommit, model: model, scope: scope,
            limits: ProcessLimits(
                timeout: .seconds(timeoutSeconds), outputBudget: config.maxOutputBytes, grace: .seconds(5)))
        let monitor = monitor
        let worker = identity.agentID
        liveRuns.begin(runID)
        defer { liveRuns.end(runID) }
        let taint = taint
        let run = try AgentRun.start(spec, stateRoot: root, redact: { taint.redact($0) }) {
            monitor.observe($0, from: worker)
        }
        broker?.register(pid: run.pid, identity: identity)
        defer { broker?.unregister(pid: run.pid) }
        let finished = try await withTaskCancellationHandler {
            try await run.wait()
        } onCancel: {
            run.stop()
        }
        // A value found late in one run may sit in another run's records written meanwhile.
        scrubber.scrub(taint.knownValues)
        await budget.charge(finished.record.usage.costUSD)
        monitor.charge(
            tokens: finished.record.usage.inputTokens + finished.record.usage.outputTokens,
            costUSD: finished.record.usage.costUSD)
        return FinishedRun(record: finished.record, result: finished.result, sandbox: sandbox)
    }
}

extension TeamRuntime {
    /// Taints the secrets verification found in the worktree's files (tainting a value rewrites
    /// the team's earlier records), then masks the run's `verify.json`: test output may repeat them.
    func recordVerification(_ report: VerifyReport, runID: String, worktree: String) {
        let paths = Set(report.findings.filter { $0.kind == .secret }.compactMap(\.path))
        for path in paths.sorted() {
            let file = URL(fileURLWithPath: worktree).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            taint.learn(from: String(decoding: data, as: UTF8.self))
        }
        let taint = taint
        RecordScrubber.rewrite(
            RunStore(root: root).directory(for: runID).appendingPathComponent("verify.json"),
            redacting: { taint.redact($0) })
    }
}

/// One agent run, ended: its record, its last result event, and its private folder.
public struct FinishedRun: Sendable {
    public var record: RunRecord
    public var result: AgentResult?
    public var sandbox: RunSandbox
}

/// The runs in flight, and every run that was in flight since the repository was last checked.
public final class LiveRuns: Sendable {
    private let state = Locked<(live: Set<String>, since: Set<String>)>(([], []))

    public init() {}

    func begin(_ runID: String) {
        state.withLock {
            $0.live.insert(runID)
            $0.since.insert(runID)
        }
    }

    func end(_ runID: String) {
        _ = state.withLock { $0.live.remove(runID) }
    }

    /// Runs live at any time since the last ``checked()``, sorted.
    var suspects: [String] { state.withLock { $0.since.sorted() } }

    /// The repository was found intact: only runs still live remain suspects.
    func checked() {
        state.withLock { $0.since = $0.live }
    }
}
