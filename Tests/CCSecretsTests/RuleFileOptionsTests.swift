import CCTestSupport
import Foundation
import Testing

@testable import CCSecrets

/// The less common parts of the schema: `[extend] path`, commits, targeted and path-only rules.
@Suite struct RuleFileOptionsTests {
    static func scanner(_ toml: String) throws -> SecretScanner {
        SecretScanner(rules: try RuleSet.parse(toml: toml, source: "test.toml"))
    }

    static let zzqRule = """
        [[rules]]
        id = "one"
        regex = '''zzq[0-9]{4}'''
        keywords = ["zzq"]

        """

    @Test func extendsAnotherFileByRelativePath() throws {
        let directory = try TemporaryDirectory()
        try directory.write("base/common.toml", Self.zzqRule)
        let url = try directory.write(
            "base/team.toml", "[extend]\npath = 'common.toml'\n[[rules]]\nid = 'two'\nregex = 'yyq'\n")
        let rules = try RuleSet.load(contentsOf: url)
        #expect(rules.rules.map(\.id) == ["one", "two"])
        #expect(SecretScanner(rules: rules).scan("a zzq1234", path: "a").map(\.ruleID) == ["one"])
    }

    @Test func commitAllowlistsApplyWhenTheScanNamesTheCommit() throws {
        let scanner = try Self.scanner(Self.zzqRule + "[[rules.allowlists]]\ncommits = ['abc123']\n")
        #expect(scanner.scan("zzq1234", path: "a", commit: "abc123").isEmpty)
        #expect(scanner.scan("zzq1234", path: "a", commit: "def456").count == 1)
        #expect(scanner.scan("zzq1234", path: "a").count == 1)
    }

    @Test func globalAllowlistsCanTargetSomeRules() throws {
        let second = Self.zzqRule.replacingOccurrences(of: "\"one\"", with: "\"two\"")
        let scanner = try Self.scanner(
            Self.zzqRule + second + "[[allowlists]]\ntargetRules = ['one']\npaths = ['^docs/']\n")
        #expect(scanner.scan("zzq1234", path: "docs/a.md").map(\.ruleID) == ["two"])
        #expect(scanner.scan("zzq1234", path: "src/a.md").map(\.ruleID) == ["one", "two"])
    }

    @Test func aPathOnlyRuleFlagsTheWholeFile() throws {
        let scanner = try Self.scanner("[[rules]]\nid = 'keystore'\ndescription = 'Java keystore'\npath = '[.]jks$'\n")
        let findings = scanner.scan("anything", path: "app/release.jks")
        #expect(findings.map(\.ruleID) == ["keystore"])
        #expect(findings.first?.line == 1 && findings.first?.redacted == "(whole file)")
        #expect(scanner.scan("anything", path: "app/release.txt").isEmpty)
    }

    /// As in gitleaks, a rule whose id says "generic" gives way to a specific rule whose secret holds its own,
    /// tagged or not (gitleaks' own default file tags none of its rules).
    @Test func aGenericRuleGivesWayToASpecificRuleOnTheSameSecret() throws {
        let generic = "[[rules]]\nid = 'generic-api-key'\nregex = 'key = (\\w+)'\nkeywords = ['key']\n"
        let scanner = try Self.scanner(Self.zzqRule + generic)
        #expect(scanner.scan("key = zzq1234", path: "a").map(\.ruleID) == ["one"])
        #expect(scanner.scan("key = qqq1234", path: "a").map(\.ruleID) == ["generic-api-key"])
        // A generic secret longer than the specific one holds more than it: both stay, as in gitleaks.
        #expect(scanner.scan("key = zzq1234abc", path: "a").map(\.ruleID) == ["one", "generic-api-key"])
    }
}
