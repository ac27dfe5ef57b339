import CCTestSupport
import Foundation
import Testing

@testable import CCVerify

@Suite struct IgnoreRulesTests {
    @Test func theLastMatchingRuleWinsAndRulesApplyInsideTheirFolder() throws {
        let dir = try TemporaryDirectory()
        try dir.write(".gitignore", "# comment\n*.log\n!keep.log\nbuild/\n  \n")
        try dir.write("sub/.gitignore", "local.txt\n/anchored.txt\n")
        var rules = IgnoreRules()
        rules.load(dir.url.appendingPathComponent(".gitignore"), base: "")
        rules.load(dir.url.appendingPathComponent("sub/.gitignore"), base: "sub/")
        #expect(rules.isIgnored("a.log", isDirectory: false))
        #expect(rules.isIgnored("x/y/a.log", isDirectory: false))
        #expect(!rules.isIgnored("keep.log", isDirectory: false))
        #expect(rules.isIgnored("build", isDirectory: true))
        #expect(!rules.isIgnored("build", isDirectory: false))
        #expect(rules.isIgnored("sub/local.txt", isDirectory: false))
        #expect(!rules.isIgnored("local.txt", isDirectory: false))
        #expect(rules.isIgnored("sub/anchored.txt", isDirectory: false))
        #expect(!rules.isIgnored("sub/deeper/anchored.txt", isDirectory: false))
    }
}
