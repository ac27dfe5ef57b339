import CCTestSupport
import Foundation
import Testing

@Suite struct HookEndToEndTests {
    static func write(_ path: String, _ content: String, cwd: String) -> String {
        let object: [String: Any] = [
            "session_id": "s", "hook_event_name": "PreToolUse", "cwd": cwd, "tool_name": "Write",
            "tool_input": ["file_path": path, "content": content],
        ]
        let data = try! JSONSerialization.data(withJSONObject: object)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func allowsAWriteInScopeSilently() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(repo.path + "/src/api/a.swift", "let x = 1", cwd: repo.path),
            environment: ["CCTEAM_SCOPE": #"["src/api/**"]"#])
        #expect(result.status == 0 && result.stdout == "" && result.stderr == "")
    }

    @Test func blocksAWriteOutsideTheScopeWithAdvice() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(repo.path + "/src/web/a.ts", "x", cwd: repo.path),
            environment: ["CCTEAM_SCOPE": #"["src/api/**"]"#])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "ccverify: blocked Write: src/web/a.ts is outside CCTEAM_SCOPE: src/api/**. Write only under src/api/**; ask the lead in a TaskUpdate comment (mcp__ccteam__TaskUpdate with addComment) if you need more.\n"
        )
    }

    @Test func scopeFlagsTakePrecedenceOverTheEnvironment() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(
            ["hook", "pre-tool-use", "--scope", "docs/**"],
            input: Self.write(repo.path + "/docs/a.md", "x", cwd: repo.path),
            environment: ["CCTEAM_SCOPE": #"["src/**"]"#])
        #expect(result.status == 0)
    }

    @Test func blocksProtectedPathsAndSecrets() throws {
        let repo = try RepositoryFixture()
        let protected = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(repo.path + "/.github/workflows/ci.yml", "x", cwd: repo.path))
        #expect(protected.status == 2)
        #expect(
            protected.stderr
                == "ccverify: blocked Write: .github/workflows/ci.yml is protected by '.github/workflows/' (built-in policies/scope.yaml:20) and may never be written by an agent. If it must change, ask the lead in a TaskUpdate comment (mcp__ccteam__TaskUpdate with addComment) so a person can make the change.\n"
        )
        let secret = try repo.ccverify(
            ["hook", "pre-tool-use"],
            input: Self.write(repo.path + "/src/keys.swift", "let k = \"\(fakeAWSKey)\"", cwd: repo.path))
        #expect(secret.status == 2)
        #expect(
            secret.stderr.hasPrefix(
                "ccverify: blocked Write to src/keys.swift: the new content holds a secret: [aws-access-key-id]"))
        #expect(!secret.stderr.contains(fakeAWSKey))
    }

    @Test func editsAreCheckedByTheirNewStrings() throws {
        let repo = try RepositoryFixture()
        let input = """
            {"tool_name":"MultiEdit","cwd":"\(repo.path)","tool_input":{"file_path":"\(repo.path)/src/app.swift","edits":[{"old_string":"42","new_string":"43"},{"old_string":"x","new_string":"k = \\"\(fakeAWSKey)\\""}]}}
            """
        let result = try repo.ccverify(["hook", "pre-tool-use"], input: input)
        #expect(result.status == 2)
        #expect(result.stderr.contains("[aws-access-key-id]"))
    }

    @Test func otherToolsPassSilently() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: #"{"tool_name":"Bash","tool_input":{"command":"rm -rf /"}}"#)
        #expect(result.status == 0 && result.stdout == "" && result.stderr == "")
    }

    @Test func malformedInputFailsClosed() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(["hook", "pre-tool-use"], input: "{not json")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "ccverify: blocked the tool call: the hook input on stdin is not a JSON object. The ccverify PreToolUse hook blocks what it cannot check; if this keeps happening, the hook is misconfigured: tell the lead.\n"
        )
    }

    @Test func aMalformedScopeBlocksWrites() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(repo.path + "/src/a", "x", cwd: repo.path),
            environment: ["CCTEAM_SCOPE": "src/**"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "ccverify: blocked Write: the write cannot be checked: CCTEAM_SCOPE: is not a JSON array of glob strings (set it like CCTEAM_SCOPE='[\"src/api/**\"]')\n"
        )
    }

    @Test func theScopeOfTheRunNamedByTheEnvironmentApplies() throws {
        let repo = try RepositoryFixture()
        let begin = try repo.ccverify(["begin", "--scope", "src/**"])
        let id = begin.stdout.trimmingCharacters(in: .newlines)
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(repo.path + "/docs/a.md", "x", cwd: repo.path),
            environment: ["CCTEAM_RUN_ID": id])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("ccverify: blocked Write: docs/a.md is outside the task's scope: src/**."))
    }

    @Test func aLinkedWorktreeUsesTheMainCheckoutsPolicy() throws {
        let repo = try RepositoryFixture()
        try repo.write(".ccteam/policies/scope.yaml", "deny:\n  - src/generated/**\n")
        let worktree = repo.path + "/.ccteam/worktrees/t/worker-1"
        try repo.git("worktree", "add", "-q", "-b", "ccteam/t/worker-1", worktree)
        let result = try repo.ccverify(
            ["hook", "pre-tool-use"], input: Self.write(worktree + "/src/generated/a.swift", "x", cwd: worktree))
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "ccverify: blocked Write: src/generated/a.swift is denied by 'src/generated/**' (.ccteam/policies/scope.yaml:2)."
            ))
    }
}
