import CCCore
import CCTestSupport
import Foundation
import Testing

@testable import CCSecrets

/// The scanner: keyword gating, whole-file rules, lines and columns, markers, hostile input.
@Suite struct SecretScannerTests {
    static let githubToken: String = {
        var fake = FakeCredential(seed: 7)
        return "ghp_" + fake.alnum(36)
    }()

    static func rules(_ toml: String) throws -> SecretScanner {
        SecretScanner(rules: try RuleSet.parse(toml: toml, source: "test.toml"))
    }

    /// A rule whose pattern matches any `x`: only the keyword decides whether it runs.
    static let gated = """
        [[rules]]
        id = "gated"
        regex = '''x'''
        keywords = ["zzq"]
        """

    @Test func aKeywordRuleRunsOnlyOnLinesHoldingItsKeyword() throws {
        let scanner = try Self.rules(Self.gated)
        #expect(scanner.scan("x x x\nmore x\n", path: "a").isEmpty)
        let findings = scanner.scan("x\nZZQ then x\nx\n", path: "a")
        #expect(findings.map(\.line) == [2])
        #expect(findings.map(\.column) == [10])
    }

    @Test func aRuleWithoutKeywordsRunsOnTheWholeBuffer() throws {
        let scanner = try Self.rules("[[rules]]\nid = 'any'\nregex = 'x[0-9]'\n")
        #expect(scanner.scan("a x1\nb\nc x2\n", path: "a").map(\.line) == [1, 3])
    }

    @Test func theKeywordMatcherFindsEveryKeywordCaseInsensitively() {
        let keywords = ["key", "api_key", "secret", "ghp_", "-----begin"].map { Array($0.utf8) }
        let matcher = KeywordMatcher(keywords: keywords)
        #expect(matcher.keywordsFound(in: Array("no match here".utf8)).isEmpty)
        #expect(matcher.keywordsFound(in: Array("MY_API_KEY and Secret".utf8)) == [0, 1, 2])
        #expect(matcher.keywordsFound(in: Array("ghp_".utf8)) == [3])
        #expect(matcher.keywordsFound(in: Array("x-----BEGIN RSA".utf8)) == [4])
    }

    @Test func theKeywordMatcherAgreesWithANaiveSearch() {
        var random = FakeCredential(seed: 99)
        let keywords = (0..<40).map { _ in Array(random.from("abcxyz_-", 3 + Int(random.next() % 5)).utf8) }
        let matcher = KeywordMatcher(keywords: keywords)
        for _ in 0..<200 {
            let text = Array(random.from("abcxyzABCXYZ_- \n", 60).utf8)
            let folded = text.map(KeywordMatcher.fold)
            let expected = Set(
                keywords.indices.filter { index in
                    let keyword = keywords[index]
                    return folded.count >= keyword.count
                        && (0...(folded.count - keyword.count)).contains {
                            Array(folded[$0..<$0 + keyword.count]) == keyword
                        }
                })
            #expect(matcher.keywordsFound(in: text) == expected)
        }
    }

