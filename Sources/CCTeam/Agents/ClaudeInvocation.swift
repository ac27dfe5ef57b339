public import Foundation

/// The command line and side files for one headless Claude Code run (the contract's `claude` backend).
///
/// Side files (MCP config, settings) live in the run's folder under `.ccteam/runs/`, never in the
/// worktree, so nothing the launcher adds for its agents can land in a diff or a merge.
public struct ClaudeInvocation: Sendable, Equatable {
    /// The `claude` executable.
    public var executable: String
    public var prompt: String
    /// The persona and preamble, appended to Claude Code's own system prompt.
    public var systemPrompt: String
    /// The worktree the agent works in; edit rules are absolute paths under it.
    public var worktree: String
    /// Globs relative to the worktree the agent may write; empty means the whole worktree.
    public var scope: [String]
    /// Paths that are never writable, whatever the scope (from the write-scope policy).
    public var protected: [String]
    public var permissionMode: String
    public var model: String?
    /// This run's share of the team's cost budget, passed to the CLI's own `--max-budget-usd`.
    public var maxBudgetUSD: Double?
    /// The argv of the team's MCP server (`ccteam mcp --team NAME`).
    public var mcpServer: [String]
    /// The argv of the write-scope hook (`ccverify hook pre-tool-use`); `nil` runs without it.
    public var preToolUseHook: [String]?

    public init(
        executable: String, prompt: String, systemPrompt: String, worktree: String, scope: [String],
        protected: [String], permissionMode: String, model: String?, maxBudgetUSD: Double?,
        mcpServer: [String], preToolUseHook: [String]?
    ) {
        self.executable = executable
        self.prompt = prompt
        self.systemPrompt = systemPrompt
        self.worktree = worktree
        self.scope = scope
        self.protected = protected
        self.permissionMode = permissionMode
        self.model = model
        self.maxBudgetUSD = maxBudgetUSD
        self.mcpServer = mcpServer
        self.preToolUseHook = preToolUseHook
    }

    /// The name the MCP server is registered under, so its tools appear as `mcp__ccteam__<Tool>`.
    public static let mcpServerName = "ccteam"
    /// The file tools a write-scope rule and the hook cover.
    static let writeTools = "Write|Edit|MultiEdit|NotebookEdit"

    /// The argv, given where the side files were written.
    public func arguments(mcpConfig: String, settings: String) -> [String] {
        var argv = [
            executable, "-p", prompt, "--output-format", "stream-json", "--verbose",
            "--mcp-config", mcpConfig, "--strict-mcp-config", "--allowedTools", "mcp__\(Self.mcpServerName)",
            "--append-system-prompt", systemPrompt, "--settings", settings, "--permission-mode", permissionMode,
        ]
        if let model { argv += ["--model", model] }
        if let maxBudgetUSD { argv += ["--max-budget-usd", String(format: "%.4f", maxBudgetUSD)] }
        return argv
    }

    /// `--mcp-config`: the team's task server and nothing else.
    public func mcpConfigJSON() -> Data {
        let server: [String: Any] = [
            "command": mcpServer.first ?? "ccteam", "args": Array(mcpServer.dropFirst()),
        ]
        return Self.json(["mcpServers": [Self.mcpServerName: server]])
    }

    /// `--settings`: edits allowed inside the scope only, protected paths denied, and the write-scope
    /// hook in front of every file tool, so an out-of-scope write is refused while the agent works.
    public func settingsJSON() -> Data {
        let root = worktree.hasSuffix("/") ? String(worktree.dropLast()) : worktree
        // `//` makes a permission path absolute; without it Claude Code reads it relative to the settings file.
        func rule(_ glob: String) -> String {
            let trimmed = glob.hasPrefix("/") ? String(glob.dropFirst()) : glob
            return "Edit(/\(root)/\(trimmed))"
        }
        let allowed = scope.isEmpty ? ["**"] : scope
        var settings: [String: Any] = [
            "permissions": [
                "allow": allowed.map(rule) + ["Read", "Glob", "Grep", "Bash", "mcp__\(Self.mcpServerName)"],
                "deny": protected.map(rule),
            ]
        ]
        if let hook = preToolUseHook {
            settings["hooks"] = [
                "PreToolUse": [
                    [
                        "matcher": Self.writeTools,
                        "hooks": [["type": "command", "command": hook.map(Self.shellQuoted).joined(separator: " ")]],
                    ]
                ]
            ]
        }
        return Self.json(settings)
    }

    /// Quotes one word for the shell that runs hook commands.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@%+".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func json(_ object: Any) -> Data {
        // Only plain strings, arrays and dictionaries go in: serialization cannot fail.
        (try? JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}
