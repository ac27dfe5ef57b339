import CCCore
import CCTestSupport
import CCVerify
import Foundation
import Testing

@Suite struct HookInputTests {
    @Test func readsTheFileAndNewContentOfEachWritingTool() throws {
        let write = try HookInput.parse(
            Data(#"{"tool_name":"Write","cwd":"/r","tool_input":{"file_path":"/r/a.txt","content":"hi"}}"#.utf8))
        #expect(write == HookInput(toolName: "Write", filePath: "/r/a.txt", newContent: ["hi"], cwd: "/r"))
        let edit = try HookInput.parse(
            Data(#"{"tool_name":"Edit","tool_input":{"file_path":"/r/a","old_string":"x","new_string":"y"}}"#.utf8))
        #expect(edit.newContent == ["y"])
        let multi = try HookInput.parse(
            Data(
                #"{"tool_name":"MultiEdit","tool_input":{"file_path":"/r/a","edits":[{"old_string":"1","new_string":"2"},{"old_string":"3","new_string":"4"}]}}"#
                    .utf8))
        #expect(multi.newContent == ["2", "4"])
        let notebook = try HookInput.parse(
            Data(#"{"tool_name":"NotebookEdit","tool_input":{"notebook_path":"/r/n.ipynb","new_source":"z"}}"#.utf8))
        #expect(notebook.filePath == "/r/n.ipynb")
        #expect(notebook.newContent == ["z"])
    }

    @Test func otherToolsNeedNoPath() throws {
        let bash = try HookInput.parse(Data(#"{"tool_name":"Bash","tool_input":{"command":"ls"}}"#.utf8))
        #expect(!bash.writes)
    }

    @Test(arguments: [
        ("not json", "the hook input on stdin is not a JSON object"),
        ("[1]", "the hook input on stdin is not a JSON object"),
        (#"{"tool_input":{}}"#, "the hook input has no 'tool_name'"),
        (#"{"tool_name":"Write"}"#, "the Write call has no 'tool_input' object"),
        (
            #"{"tool_name":"Write","tool_input":{"content":"x"}}"#,
            "the Write call names no file ('tool_input.file_path')"
        ),
    ])
    func malformedInputIsAnError(_ text: String, _ reason: String) {
        #expect(throws: HookInputError(reason)) { try HookInput.parse(Data(text.utf8)) }
    }
}

@Suite struct PreToolUseHookTests {
    static func hook(root: URL, scope: [String] = [], policy yaml: String = "") throws -> PreToolUseHook {
        let policy = try ScopePolicy.parse(yaml: yaml, source: "p.yaml", over: try ScopePolicy.builtin())
        let patterns = try TaskScope.patterns(scope, source: "CCTEAM_SCOPE", policy: policy)
        return PreToolUseHook(
            checker: ScopeChecker(policy: policy, taskScope: patterns), repositoryRoot: root,
            scanSecrets: { data, path in
                // A stand-in scanner: the real one is exercised end to end.
                String(decoding: data, as: UTF8.self).contains("TOPSECRET")
                    ? [
                        Finding(
                            rule: "test-secret", kind: .secret, message: "test secret", path: path, redacted: "TOP*****"
                        )
                    ]
                    : []
            })
    }

    @Test func allowsAWriteInsideTheScope() throws {
        let dir = try TemporaryDirectory()
        let hook = try Self.hook(root: dir.url, scope: ["src/api/**"])
        let input = HookInput(toolName: "Write", filePath: dir.path + "/src/api/a.swift", newContent: ["let x = 1"])
        #expect(hook.decide(input) == .allow)
    }

    @Test func blocksAWriteOutsideTheScopeSayingWhatIsAllowed() throws {
        let dir = try TemporaryDirectory()
        let hook = try Self.hook(root: dir.url, scope: ["src/api/**"])
        let input = HookInput(toolName: "Edit", filePath: dir.path + "/src/web/a.ts", newContent: ["x"])
        #expect(
            hook.decide(input)
                == .block(
                    "ccverify: blocked Edit: src/web/a.ts is outside CCTEAM_SCOPE: src/api/**. Write only under "
                        + "src/api/**; ask the lead in a TaskUpdate comment (mcp__ccteam__TaskUpdate with addComment) "
                        + "if you need more."))
    }

    @Test func blocksProtectedPathsWhateverTheScope() throws {
        let dir = try TemporaryDirectory()
        let hook = try Self.hook(root: dir.url)
        guard case .block(let reason) = hook.decide(HookInput(toolName: "Write", filePath: dir.path + "/.env")) else {
            Issue.record("a write to .env was allowed")
            return
        }
        #expect(reason.hasPrefix("ccverify: blocked Write: .env is protected by '.env*'"))
    }

    @Test func blocksWritesOutsideTheRepositoryIncludingThroughSymlinks() throws {
        let dir = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/escape", withDestinationPath: outside.path)
        let hook = try Self.hook(root: dir.url)
        for path in ["/etc/passwd", dir.path + "/../x", dir.path + "/escape/file.txt"] {
            guard case .block(let reason) = hook.decide(HookInput(toolName: "Write", filePath: path)) else {
                Issue.record("a write to \(path) was allowed")
                continue
            }
            #expect(reason.contains("is outside the repository"))
        }
    }

    @Test func blocksNewContentHoldingASecret() throws {
        let dir = try TemporaryDirectory()
        let hook = try Self.hook(root: dir.url)
        let input = HookInput(toolName: "Write", filePath: dir.path + "/a.txt", newContent: ["key = TOPSECRET"])
        guard case .block(let reason) = hook.decide(input) else {
            Issue.record("a secret was let through")
            return
        }
        #expect(reason.hasPrefix("ccverify: blocked Write to a.txt: the new content holds a secret: [test-secret]"))
        #expect(!reason.contains("TOPSECRET"))
    }

    @Test func relativePathsAreTakenFromTheSessionDirectory() throws {
        let dir = try TemporaryDirectory()
        let hook = try Self.hook(root: dir.url, scope: ["src/**"])
        #expect(hook.decide(HookInput(toolName: "Write", filePath: "src/a", cwd: dir.path)) == .allow)
        #expect(hook.decide(HookInput(toolName: "Write", filePath: "b", cwd: dir.path)) != .allow)
    }

    @Test func otherToolsAreAllowed() throws {
        let dir = try TemporaryDirectory()
        #expect(try Self.hook(root: dir.url).decide(HookInput(toolName: "Bash")) == .allow)
    }
}
