import CCCore
import CCVerify
import Testing

@Suite struct ScopeCheckerTests {
    static func policy(_ yaml: String = "") throws -> ScopePolicy {
        try ScopePolicy.parse(yaml: yaml, source: "p.yaml", over: try ScopePolicy.builtin())
    }

    static func rules(_ findings: [Finding]) -> [String] { findings.map(\.rule) }

    @Test func anOrdinaryChangePasses() throws {
        let checker = ScopeChecker(policy: try Self.policy())
        let findings = checker.check([
            ChangedFile(path: "src/a.swift", status: .modified, oldMode: .regular, linesAdded: 3, linesDeleted: 1)
        ])
        #expect(findings.isEmpty)
    }

    @Test(arguments: [
        ".git", ".git/config", ".GIT/config", "vendor/lib/.git", ".ccteam/runs/x/meta.json", ".github/workflows/ci.yml",
        ".env",
        "config/.env.local", "deploy/server.pem", "home/.ssh/id_rsa", "certs/app.P12", ".gitlab-ci.yml",
    ])
    func protectedPathsAreNeverWritable(_ path: String) throws {
        let checker = ScopeChecker(policy: try Self.policy("allow:\n  - \"**\"\n"))
        let findings = checker.check([ChangedFile(path: path, status: .added)])
        #expect(Self.rules(findings) == ["scope.protected"])
        #expect(findings.first?.path == path)
    }

    @Test func theMessageQuotesThePolicyLine() throws {
        let checker = ScopeChecker(policy: try Self.policy("deny:\n  - src/generated/**\n"))
        let findings = checker.check([ChangedFile(path: "src/generated/a.swift", status: .modified)])
        #expect(
            findings == [
                Finding(
                    rule: "scope.denied", kind: .scope,
                    message: "src/generated/a.swift is denied by 'src/generated/**' (p.yaml:2)",
                    path: "src/generated/a.swift")
            ])
    }

    @Test func denyWinsOverAllow() throws {
        let checker = ScopeChecker(policy: try Self.policy("allow:\n  - src/**\ndeny:\n  - src/secret/**\n"))
        #expect(Self.rules(checker.check([ChangedFile(path: "src/secret/x", status: .added)])) == ["scope.denied"])
        #expect(checker.check([ChangedFile(path: "src/open/x", status: .added)]).isEmpty)
    }

    @Test func pathsOutsideTheAllowListAreReported() throws {
        let checker = ScopeChecker(policy: try Self.policy("allow:\n  - src/**\n"))
        let findings = checker.check([ChangedFile(path: "docs/a.md", status: .added)])
        #expect(findings.map(\.message) == ["docs/a.md is outside the policy's allow list: 'src/**' (p.yaml:2)"])
        #expect(Self.rules(findings) == ["scope.outside-allow"])
    }

    @Test func aTaskScopeNarrowsTheAllowList() throws {
        let policy = try Self.policy()
        let scope = try TaskScope.patterns(["src/api/**"], source: "the task's scope", policy: policy)
        let checker = ScopeChecker(policy: policy, taskScope: scope)
        let findings = checker.check([
            ChangedFile(path: "src/api/a.swift", status: .added),
            ChangedFile(path: "src/web/b.swift", status: .added),
        ])
        #expect(findings.map(\.message) == ["src/web/b.swift is outside the task's scope: src/api/**"])
    }

    @Test func aRenameIsCheckedOnBothSides() throws {
        let checker = ScopeChecker(policy: try Self.policy("allow:\n  - src/**\n"))
        let findings = checker.check([
            ChangedFile(path: "src/a.swift", oldPath: "lib/a.swift", status: .renamed, oldMode: .regular)
        ])
        #expect(findings.map(\.path) == ["lib/a.swift"])
        #expect(findings.first?.message.hasPrefix("lib/a.swift (renamed away) is outside") == true)
    }

    @Test func lockFilesNeedAnExplicitAllowance() throws {
        let change = [ChangedFile(path: "web/package-lock.json", status: .modified)]
        #expect(Self.rules(ScopeChecker(policy: try Self.policy()).check(change)) == ["scope.protected"])
        #expect(ScopeChecker(policy: try Self.policy("allow_lockfiles: true\n")).check(change).isEmpty)
        let named = try Self.policy("allow:\n  - src/**\n  - web/package-lock.json\n")
        #expect(ScopeChecker(policy: named).check(change).isEmpty)
    }

    @Test func symlinksPointingOutsideTheRepositoryAreForbidden() throws {
        let checker = ScopeChecker(policy: try Self.policy())
        let outside = ChangedFile(path: "a/link", status: .added, newMode: .symlink, symlinkTarget: "../../etc/passwd")
        let absolute = ChangedFile(path: "link", status: .added, newMode: .symlink, symlinkTarget: "/etc/passwd")
        let inside = ChangedFile(path: "a/b/link", status: .added, newMode: .symlink, symlinkTarget: "../c/file")
        #expect(
            Self.rules(checker.check([outside, absolute, inside])) == [
                "scope.symlink-outside", "scope.symlink-outside",
            ])
        let strict = ScopeChecker(policy: try Self.policy("symlinks: forbid\n"))
        #expect(Self.rules(strict.check([inside])) == ["scope.symlink"])
    }

    @Test func newExecutableBitsAreForbiddenUnlessAllowed() throws {
        let added = ChangedFile(path: "tools/run.sh", status: .added, newMode: .executable)
        let flipped = ChangedFile(path: "b.sh", status: .modified, oldMode: .regular, newMode: .executable)
        let kept = ChangedFile(path: "c.sh", status: .modified, oldMode: .executable, newMode: .executable)
        let checker = ScopeChecker(policy: try Self.policy())
        #expect(Self.rules(checker.check([added, flipped, kept])) == ["scope.new-executable", "scope.new-executable"])
        let allowing = ScopeChecker(policy: try Self.policy("executable_allow:\n  - tools/**\n"))
        #expect(allowing.check([added]).isEmpty)
        #expect(ScopeChecker(policy: try Self.policy("executable_bits: allow\n")).check([flipped]).isEmpty)
    }

    @Test func theChangeSizeIsLimited() throws {
        let checker = ScopeChecker(policy: try Self.policy("max_files: 2\nmax_diff_lines: 10\n"))
        let files = (1...3).map { ChangedFile(path: "f\($0)", status: .added, linesAdded: 4) }
        let findings = checker.check(files)
        #expect(
            findings.map(\.message) == [
                "the change touches 3 files; 'max_files: 2' (p.yaml:1) allows at most 2",
                "the change adds and deletes 12 lines; 'max_diff_lines: 10' (p.yaml:2) allows at most 10",
            ])
        #expect(findings.allSatisfy { $0.path == nil })
    }

    @Test(arguments: [
        ("../x", "link", true), ("x", "a/link", false), ("../../x", "a/link", true), ("./a/../b", "link", false),
        ("/abs", "link", true), ("a/../../x", "link", true),
    ])
    func judgesSymlinkTargets(_ target: String, _ link: String, _ escapes: Bool) {
        #expect(SymlinkTarget.escapes(target, from: link) == escapes)
    }
}
