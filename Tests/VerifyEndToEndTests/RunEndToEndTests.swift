import CCTestSupport
import Foundation
import Testing

@Suite struct RunEndToEndTests {
    static let files = [
        "src/app.swift": "let answer = 42\n", "src/gone.swift": "// to be deleted\n", "README.md": "# demo\n",
    ]

    /// `ccverify begin`, checked, returning the run id.
    static func begin(_ repo: RepositoryFixture, _ arguments: [String] = []) throws -> String {
        let result = try repo.ccverify(["begin"] + arguments)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let id = result.stdout.trimmingCharacters(in: .newlines)
        #expect(id.hasPrefix("manual-"))
        #expect(result.stdout == id + "\n")
        return id
    }

    @Test func beginAgentEditsRunAndRollbackRoundTrip() throws {
        let repo = try RepositoryFixture(files: Self.files)
        try repo.write(".git/info/exclude", "")
        // The user's own uncommitted work, which predates the run.
        try repo.write("README.md", "# demo\nuser's work in progress\n")
        try repo.write("notes.txt", "user's untracked notes\n")

        let id = try Self.begin(repo, ["--scope", "src/**"])
        #expect(try repo.read(".git/info/exclude").contains(".ccteam/"))
        let meta = try JSONSerialization.jsonObject(with: Data(try repo.read(".ccteam/runs/\(id)/meta.json").utf8))
        let record = try #require(meta as? [String: Any])
        #expect(record["agentId"] as? String == "manual")
        #expect(record["status"] as? String == "running")
        #expect(record["scope"] as? [String] == ["src/**"])
        #expect(record["baseSnapshot"] is String)
        #expect(try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines) == record["baseCommit"] as? String)

        // What an agent does.
        try repo.write("src/app.swift", "let answer = 43\n")
        try repo.write("src/new.swift", "struct New {}\n")
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("src/gone.swift"))

        let run = try repo.ccverify(["run", "--run-id", id])
        #expect(run.stdout == "ccverify: passed: 3 files changed, +2 -2; 0 errors, 0 warnings\n")
        #expect(run.status == 0)
        #expect(repo.exists(".ccteam/runs/\(id)/verify.json"))

