import CCCore
import CCTestSupport
import Foundation
import Testing

@testable import CCSecrets

/// A user's gitleaks file: rules, allowlists and errors that name the file, the line and the rule.
@Suite struct RuleFileTests {
    static let userFile = #"""
        title = "team rules"

        [allowlist]
        description = "global"
        paths = ['''^vendor/''']
        regexes = ['''(?i)^allowed''']
        stopwords = ["sandbox"]

        [[rules]]
        id = "acme-token"
        description = "Acme token"
        regex = '''(?i)acme[_-]?token\s*[:=]\s*"(?P<token>[a-z0-9]{20})"'''
        secretGroup = 1
        keywords = ["acme"]
        entropy = 2.5
        tags = ["acme"]

          [[rules.allowlists]]
          description = "test fixtures"
          paths = ['''(^|/)fixtures/''']

          [[rules.allowlists]]
          condition = "AND"
          regexTarget = "line"
          regexes = ['''legacy''']
          paths = ['''^old/''']

        [[rules]]
        id = "zed-key"
        regex = '''ZED-[0-9]{8}\z'''
        keywords = ["zed-"]
        [rules.allowlist]
        regexTarget = "match"
        regexes = ['''^ZED-0000''']
        """#

    static func scanner() throws -> SecretScanner {
        SecretScanner(rules: try RuleSet.parse(toml: userFile, source: ".gitleaks.toml"))
    }

    static let token = "k3j5h6g7f8d9s0a1q2w3"

    @Test func readsRulesWithTheirFields() throws {
        let rules = try RuleSet.parse(toml: Self.userFile, source: ".gitleaks.toml")
        #expect(rules.title == "team rules")
        #expect(rules.rules.map(\.id) == ["acme-token", "zed-key"])
        let acme = rules.rules[0]
        #expect(acme.secretGroup == 1)
        #expect(acme.keywords == ["acme"])
        #expect(acme.entropy == 2.5)
        #expect(acme.allowlists.count == 2)
        #expect(acme.allowlists[1].condition == .and)
        #expect(acme.allowlists[1].regexTarget == .line)
        #expect(rules.rules[1].allowlists.first?.regexTarget == .match)
        #expect(rules.allowlists.first?.stopwords == ["sandbox"])
    }

    @Test func findsTheSecretGroupAtItsColumn() throws {
        let text = "x = 1\n  acme_token = \"\(Self.token)\"\n"
        let findings = try Self.scanner().scan(text, path: "app/config.py")
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ruleID == "acme-token")
        #expect(finding.line == 2)
        #expect(finding.column == 17)
        #expect(finding.redacted == "k3j5…w3")
    }

    @Test func perRuleAllowlistsSilenceByPathOrByAllCriteria() throws {
        let scanner = try Self.scanner()
        let line = "acme_token = \"\(Self.token)\"\n"
        #expect(scanner.scan(line, path: "tests/fixtures/a.txt").isEmpty)
        // AND: both the path and the line pattern must match.
        #expect(scanner.scan("legacy " + line, path: "old/a.txt").isEmpty)
        #expect(scanner.scan("legacy " + line, path: "new/a.txt").count == 1)
        #expect(scanner.scan(line, path: "old/a.txt").count == 1)
    }

    @Test func globalAllowlistSilencesPathsRegexesAndStopwords() throws {
        let scanner = try Self.scanner()
        #expect(scanner.scan("acme_token = \"\(Self.token)\"", path: "vendor/lib.go").isEmpty)
        #expect(scanner.scan("acme_token = \"allowed0123456789abc\"", path: "a.go").isEmpty)
        #expect(scanner.scan("acme_token = \"sandbox0123456789abc\"", path: "a.go").isEmpty)
    }

    @Test func matchTargetAllowlistAndEndOfTextAnchor() throws {
        let scanner = try Self.scanner()
        #expect(scanner.scan("id ZED-00001234", path: "a").isEmpty)
        #expect(scanner.scan("id ZED-12345678", path: "a").map(\.ruleID) == ["zed-key"])
        // \z anchors at the end of the subject (the line for a line rule).
        #expect(scanner.scan("id ZED-12345678 trailing", path: "a").isEmpty)
    }

    @Test func entropyThresholdDropsLowEntropySecrets() throws {
        #expect(try Self.scanner().scan("acme_token = \"aaaaaaaaaaaaaaaaaaaa\"", path: "a").isEmpty)
    }

    @Test func loadsAFileAndExtendsTheBuiltinRules() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write(
            ".gitleaks.toml",
            """
            [extend]
            useDefault = true
            disabledRules = ["jwt"]

