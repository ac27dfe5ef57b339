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