        let dry = try repo.ccverify(["rollback", "--run-id", id, "--dry-run"])
        #expect(
            dry.stdout == """
                restore src/app.swift
                restore src/gone.swift
                remove  src/new.swift  (created by the run)
                rollback of run '\(id)' would restore 2 and remove 1 paths in \(repo.path)

                """)
        #expect(dry.status == 0)
        #expect(repo.exists("src/new.swift"))

        let rollback = try repo.ccverify(["rollback", "--run-id", id])
        #expect(rollback.status == 0)
        #expect(
            rollback.stdout.hasSuffix(
                "to undo it: git -C \(repo.path) restore --source=refs/ccteam/rollback/\(id) --worktree -- src/app.swift src/gone.swift src/new.swift\n"
            ))
        #expect(try repo.read("src/app.swift") == "let answer = 42\n")
        #expect(try repo.read("src/gone.swift") == "// to be deleted\n")
        #expect(!repo.exists("src/new.swift"))
        // The user's work is untouched.
        #expect(try repo.read("README.md") == "# demo\nuser's work in progress\n")
        #expect(try repo.read("notes.txt") == "user's untracked notes\n")

        // The rollback itself can be undone through the ref it kept.
        try repo.git(
            "restore", "--source=refs/ccteam/rollback/\(id)", "--worktree", "--", "src/app.swift", "src/gone.swift",
            "src/new.swift")
        #expect(try repo.read("src/app.swift") == "let answer = 43\n")
        #expect(try repo.read("src/new.swift") == "struct New {}\n")
        #expect(!repo.exists("src/gone.swift"))
    }

    @Test func rollbackRefusesAPathChangedAfterTheRun() throws {
        let repo = try RepositoryFixture(files: Self.files)
        let id = try Self.begin(repo)
        try repo.write("src/app.swift", "let answer = 43\n")
        try repo.write("src/new.swift", "struct New {}\n")
        #expect(try repo.ccverify(["run", "--run-id", id]).status == 0)
        try repo.write("src/app.swift", "let answer = 44 // edited by hand after the run\n")

        let dry = try repo.ccverify(["rollback", "--run-id", id, "--dry-run"])
        #expect(dry.status == 1)
        #expect(
            dry.stdout == """
                remove  src/new.swift  (created by the run)
                refuse  src/app.swift  (changed after the run was verified)
                rollback of run '\(id)' would restore 0 and remove 1 path in \(repo.path)

                """)

        let result = try repo.ccverify(["rollback", "--run-id", id])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                error: rollback of run '\(id)' refused: this path changed after the run was verified: src/app.swift
                help: nothing was changed; undo your later edits to those paths (or keep the run's work), then roll back again

                """)
        #expect(try repo.read("src/app.swift") == "let answer = 44 // edited by hand after the run\n")
        #expect(repo.exists("src/new.swift"))
        #expect((try? repo.git("rev-parse", "--verify", "-q", "refs/ccteam/rollback/\(id)")) == nil)
    }

    @Test func rollbackNeedsAVerifiedRun() throws {
        let repo = try RepositoryFixture(files: Self.files)
        let id = try Self.begin(repo)
        let result = try repo.ccverify(["rollback", "--run-id", id])
        #expect(result.status == 2)
        #expect(
            result.stderr == """
                error: run '\(id)' has not been verified, so its result state is unknown
                help: run 'ccverify run --run-id \(id)' first; rollback restores only what that recorded

                """)
    }

    @Test func aRunOutsideItsScopeFailsAndRollsBackWhenAsked() throws {
        let repo = try RepositoryFixture(files: Self.files)
        let id = try Self.begin(repo, ["--scope", "src/**"])
        try repo.write("docs/guide.md", "# guide\n")
        try repo.write("src/app.swift", "let answer = 43\n")
        let result = try repo.ccverify(["run", "--run-id", id, "--rollback"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                docs/guide.md: error: [scope.outside-allow] docs/guide.md is outside the task's scope: src/**
                ccverify: failed: 2 files changed, +2 -1; 1 error, 0 warnings

                """)
        #expect(result.stderr.contains("rollback of run '\(id)' did restore 1 and remove 1 paths"))
        #expect(!repo.exists("docs/guide.md"))
        #expect(try repo.read("src/app.swift") == "let answer = 42\n")
    }

    @Test func aMissingRunExitsTwo() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(["run", "--run-id", "nope"])
        #expect(result.status == 2)
        #expect(
            result.stderr == """
                error: no run 'nope': .ccteam/runs/nope/meta.json does not exist
                help: list runs under .ccteam/runs/, or record one with 'ccverify begin'

                """)
        #expect(result.stdout == "")
    }

    @Test func aBadScopeIsRefusedByBegin() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(["begin", "--scope", "../elsewhere/**"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: --scope: pattern '../elsewhere/**' climbs out with '..'\n"))
        #expect(!repo.exists(".ccteam/runs"))
    }

    @Test func aFailingTestCommandIsAFindingWithItsOutputTail() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(["diff", "--test-command", "echo compiling; echo 'FAIL: answer'; exit 3"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                error: [test.failed] the test command 'echo compiling; echo 'FAIL: answer'; exit 3' failed (exit status 3); see the output tail below
                test output (last lines):
                    compiling
                    FAIL: answer
                ccverify: failed: 0 files changed, +0 -0; 1 error, 0 warnings; tests failed

                """)
        let stderr = try repo.ccverify(["diff", "--test-command", "echo 'only on stderr' >&2; false"])
        #expect(stderr.stdout.contains("\n    only on stderr\n"))
        let passing = try repo.ccverify(["diff", "--test-command", "test -f src/app.swift"])
        #expect(passing.stdout == "ccverify: passed: 0 files changed, +0 -0; 0 errors, 0 warnings; tests passed\n")
        #expect(passing.status == 0)
    }

    @Test func aHangingTestCommandIsKilledWithItsProcessGroup() throws {
        let repo = try RepositoryFixture()
        let started = Date()
        let result = try repo.ccverify([
            "diff", "--test-command", "sleep 987 & sleep 988; echo never", "--test-timeout", "1", "--format", "json",
        ])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["test.timeout"])
        #expect((report["test"] as? [String: Any])?["timedOut"] as? Bool == true)
        // Both sleeps, the background one included, went with the process group.
        let leftovers = try Shell.run("pgrep", ["-f", "sleep 98[78]"])
        #expect(leftovers.stdout == "")
    }
}