            [[rules]]
            id = "github-pat"
            description = "overridden"
            regex = '''ghp_[0-9]{4}'''
            keywords = ["ghp_"]
            """)
        let rules = try RuleSet.load(contentsOf: url)
        let builtin = try RuleSet.builtin()
        #expect(!rules.rules.contains { $0.id == "jwt" })
        #expect(rules.rules.count == builtin.rules.count - 1)
        #expect(rules.rules.first { $0.id == "github-pat" }?.description == "overridden")
        #expect(rules.allowlists.count == builtin.allowlists.count)
    }

    @Test func aRegexThatDoesNotCompileNamesTheRuleAndOffset() {
        let text = "\n[[rules]]\nid = \"broken\"\nregex = '''abc(def'''\nkeywords = [\"abc\"]\n"
        #expect {
            _ = try RuleSet.parse(toml: text, source: "my.toml")
        } throws: { error in
            guard let error = error as? RuleFileError else { return false }
            return error.message.hasPrefix("my.toml:2: rule 'broken': regex pattern does not compile: ")
                && error.message.contains("at offset 7") && error.exitStatus == .usage
        }
    }

    /// Valid TOML that is not a valid rule file, with the message each must produce.
    static let invalidRuleFiles: [(text: String, message: String)] = [
        ("[[rules]]\nregex = 'x'\n", "f.toml:1: a [[rules]] entry has no 'id'"),
        (
            "[[rules]]\nid = 'a'\nregex = 'x'\n[[rules]]\nid = 'a'\nregex = 'y'\n",
            "f.toml:4: rule id 'a' is used more than once"
        ),
        ("[[rules]]\nid = 'a'\n", "f.toml:1: rule 'a' has neither 'regex' nor 'path'"),
        ("[[rules]]\nid = 'a'\nregex = 'x'\nentropy = 'high'\n", "f.toml:4: 'entropy' must be a number, not a string"),
        (
            "[[rules]]\nid = 'a'\nregex = 'x'\nkeywords = 'x'\n",
            "f.toml:4: 'keywords' must be an array of strings, not a string"
        ),
        (
            "[[rules]]\nid = 'a'\nregex = '(x)'\nsecretGroup = 2\n",
            "f.toml:1: rule 'a' has secretGroup = 2 but its regex has 1 capture groups"
        ),
        ("rules = 3\n", "f.toml:1: 'rules' must be an array of tables ([[rules]]), not an integer"),
        ("[allowlist]\ncondition = 'XOR'\n", "f.toml:2: allowlist condition 'XOR' is neither \"OR\" nor \"AND\""),
        ("[allowlist]\npaths = ['(']\n", "f.toml:1: global allowlist: paths pattern does not compile"),
        ("x = [1,\n", "f.toml:2: unterminated array: expected ']'"),
    ]

    @Test(arguments: 0..<invalidRuleFiles.count)
    func invalidRuleFilesAreUserErrorsNamingFileAndLine(_ index: Int) {
        let (text, message) = Self.invalidRuleFiles[index]
        #expect {
            _ = try RuleSet.parse(toml: text, source: "f.toml")
        } throws: { error in
            guard let error = error as? RuleFileError else { return false }
            return error.message.hasPrefix(message) && error.exitStatus == .usage
        }
    }

    @Test func aMissingFileIsAUserError() {
        #expect(throws: RuleFileError.self) {
            _ = try RuleSet.load(contentsOf: URL(fileURLWithPath: "/nonexistent/.gitleaks.toml"))
        }
    }

    @Test func translatesRE2VerticalTabAndDetectsMultilinePatterns() {
        #expect(PatternTranslation.pcre2Pattern(from: #"a\vb\\v"#) == #"a\x0Bb\\v"#)
        #expect(PatternTranslation.spansLines(#"-----BEGIN[\s\S]*?END"#))
        #expect(PatternTranslation.spansLines(#"a\nb"#))
        #expect(!PatternTranslation.spansLines(#"(?i)key\s*=\s*(\w+)"#))
    }

    @Test func namedGroupsAndUnicodePatternsCompile() throws {
        let named = try CompiledPattern(#"(?P<secret>[a-z]+)\z"#)
        #expect(named.captureCount == 1 && !named.isUTF)
        let unicode = try CompiledPattern(#"pass\x{263A}word"#)
        #expect(unicode.isUTF)
    }
}
