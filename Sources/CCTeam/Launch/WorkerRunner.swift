public import CCCore
import CCGit
public import CCProcess
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
    public var redact: @Sendable (String) -> String
    public var monitor: TeamMonitor
    public var budget: BudgetKeeper

    public init(
        root: URL, config: TeamConfig, git: TeamGit, composer: PromptComposer, backend: AgentBackend,
        protected: [String], policyFile: URL?, mcpServer: [String], hook: [String]?, environment: [String: String],
        redact: @escaping @Sendable (String) -> String, monitor: TeamMonitor, budget: BudgetKeeper
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
        self.redact = redact
        self.monitor = monitor
        self.budget = budget
    }

    /// A new run id: sortable by time, and naming the agent and task for people reading `.ccteam/runs/`.
    public func newRunID(agent: String, task: String?) -> String {
        let stamp = Timestamp.format(Date()).filter { $0.isNumber }.prefix(17)
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "\(stamp)-\(agent)" + (task.map { "-t\($0)" } ?? "") + "-" + suffix
    }

    /// Starts one agent and waits for it; stopping the calling task stops the agent.
    public func runAgent(
        identity: Identity, prompt: AgentPrompt, worktree: String, baseCommit: String, scope: [String],
        model: String?, timeoutSeconds: Double
    ) async throws -> (record: RunRecord, result: AgentResult?) {
        let runID = identity.runID ?? newRunID(agent: identity.agentID, task: identity.taskID)
        let directory = RunStore(root: root).directory(for: runID)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let share = await budget.share()
        let context = AgentBackend.Context(
            identity: identity, worktree: worktree, runDirectory: directory, scope: scope, protected: protected,
            model: model, maxBudgetUSD: share, mcpServer: mcpServer, hook: hook, environment: environment)
        let (command, input) = try backend.command(for: prompt, context)
        let spec = AgentRunSpec(
            runID: runID, identity: identity, command: command, input: input,
            prompt: "# System\n\n\(prompt.system)\n\n# Prompt\n\n\(prompt.prompt)\n", worktree: worktree,
            branch: git.branch(for: identity.agentID), baseCommit: baseCommit, model: model, scope: scope,
            limits: ProcessLimits(
                timeout: .seconds(timeoutSeconds), outputBudget: config.maxOutputBytes, grace: .seconds(5)))
        let monitor = monitor
        let worker = identity.agentID
        let run = try AgentRun.start(spec, stateRoot: root, redact: redact) { monitor.observe($0, from: worker) }
        let finished = try await withTaskCancellationHandler {
            try await run.wait()
        } onCancel: {
            run.stop()
        }
        await budget.charge(finished.record.usage.costUSD)
        monitor.charge(
            tokens: finished.record.usage.inputTokens + finished.record.usage.outputTokens,
            costUSD: finished.record.usage.costUSD)
        return finished
    }
}

/// Runs attempts at tasks for the scheduler: a clean worktree, the agent, the checks, the commit.
public struct WorkerRunner: AttemptRunner {
    public var runtime: TeamRuntime

    public init(runtime: TeamRuntime) {
        self.runtime = runtime
    }

    public func attempt(_ task: WorkItem, worker: String, number: Int, feedback: [Finding]) async -> AttemptOutcome {
        do {
            return try await attemptOrThrow(task, worker: worker, number: number, feedback: feedback)
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            runtime.monitor.update(worker, line: "#\(task.id) could not run: \(message)") { $0.state = .failed }
            return .rejected(
                reason: message, findings: [Finding(rule: "run.error", kind: .run, message: message)])
        }
    }

