import CCSecrets
import Testing

/// The shipped rule file loads, compiles and is large enough to be useful.
@Suite struct BuiltinRulesTests {
    @Test func theBuiltinRulesCompileWithUniqueIDsAndKeywords() throws {
        let rules = try RuleSet.builtin()
        #expect(rules.rules.count >= 150)
        #expect(Set(rules.rules.map(\.id)).count == rules.rules.count)
        for rule in rules.rules {
            #expect(!rule.keywords.isEmpty, "rule \(rule.id) has no keywords")
            #expect(!rule.description.isEmpty, "rule \(rule.id) has no description")
        }
    }
}
