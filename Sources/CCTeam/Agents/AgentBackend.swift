public import CCCore
public import CCProcess
public import Foundation

/// How an agent process is started: the contract's two backends.
public enum AgentBackend: Sendable, Equatable {
    /// Claude Code run headless, with the team's MCP server, the write-scope hook and scope-limited
    /// edit permissions.
    case claude(executable: String, permissionMode: String)
    /// Any executable: the prompt on stdin, the identity in its environment.
    case command(executable: String)

    /// What one run needs beyond its prompt: who it is, where, and within which bounds.
    public struct Context: Sendable {
        public var identity: Identity
        public var worktree: String
        /// The run's folder, where side files (MCP config, settings) are written.
        public var runDirectory: URL
        public var scope: [String]
        public var protected: [String]
        public var model: String?
        public var maxBudgetUSD: Double?
        /// `ccteam mcp --team NAME`.
        public var mcpServer: [String]
        /// `ccverify hook pre-tool-use`, or `nil` when ccverify is not installed beside ccteam.
        public var hook: [String]?
        /// The launcher's environment, which agents inherit under their identity.
        public var environment: [String: String]

        public init(
            identity: Identity, worktree: String, runDirectory: URL, scope: [String], protected: [String],
            model: String?, maxBudgetUSD: Double?, mcpServer: [String], hook: [String]?,
            environment: [String: String]
        ) {
            self.identity = identity
            self.worktree = worktree
            self.runDirectory = runDirectory
            self.scope = scope
            self.protected = protected
            self.model = model
            self.maxBudgetUSD = maxBudgetUSD
            self.mcpServer = mcpServer
            self.hook = hook
            self.environment = environment
        }
    }

    /// The command for one run, and what to feed it on stdin; writes the backend's side files.
    public func command(for prompt: AgentPrompt, _ context: Context) throws -> (ProcessCommand, input: Data?) {
        var environment = context.environment.merging(context.identity.environment) { _, identity in identity }
        // The write-scope hook reads the task's scope from here (a JSON array of globs).
        let scopeJSON = try JSONSerialization.data(withJSONObject: context.scope)
        environment["CCTEAM_SCOPE"] = String(decoding: scopeJSON, as: UTF8.self)
        switch self {
        case .claude(let executable, let permissionMode):
            let invocation = ClaudeInvocation(
                executable: executable, prompt: prompt.prompt, systemPrompt: prompt.system,
                worktree: context.worktree, scope: context.scope, protected: context.protected,
                permissionMode: permissionMode, model: context.model, maxBudgetUSD: context.maxBudgetUSD,
                mcpServer: context.mcpServer, preToolUseHook: context.hook)
            let mcp = context.runDirectory.appendingPathComponent("mcp.json")
            let settings = context.runDirectory.appendingPathComponent("settings.json")
            try invocation.mcpConfigJSON().write(to: mcp)
            try invocation.settingsJSON().write(to: settings)
            let argv = invocation.arguments(mcpConfig: mcp.path, settings: settings.path)
            return (
                ProcessCommand(
                    argv[0], Array(argv.dropFirst()), workingDirectory: context.worktree, environment: environment),
                nil
            )
        case .command(let executable):
            return (
                ProcessCommand(executable, [], workingDirectory: context.worktree, environment: environment),
                Data((prompt.system + "\n\n" + prompt.prompt + "\n").utf8)
            )
        }
    }
}
