import CCCore
import CCProcess
public import Foundation

/// How a team's agents run: what `ccteam launch` was given and `team.json` keeps, so `resume`
/// runs the team the same way. One list of settings for both, checked in one place.
public struct LaunchSettings: Codable, Sendable, Equatable {
    public var workers: Int
    public var agent: TeamConfig.Agent
    /// The executable of the `command` backend.
    public var agentCommand: String?
    public var model: String?
    /// The lead's model, when it differs from the workers'.
    public var leadModel: String?
    /// The write-scope policy file (default: `.ccteam/policy.yaml` or the built-in one).
    public var policy: String?
    public var testCommand: String?
    public var taskTimeoutSeconds: Double
    /// Attempts allowed beyond the first.
    public var maxRetries: Int
    public var permissionMode: String
    /// The team's cost limit, split across runs.
    public var maxBudgetUSD: Double?
    /// The most output one run may print before it is stopped as `budget_exceeded`.
    public var maxOutputBytes: Int?
    /// Git-ignored files copied into every worktree (`--include`).
    public var include: [String]?
    /// `--unconfined`: agents and their tests run with the user's full rights (no Landlock).
    public var unconfined: Bool?
    /// Model tiers to model ids (`--models FILE` over the defaults); nil in a team.json written
    /// before the table existed, which then reads as the defaults.
    public var modelTiers: ModelTiers?

    public init(
        workers: Int = 3, agent: TeamConfig.Agent = .claude, agentCommand: String? = nil, model: String? = nil,
        leadModel: String? = nil, policy: String? = nil, testCommand: String? = nil,
        taskTimeoutSeconds: Double = 1800, maxRetries: Int = 1, permissionMode: String = "dontAsk",
        maxBudgetUSD: Double? = nil, maxOutputBytes: Int? = 256 << 20, include: [String]? = nil,
        unconfined: Bool? = nil, modelTiers: ModelTiers? = ModelTiers()
    ) {
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
        self.unconfined = unconfined
        self.modelTiers = modelTiers
    }

    /// The table models are resolved through.
    public var tiers: ModelTiers { modelTiers ?? ModelTiers() }

    /// Whether agents run confined (the default; only `--unconfined` turns it off).
    public var isConfined: Bool { unconfined != true }

    /// The one line shown at start and in `status` when agents run unconfined.
    public static let unconfinedWarning =
        "warning: agents run unconfined (--unconfined): they can write anywhere you can, and only the tamper check stands guard"

    /// Refuses to start agents that would not be confined, unless the user chose `--unconfined`:
    /// a machine without Landlock never downgrades silently.
    func requireConfinement(
        _ availability: Result<Int, ConfinementError> = Landlock.availability
    ) throws(ConfinementError) {
        guard isConfined else { return }
        if case .failure(let error) = availability { throw error }
    }

    /// The permission modes Claude Code accepts.
    public static let permissionModes = ["acceptEdits", "auto", "bypassPermissions", "manual", "dontAsk", "plan"]

    /// The policy file, when one was named.
    var policyFile: URL? { policy.map { URL(fileURLWithPath: $0) } }

    /// Refuses settings no team can run with, naming the flag to fix.
    func validate() throws {
        guard (1...64).contains(workers) else {
            throw ToolError("--workers must be between 1 and 64, not \(workers)")
        }
        guard taskTimeoutSeconds > 0 else { throw ToolError("--task-timeout must be more than 0 seconds") }
        guard maxRetries >= 0 else { throw ToolError("--max-retries must be 0 or more") }
        guard Self.permissionModes.contains(permissionMode) else {
            throw ToolError(
                "unknown permission mode '\(permissionMode)'",
                help: "use one of " + Self.permissionModes.joined(separator: ", "))
        }
        if let budget = maxBudgetUSD, !(budget > 0) { throw ToolError("--max-budget-usd must be more than 0") }
        if let bytes = maxOutputBytes, bytes <= 0 { throw ToolError("--max-output-mb must be more than 0") }
        _ = try IncludedFiles(include ?? [])
    }
}
