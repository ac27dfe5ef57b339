import Testing

@testable import CCSecrets

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

    /// Multi-line rules run over whole files, not keyword lines: key blocks, and the few settings whose
    /// value sits on a later line than the name that makes it secret (an XML element, a manifest).
    @Test func onlyKeyBlocksAndMultiLineSettingsNeedTheWholeFile() throws {
        let wholeFile = Set(try RuleSet.builtin().compiledRules.filter(\.spansLines).map(\.rule.id))
        let multiLineSettings: Set = ["xml-element-secret", "kubernetes-env-secret", "kubernetes-secret-manifest"]
        #expect(wholeFile.subtracting(multiLineSettings).allSatisfy { $0.hasPrefix("private-key-") })
        #expect(wholeFile.isSuperset(of: multiLineSettings))
        #expect(wholeFile.count == 12, "whole-file rules: \(wholeFile.sorted())")
    }

    /// Every rule is specified by a hand-written true positive and near miss here, or by its planted
    /// secrets in the labeled corpus (`SecretsCorpusTests` checks the rule finds those itself).
    @Test func everyBuiltinRuleHasASampleOrPlantedSecrets() throws {
        let ids = try RuleSet.builtin().rules.map(\.id)
        let sampled = RuleSample.all.map(\.ruleID)
        let planted = Set(Corpus.samples.filter(\.isPositive).map(\.subject))
        let specifiedByFileName: Set = ["pkcs12-file"]  // aPKCS12KeyStoreIsFlaggedByItsFileName
        #expect(Set(sampled).count == sampled.count, "a rule has two samples")
        #expect(
            Set(ids).subtracting(sampled).subtracting(planted).subtracting(specifiedByFileName).sorted() == [],
            "rules without a sample")
        #expect(Set(sampled).subtracting(ids).sorted() == [], "samples without a rule")
    }

    /// A PKCS #12 key store is a secret by its file name, whatever its (binary) content.
    @Test func aPKCS12KeyStoreIsFlaggedByItsFileName() {
        let content = "0\u{82}\u{0A}pkcs12 key bag"
        #expect(Self.scanner.scan(content, path: "certs/client.p12").map(\.ruleID).contains("pkcs12-file"))
        #expect(Self.scanner.scan(content, path: "certs/Server.PFX").map(\.ruleID).contains("pkcs12-file"))
        #expect(!Self.scanner.scan(content, path: "docs/pkcs12.md").map(\.ruleID).contains("pkcs12-file"))
    }

    /// In program source an unquoted value is an expression; the same text in a config file is a value.
    @Test func anUnquotedValueIsASecretInConfigButAnExpressionInCode() {
        let line = "signing_key = Hq7Lm2Zt9Vx4Kp8Rw3Nc6Bd1\n"
        #expect(Self.scanner.scan(line, path: "settings.ini").map(\.ruleID) == ["generic-api-key"])
        #expect(Self.scanner.scan(line, path: "Sources/Signer.swift").isEmpty)
        #expect(Self.scanner.scan("signing_key = \"Hq7Lm2Zt9Vx4Kp8Rw3Nc6Bd1\"\n", path: "Signer.swift").count == 1)
    }

    /// A quoted secret may hold any printable symbol, as passwords do.
    @Test func aQuotedSecretMayHoldSymbols() {
        let line = "<add key=\"ClientSecret\" value=\"Rt5#vN8!qL2%wZ6^kP9@\" />\n"
        #expect(Self.scanner.scan(line, path: "Web.config").map(\.ruleID) == ["generic-api-key"])
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