    @Test func aPrivateKeyBlockIsOneFindingSpanningItsLines() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        var fake = FakeCredential(seed: 3)
        var text = "config:\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
        for _ in 0..<5 { text += fake.base64(64) + "\n" }
        text += "-----END OPENSSH PRIVATE KEY-----\nafter\n"
        let findings = scanner.scan(text, path: "id_ed25519")
        #expect(findings.map(\.ruleID) == ["private-key-openssh"])
        #expect(findings.first?.line == 3)
        #expect(findings.first?.endLine == 8)
        // Scanning only the added lines of a diff still sees the whole block.
        #expect(scanner.scan(text, path: "id_ed25519", onlyLines: [5]).count == 1)
        #expect(scanner.scan(text, path: "id_ed25519", onlyLines: [1, 9]).isEmpty)
    }

    @Test func onlyLinesKeepsFindingsOnThoseLines() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let text = "a = 1\ntoken = \"\(Self.githubToken)\"\nb = 2\n"
        #expect(scanner.scan(text, path: "a").map(\.line) == [2])
        #expect(scanner.scan(text, path: "a", onlyLines: [2]).count == 1)
        #expect(scanner.scan(text, path: "a", onlyLines: [1, 3]).isEmpty)
        #expect(scanner.scan(text, path: "a", onlyLines: []).isEmpty)
    }

    @Test func theAllowMarkerSilencesItsLineOnly() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let text = """
            one = "\(Self.githubToken)"  # ccverify:allow test fixture
            two = "\(Self.githubToken)"
            """
        #expect(scanner.scan(text, path: "a").map(\.line) == [2])
    }

    @Test func binaryFilesAreSkippedUnlessAsked() throws {
        let bytes = [0, 1, 2] + Array(" token = \(Self.githubToken)\n".utf8)
        #expect(SecretScanner(rules: try RuleSet.builtin()).scan(bytes, path: "blob.bin").isEmpty)
        let binary = SecretScanner(rules: try RuleSet.builtin(), options: .init(scanBinaryFiles: true))
        #expect(binary.scan(bytes, path: "blob.bin").map(\.ruleID) == ["github-pat"])
    }

    @Test func invalidUTF8NeverStopsTheScan() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let bytes: [UInt8] =
            [0xFF, 0xFE, 0xC3, 0x28, 0x0A] + Array("key = \(Self.githubToken) \u{00e9}".utf8) + [0xF0, 0x9F]
        let findings = scanner.scan(bytes, path: "latin1.txt")
        #expect(findings.map(\.ruleID) == ["github-pat"])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.column == 7)
    }

    @Test func emptyAndKeywordOnlyInputsGiveNothing() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        #expect(scanner.scan([UInt8](), path: "empty").isEmpty)
        #expect(scanner.scan(Data(), path: "empty").isEmpty)
        #expect(scanner.scan("key token secret password -----BEGIN", path: "a").isEmpty)
    }

    @Test func windowsLineEndingsKeepColumnsAndAnchors() throws {
        let scanner = try Self.rules("[[rules]]\nid = 'end'\nregex = '''zzq[0-9]+$'''\nkeywords = ['zzq']\n")
        let findings = scanner.scan("a\r\nb zzq42\r\n", path: "a")
        #expect(findings.map(\.line) == [2])
        #expect(findings.map(\.column) == [3])
    }

    @Test func aGenericFindingYieldsToASpecificRuleOnTheSameSecret() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let findings = scanner.scan("GITHUB_TOKEN=\(Self.githubToken)\n", path: ".env")
        #expect(findings.map(\.ruleID) == ["github-pat"])
    }

    @Test func scansFilesInParallelWithTheSameResultsAsOneByOne() throws {
        let directory = try TemporaryDirectory()
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        var targets: [ScanTarget] = []
        for index in 0..<40 {
            let text =
                String(repeating: "let value = compute(\(index))\n", count: index) + "t = \"\(Self.githubToken)\"\n"
            targets.append(ScanTarget(url: try directory.write("f\(index).swift", text), path: "f\(index).swift"))
        }
        let serial = try targets.flatMap { try scanner.scanFile($0) }
        let parallel = try scanner.scanFiles(targets, maxConcurrency: 4)
        #expect(parallel == serial)
        #expect(parallel.map(\.line) == (0..<40).map { $0 + 1 })
        #expect(throws: ToolError.self) {
            _ = try scanner.scanFiles([
                ScanTarget(url: directory.url.appendingPathComponent("missing"), path: "missing")
            ])
        }
    }

    @Test func aFindingBecomesASharedSecretFinding() throws {
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let finding = try #require(scanner.scan("x = \(Self.githubToken)", path: "src/a.swift").first)
        let shared = finding.finding()
        #expect(shared.kind == .secret)
        #expect(shared.rule == "github-pat")
        #expect(shared.severity == .error)
        #expect(shared.path == "src/a.swift")
        #expect(shared.line == 1 && shared.column == 5)
        #expect(shared.fingerprint == finding.fingerprint)
        #expect(shared.redacted == finding.redacted)
        #expect(!shared.message.contains(Self.githubToken))
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(!json.contains(String(Self.githubToken.dropFirst(4).prefix(8))))
    }
}
