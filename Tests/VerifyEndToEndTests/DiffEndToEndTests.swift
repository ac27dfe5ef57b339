import CCTestSupport
import Foundation
import Testing

@Suite struct DiffEndToEndTests {
    @Test func aCleanChangePasses() throws {
        let repo = try RepositoryFixture()
        try repo.write("src/app.swift", "let answer = 42\nlet more = 1\n")
        try repo.write("src/new.swift", "struct New {}\n")
        let result = try repo.ccverify(["diff"])
        #expect(result.stdout == "ccverify: passed: 2 files changed, +2 -0; 0 errors, 0 warnings\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func noChangeAtAllPasses() throws {
        let repo = try RepositoryFixture()
        let result = try repo.ccverify(["diff"])
        #expect(result.stdout == "ccverify: passed: 0 files changed, +0 -0; 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func eachScopeViolationIsReportedWithItsRule() throws {
        let repo = try RepositoryFixture()
        try repo.write(
            ".ccteam/policies/scope.yaml",
            "allow:\n  - src/**\n  - docs/**\ndeny:\n  - docs/private/**\nmax_files: 6\n")
        try repo.write("lib/outside.swift", "x\n")
        try repo.write("docs/private/notes.md", "x\n")
        try repo.write(".github/workflows/ci.yml", "on: push\n")
        try repo.write("src/yarn.lock", "{}\n")
        try FileManager.default.createSymbolicLink(
            atPath: repo.path + "/src/link", withDestinationPath: "../../etc/passwd")
        try repo.write("src/run.sh", "#!/bin/sh\n")
        chmod(repo.path + "/src/run.sh", 0o755)
        try repo.write("src/a.swift", "1\n")
        let result = try repo.ccverify(["diff"])
        #expect(
            result.stdout == """
                .github/workflows/ci.yml: error: [scope.protected] .github/workflows/ci.yml is protected by '.github/workflows/' (built-in policies/scope.yaml:20) and may never be written by an agent
                docs/private/notes.md: error: [scope.denied] docs/private/notes.md is denied by 'docs/private/**' (.ccteam/policies/scope.yaml:5)
                lib/outside.swift: error: [scope.outside-allow] lib/outside.swift is outside the policy's allow list: 'src/**' (.ccteam/policies/scope.yaml:2), 'docs/**' (.ccteam/policies/scope.yaml:3)
                src/link: error: [scope.symlink-outside] src/link is a symbolic link to '../../etc/passwd', outside the repository; 'symlinks: forbid_outside' (built-in policies/scope.yaml:70) forbids it
                src/run.sh: error: [scope.new-executable] src/run.sh is a new executable file; 'executable_bits: forbid_new' (built-in policies/scope.yaml:74) forbids it unless 'executable_allow' names it
                src/yarn.lock: error: [scope.protected] src/yarn.lock is a lock file 'yarn.lock' (built-in policies/scope.yaml:51); set 'allow_lockfiles: true' (built-in policies/scope.yaml:63) or allow it by name
                error: [scope.max-files] the change touches 7 files; 'max_files: 6' (.ccteam/policies/scope.yaml:6) allows at most 6
                ccverify: failed: 7 files changed, +7 -0; 7 errors, 0 warnings

                """)
        #expect(result.status == 1)
    }

    @Test func aRenameIsCheckedOnBothPaths() throws {
        let repo = try RepositoryFixture()
        try repo.write(".ccteam/policies/scope.yaml", "allow:\n  - lib/**\n")
        try FileManager.default.createDirectory(
            at: repo.url.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try repo.git("mv", "src/app.swift", "lib/app.swift")
        let result = try repo.ccverify(["diff", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.map { $0["path"] as? String } == ["src/app.swift"])
        #expect((findings.first?["message"] as? String)?.hasPrefix("src/app.swift (renamed away) is outside") == true)
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.first?["status"] as? String == "renamed")
        #expect(changes.first?["oldPath"] as? String == "src/app.swift")
        #expect(result.status == 1)
    }

    @Test func aSecretInAddedLinesIsFoundAndNeverPrintedInTheClear() throws {
        let repo = try RepositoryFixture()
        try repo.write("src/app.swift", "let answer = 42\nlet key = \"\(fakeAWSKey)\"\n")
        for format in ["text", "json", "markdown", "sarif", "github"] {
            let result = try repo.ccverify(["diff", "--format", format])
            #expect(result.status == 1, "format \(format)")
            #expect(!result.stdout.contains(fakeAWSKey), "format \(format) printed the secret")
            #expect(result.stdout.contains("aws-access-key-id"), "format \(format)")
        }
        let text = try repo.ccverify(["diff"])
        #expect(text.stdout.hasPrefix("src/app.swift:2:12: error: [aws-access-key-id] "))
    }

    @Test func aSecretAlreadyCommittedBeforeTheBaseIsNotTheChangesFault() throws {
        let repo = try RepositoryFixture(files: ["old.txt": "key = \"\(fakeAWSKey)\"\n"])
        try repo.write("old.txt", "key = \"\(fakeAWSKey)\"\nmore\n")
        let result = try repo.ccverify(["diff"])
        #expect(result.stdout == "ccverify: passed: 1 file changed, +1 -0; 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func binaryAndNonUTF8ContentAreHandled() throws {
        let repo = try RepositoryFixture()
        try Data([0x00, 0xFF, 0x10, 0x00, 0x7F]).write(to: repo.url.appendingPathComponent("src/blob.bin"))
        try Data([0x6C, 0x61, 0x74, 0x69, 0x6E, 0xE9, 0x0A]).write(
            to: repo.url.appendingPathComponent("src/latin1.txt"))
        let result = try repo.ccverify(["diff"])
        #expect(result.stdout == "ccverify: passed: 2 files changed, +1 -0; 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func aCommitRangeIsVerifiedWithoutTheWorkingTree() throws {
        let repo = try RepositoryFixture()
        try repo.write("src/b.swift", "b\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "b")
        try repo.write(".env", "SECRET=1\n")
        let result = try repo.ccverify(["diff", "--base", "HEAD~1", "--head", "HEAD"])
        #expect(result.stdout == "ccverify: passed: 1 file changed, +1 -0; 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func withoutABaseTheChangeStartsWhereTheBranchLeftTheDefaultBranch() throws {
        let repo = try RepositoryFixture()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("src/one.swift", "1\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "one")
        try repo.write("src/two.swift", "2\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "two")
        let committed = try repo.ccverify(["diff", "--head", "HEAD"])
        #expect(committed.stdout == "ccverify: passed: 2 files changed, +2 -0; 0 errors, 0 warnings\n")
        try repo.write("src/three.swift", "3\n")
        let workingTree = try repo.ccverify(["diff"])
        #expect(workingTree.stdout == "ccverify: passed: 3 files changed, +3 -0; 0 errors, 0 warnings\n")
    }

    @Test func badInputExitsTwoWithOneReason() throws {
        let repo = try RepositoryFixture()
        let unknown = try repo.ccverify(["diff", "--base", "no-such-branch"])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr
                == "error: unknown revision 'no-such-branch': no commit by that name\nhelp: check the spelling with `git rev-parse --verify '<rev>^{commit}'`\n"
        )
        #expect(unknown.stdout == "")

        try repo.write("bad.yaml", "allow:\n  - src/**\n  - ../escape\n")
        let policy = try repo.ccverify(["diff", "--policy", "bad.yaml"])
        #expect(policy.status == 2)
        #expect(
            policy.stderr
                == "error: bad.yaml:3: pattern '../escape' climbs out with '..'\nhelp: patterns cannot reach outside the repository; name the path from the repository root\n"
        )

        let format = try repo.ccverify(["diff", "--format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr.hasPrefix("error: "))
        #expect(format.stderr.contains("unknown format 'xml'"))
    }

    @Test func outsideARepositoryExitsTwo() throws {
        let dir = try TemporaryDirectory()
        let result = try BuiltTools.run("ccverify", ["diff"], in: dir.url)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: not a git repository: \(dir.path)\nhelp: run the command inside a git working tree, or create one with `git init`\n"
        )
    }

    @Test func aMalformedRulesFileExitsTwo() throws {
        let repo = try RepositoryFixture()
        try repo.write("rules.toml", "[[rules]]\nid = \"x\"\nregex = \"(unclosed\"\n")
        let result = try repo.ccverify(["diff", "--rules", "rules.toml"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("rules.toml"))
        #expect(result.stdout == "")
    }
}