    private func attemptOrThrow(
        _ task: WorkItem, worker: String, number: Int, feedback: [Finding]
    ) async throws -> AttemptOutcome {
        let monitor = runtime.monitor
        if await runtime.budget.isExhausted {
            monitor.update(worker, line: "#\(task.id) not started: the team's budget is spent") { $0.state = .stopped }
            return .interrupted
        }
        let git = runtime.git
        let (worktree, base) = try await offload { try git.prepareWorktree(for: worker) }
        if let include = runtime.config.include, !include.isEmpty {
            try IncludedFiles(include).copy(from: runtime.root, into: URL(fileURLWithPath: worktree))
        }
        let runID = runtime.newRunID(agent: worker, task: task.id)
        let identity = Identity(
            team: runtime.config.team, agentID: worker, agentType: .worker,
            agentName: worker.replacingOccurrences(of: "-", with: " ").capitalized, runID: runID, taskID: task.id,
            root: runtime.root.path)
        let prompt = try runtime.composer.worker(
            task: task, identity: identity, worktree: worktree, attempt: number, feedback: feedback,
            testCommand: runtime.config.testCommand)
        monitor.update(worker, line: "#\(task.id) \(task.subject) — attempt \(number), run \(runID)") {
            $0 = WorkerStatus(
                agentID: worker, taskID: task.id, taskSubject: task.subject, state: number > 1 ? .retrying : .running,
                startedAt: Date(), tokens: $0.tokens, costUSD: $0.costUSD, lastAction: "starting")
        }
        let (record, result) = try await runtime.runAgent(
            identity: identity, prompt: prompt, worktree: worktree, baseCommit: base.hex, scope: task.scope,
            model: runtime.config.model, timeoutSeconds: runtime.config.taskTimeoutSeconds)

        if Task.isCancelled || record.status == .killed {
            try await offload { try git.rollBack(worker, to: base) }
            monitor.update(worker, line: "#\(task.id) stopped; task handed back") { $0.state = .stopped }
            return .interrupted
        }
        let denials = result?.permissionDenials ?? []
        if !denials.isEmpty {
            monitor.update(worker, line: "#\(task.id) refused tool calls: " + denials.joined(separator: "; ")) { _ in }
        }
        guard record.status == .succeeded else {
            try await offload { try git.rollBack(worker, to: base) }
            let detail = record.finalText.map { ": " + Self.firstLine($0) } ?? ""
            let reason = "the agent's run ended '\(record.status.rawValue)'\(detail)"
            monitor.update(worker, line: "#\(task.id) \(reason)") { $0.state = .failed }
            return .rejected(
                reason: reason, findings: [Finding(rule: "run.\(record.status.rawValue)", kind: .run, message: reason)])
        }

        monitor.update(worker, line: "#\(task.id) verifying") { $0.state = .verifying }
        let request = RunRequest(
            runID: record.runId, policyFile: runtime.policyFile,
            test: runtime.config.testCommand.map { TestRequest(command: $0) }, stateRoot: runtime.root)
        let report = try await offload { try Verification.run(request) }
        let errors = report.findings.filter { $0.severity == .error }
        guard report.passed else {
            try await offload { try git.rollBack(worker, to: base) }
            let rules = Set(errors.map(\.rule)).sorted().joined(separator: ", ")
            let reason = "verification failed: \(errors.count) finding\(errors.count == 1 ? "" : "s") (\(rules))"
            monitor.update(worker, line: "#\(task.id) \(reason); rolled back") { $0.state = .failed }
            return .rejected(reason: reason, findings: errors)
        }
        let message = "Task \(task.id): \(task.subject)\n\nRun \(record.runId) by \(worker), attempt \(number).\n"
        let commit = try await offload { try git.commitWork(of: worker, message: message) }
        monitor.update(
            worker,
            line: "#\(task.id) passed verification" + (commit.map { ", committed \($0.short)" } ?? ", no changes")
        ) {
            $0.state = .merging
        }
        return .accepted(summary: "run \(record.runId)" + (commit.map { ", commit \($0.short)" } ?? ", no changes"))
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 160 ? String(line.prefix(159)) + "…" : line
    }
}

/// Folds accepted work into the integration branch. The scheduler awaits each merge before it looks
/// at the next finished attempt, so merges happen strictly one at a time.
public struct MergeQueue: Integrator {
    let git: TeamGit
    let monitor: TeamMonitor

    public init(git: TeamGit, monitor: TeamMonitor) {
        self.git = git
        self.monitor = monitor
    }

    public func integrate(_ task: WorkItem, from worker: String) async -> Result<String, IntegrationConflict> {
        let git = git
        let message = "Merge task \(task.id) from \(worker): \(task.subject)\n"
        do {
            let outcome = try await offload { try git.integrate(worker, message: message) }
            switch outcome {
            case .conflicts(let paths):
                monitor.update(
                    worker,
                    line: "#\(task.id) conflicts with the integration branch in " + paths.joined(separator: ", ")
                ) { _ in }
                return .failure(IntegrationConflict(paths: paths))
            case .upToDate(let commit), .fastForwarded(to: let commit), .merged(let commit):
                monitor.update(worker, line: "#\(task.id) merged into \(git.integrationBranch) at \(commit.short)") {
                    $0.state = .done
                }
                return .success("merged at \(commit.short)")
            }
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            return .failure(IntegrationConflict(paths: ["(merge failed: \(message))"]))
        }
    }
}

/// The team's cost budget, shared by every concurrent run.
public actor BudgetKeeper {
    private var budget: CostBudget
    private var pending: @Sendable () -> Int

    public init(limitUSD: Double?, spentUSD: Double = 0, pendingRuns: @escaping @Sendable () -> Int) {
        budget = CostBudget(limitUSD: limitUSD)
        budget.charge(spentUSD)
        pending = pendingRuns
    }

    public var isExhausted: Bool { budget.isExhausted }
    public var spentUSD: Double { budget.spentUSD }
    public func share() -> Double? { budget.share(pendingRuns: pending()) }
    public func charge(_ costUSD: Double) { budget.charge(costUSD) }
}
