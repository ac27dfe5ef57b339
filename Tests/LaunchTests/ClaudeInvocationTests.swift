import CCTeam
import Foundation
import Testing

@Suite struct ClaudeInvocationTests {
    let invocation = ClaudeInvocation(
        executable: "/opt/claude", prompt: "Do task 3", systemPrompt: "You are a worker.",
        worktree: "/repo/.ccteam/worktrees/t/worker-1",
        scope: ["src/api/**", "/docs/api.md"], protected: [".git/**", ".env*"], permissionMode: "dontAsk",
        model: "sonnet",
        maxBudgetUSD: 0.5, mcpServer: ["/bin/ccteam", "mcp", "--team", "t"],
        preToolUseHook: ["/bin/cc verify", "hook", "pre-tool-use"])

    @Test func buildsTheContractsCommandLine() {
        #expect(
            invocation.arguments(mcpConfig: "/r/mcp.json", settings: "/r/settings.json") == [
                "/opt/claude", "-p", "Do task 3", "--output-format", "stream-json", "--verbose",
                "--mcp-config", "/r/mcp.json", "--strict-mcp-config", "--allowedTools", "mcp__ccteam",
                "--append-system-prompt", "You are a worker.", "--settings", "/r/settings.json",
                "--permission-mode", "dontAsk", "--model", "sonnet", "--max-budget-usd", "0.5000",
            ])
    }

    @Test func registersTheTeamServerAsCcteam() throws {
        let object = try JSONSerialization.jsonObject(with: invocation.mcpConfigJSON()) as? [String: Any]
        let server = (object?["mcpServers"] as? [String: Any])?["ccteam"] as? [String: Any]
        #expect(server?["command"] as? String == "/bin/ccteam")
        #expect(server?["args"] as? [String] == ["mcp", "--team", "t"])
    }

    @Test func allowsEditsInsideTheScopeAndDeniesProtectedPathsByAbsolutePath() throws {
        let object = try JSONSerialization.jsonObject(with: invocation.settingsJSON()) as? [String: Any]
        let permissions = object?["permissions"] as? [String: [String]]
        let root = "//repo/.ccteam/worktrees/t/worker-1"
        #expect(permissions?["allow"]?.prefix(2) == ["Edit(\(root)/src/api/**)", "Edit(\(root)/docs/api.md)"])
        #expect(permissions?["deny"] == ["Edit(\(root)/.git/**)", "Edit(\(root)/.env*)"])
    }

    @Test func putsTheHookInFrontOfEveryFileToolWithItsPathQuoted() throws {
        let object = try JSONSerialization.jsonObject(with: invocation.settingsJSON()) as? [String: Any]
        let entry = ((object?["hooks"] as? [String: Any])?["PreToolUse"] as? [[String: Any]])?.first
        #expect(entry?["matcher"] as? String == "Write|Edit|MultiEdit|NotebookEdit")
        let hook = (entry?["hooks"] as? [[String: String]])?.first
        #expect(hook == ["type": "command", "command": "'/bin/cc verify' hook pre-tool-use"])
    }

    @Test func anEmptyScopeAllowsTheWholeWorktree() throws {
        var open = invocation
        open.scope = []
        let object = try JSONSerialization.jsonObject(with: open.settingsJSON()) as? [String: Any]
        let allow = (object?["permissions"] as? [String: [String]])?["allow"]
        #expect(allow?.first == "Edit(//repo/.ccteam/worktrees/t/worker-1/**)")
    }
}
