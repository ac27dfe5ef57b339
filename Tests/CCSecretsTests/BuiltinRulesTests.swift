import CCSecrets
import Testing

/// The shipped rule file: it loads, and every rule finds its true positive and passes its near miss.
@Suite struct BuiltinRulesTests {
    static let scanner = SecretScanner(rules: try! RuleSet.builtin())

    @Test func theBuiltinRulesCompileWithUniqueIDsAndKeywords() throws {
        let rules = try RuleSet.builtin()
        #expect(rules.rules.count >= 150)
        #expect(Set(rules.rules.map(\.id)).count == rules.rules.count)
        for rule in rules.rules {
            #expect(!rule.keywords.isEmpty, "rule \(rule.id) has no keywords")
            #expect(!rule.description.isEmpty, "rule \(rule.id) has no description")
        }
    }

    @Test func everyBuiltinRuleHasExactlyOneSample() throws {
        let ids = try RuleSet.builtin().rules.map(\.id)
        let sampled = RuleSample.all.map(\.ruleID)
        #expect(Set(sampled).count == sampled.count, "a rule has two samples")
        #expect(Set(ids).subtracting(sampled).sorted() == [], "rules without a sample")
        #expect(Set(sampled).subtracting(ids).sorted() == [], "samples without a rule")
    }

    @Test(arguments: RuleSample.all)
    func ruleFindsItsTruePositive(_ sample: RuleSample) {
        let findings = Self.scanner.scan(sample.truePositive, path: "sample.txt")
        #expect(findings.contains { $0.ruleID == sample.ruleID }, "found only \(findings.map(\.ruleID))")
    }

    @Test(arguments: RuleSample.all)
    func rulePassesItsFalsePositive(_ sample: RuleSample) {
        let findings = Self.scanner.scan(sample.falsePositive, path: "sample.txt")
        #expect(!findings.contains { $0.ruleID == sample.ruleID })
    }

    @Test(arguments: RuleSample.all)
    func findingsNeverHoldTheSecret(_ sample: RuleSample) {
        for finding in Self.scanner.scan(sample.truePositive, path: "sample.txt") {
            #expect(finding.redacted.count <= 8, "redacted form is longer than 8 characters")
            // The longest run of the sample the redacted form could reveal is its 4-character head.
            let revealed = finding.redacted.split(separator: "…").map(String.init)
            #expect(revealed.allSatisfy { $0.count <= 4 })
            #expect(!finding.fingerprint.isEmpty && !sample.truePositive.contains(finding.fingerprint))
        }
    }
}
