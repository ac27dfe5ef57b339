import CCCore
import CCTestSupport
import CCVerify
import Foundation
import Testing

@Suite struct PolicyLoadingTests {
    @Test func theBuiltinPolicyLoadsWithItsDefaults() throws {
        let policy = try ScopePolicy.builtin()
        #expect(policy.allow.map(\.pattern) == ["**"])
        #expect(policy.deny.isEmpty)
        #expect(policy.protected.contains { $0.pattern == ".github/workflows/" })
        #expect(policy.lockfiles.contains { $0.pattern == "Package.resolved" })
        #expect(policy.allowLockfiles.value == false)
        #expect(policy.symlinks.value == .forbidOutside)
        #expect(policy.executableBits.value == .forbidNew)
        #expect(policy.maxFiles?.value == 500)
        #expect(policy.allow.first?.location.description.hasPrefix("built-in policies/scope.yaml:") == true)
    }

    @Test func anOverrideKeepsTheBuiltinValuesOfKeysItLeavesOut() throws {
        let yaml = """
            allow:
              - src/**
            max_files: 3
            """
        let policy = try ScopePolicy.parse(yaml: yaml, source: "p.yaml", over: try ScopePolicy.builtin())
        #expect(policy.allow.map(\.pattern) == ["src/**"])
        #expect(policy.allow[0].location == PolicyLocation(source: "p.yaml", line: 2))
        #expect(policy.maxFiles == PolicySetting(3, at: PolicyLocation(source: "p.yaml", line: 3)))
        #expect(policy.symlinks.location.source == "built-in policies/scope.yaml")
    }

    @Test func limitsCanBeSwitchedOff() throws {
        let policy = try ScopePolicy.parse(
            yaml: "max_files: none\nmax_diff_lines: ~\n", source: "p.yaml", over: try ScopePolicy.builtin())
        #expect(policy.maxFiles == nil)
        #expect(policy.maxDiffLines == nil)
    }

    @Test(arguments: [
        ("allow:\n  - ../outside/**\n", "p.yaml:2: pattern '../outside/**' climbs out with '..'"),
        ("allow:\n  - src/../../x\n", "p.yaml:2: pattern 'src/../../x' climbs out with '..'"),
        ("deny:\n  - /etc/passwd\n", "p.yaml:2: pattern '/etc/passwd' is an absolute path"),
        ("allow:\n  - ~/x\n", "p.yaml:2: pattern '~/x' is an absolute path"),
        (
            "allow:\n  - src/**\n  - .GIT/**\n",
            "p.yaml:3: pattern '.GIT/**' differs from protected path '.git' "
                + "(built-in policies/scope.yaml:18) only by letter case"
        ),
        (
            "allow:\n  - .GitHub/Workflows/ci.yml\n",
            "p.yaml:2: pattern '.GitHub/Workflows/ci.yml' differs from protected path '.github/workflows/' "
                + "(built-in policies/scope.yaml:20) only by letter case"
        ),
        ("alow:\n  - x\n", "p.yaml:1: unknown key 'alow'"),
        ("max_files: lots\n", "p.yaml:1: 'max_files:' must be a positive whole number (or 'none'), not 'lots'"),
        ("symlinks: maybe\n", "p.yaml:1: 'symlinks:' must be one of allow, forbid_outside, forbid, not 'maybe'"),
        ("allow: src/**\n", "p.yaml:1: 'allow:' must be a list of patterns"),
        ("allow:\n  - a[b\n", "p.yaml:2: 'a[b' is not a valid pattern: a '[' set is never closed with ']'"),
        ("allow: [x\n", "p.yaml:2: is not valid YAML: did not find expected ',' or ']' (column 1)"),
        ("- a\n- b\n", "p.yaml:1: the policy must be a mapping of keys such as 'allow:' and 'deny:'"),
        ("allow_lockfiles: perhaps\n", "p.yaml:1: 'allow_lockfiles:' must be true or false, not 'perhaps'"),
    ])
    func rejectsAMalformedPolicyNamingFileAndLine(_ yaml: String, _ message: String) throws {
        let base = try ScopePolicy.builtin()
        let error = #expect(throws: PolicyError.self) {
            try ScopePolicy.parse(yaml: yaml, source: "p.yaml", over: base)
        }
        #expect(error?.message == message)
        #expect(error?.exitStatus == .usage)
    }

    @Test func aPolicyFileThatIsNotUTF8IsRejected() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("p.yaml")
        try Data([0x61, 0x6C, 0x6C, 0x6F, 0x77, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: file)
        let error = #expect(throws: PolicyError.self) {
            try ScopePolicy.load(file: file, repositoryRoot: nil)
        }
        #expect(error?.message == "\(file.relativePath): the policy file is not UTF-8 text")
    }

    @Test func aTaskScopeIsCheckedLikePolicyPatterns() throws {
        let policy = try ScopePolicy.builtin()
        let error = #expect(throws: PolicyError.self) {
            try TaskScope.patterns(["src/**", "../x"], source: "--scope", policy: policy)
        }
        #expect(error?.message == "--scope #2: pattern '../x' climbs out with '..'")
        let scope = try TaskScope.patterns(["src/api/**"], source: "--scope", policy: policy)
        #expect(scope.map(\.pattern) == ["src/api/**"])
    }

    @Test func readsTheScopeFromTheEnvironmentAsAJSONArray() throws {
        #expect(try TaskScope.fromEnvironment(["CCTEAM_SCOPE": #"["a/**","b"]"#]) == ["a/**", "b"])
        #expect(try TaskScope.fromEnvironment([:]) == nil)
        #expect(throws: PolicyError.self) { try TaskScope.fromEnvironment(["CCTEAM_SCOPE": "a/**"]) }
    }
}
