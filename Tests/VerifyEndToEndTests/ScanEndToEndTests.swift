import CCTestSupport
import Foundation
import Testing

@Suite struct ScanEndToEndTests {
    @Test func scansNamedFilesAndFoldersReportingPathsAsGiven() throws {
        let repo = try RepositoryFixture()
        try repo.write("config/keys.txt", "first line\naws = \(fakeAWSKey)\n")
        try repo.write("config/clean.txt", "nothing here\n")
        try Data([0x00, 0x01, 0xFF, 0xFE]).write(to: repo.url.appendingPathComponent("config/blob.bin"))
        try Data([0xE9, 0xE8, 0x0A]).write(to: repo.url.appendingPathComponent("config/latin1.txt"))
        let result = try repo.ccverify(["scan", "config"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("config/keys.txt:2:7: error: [aws-access-key-id] "))
        #expect(result.stdout.hasSuffix("ccverify: failed: 4 files scanned; 1 error, 0 warnings\n"))
        #expect(!result.stdout.contains(fakeAWSKey))
        let clean = try repo.ccverify(["scan", "config/clean.txt", "README.md"])
        #expect(clean.stdout == "ccverify: passed: 2 files scanned; 0 errors, 0 warnings\n")
        #expect(clean.status == 0)
    }

    @Test func scansOnlyWhatTheIndexAdds() throws {
        let repo = try RepositoryFixture()
        try repo.write("staged.txt", "one\nkey = \(fakeAWSKey)\n")
        try repo.git("add", "staged.txt")
        try repo.write("unstaged.txt", "key = \(fakeAWSKey)\n")
        let result = try repo.ccverify(["scan", "--staged", "--format", "json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.map { $0["path"] as? String } == ["staged.txt"])
        #expect(findings.map { $0["line"] as? Int } == [2])
    }

    @Test func scansWhatEachCommitOfARangeAdds() throws {
        let repo = try RepositoryFixture()
        try repo.write("a.txt", "x\ny\nkey = \(fakeAWSKey)\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "leak")
        let commit = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        try repo.write("a.txt", "x\ny\n")
        try repo.git("commit", "-q", "-am", "remove the leak")
        let result = try repo.ccverify(["scan", "--log", "HEAD~2..HEAD"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("a.txt:3:7: error: [aws-access-key-id] "))
        #expect(result.stdout.contains("in commit \(commit.prefix(12))"))
        let none = try repo.ccverify(["scan", "--log", "HEAD~1..HEAD"])
        #expect(none.status == 0)
    }

    @Test func aBaselineSilencesAcceptedFindings() throws {
        let repo = try RepositoryFixture()
        try repo.write("fixture.txt", "key = \(fakeAWSKey)\n")
        let json = try repo.ccverify(["scan", "fixture.txt", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let finding = try #require((report["findings"] as? [[String: Any]])?.first)
        let fingerprint = try #require(finding["fingerprint"] as? String)
        try repo.write(
            "baseline.json",
            #"{"version": 1, "findings": [{"fingerprint": "\#(fingerprint)", "rule": "aws-access-key-id", "path": "fixture.txt"}]}"#
        )
        let result = try repo.ccverify(["scan", "fixture.txt", "--baseline", "baseline.json"])
        #expect(result.stdout == "ccverify: passed: 1 file scanned; 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func badInputExitsTwo() throws {
        let repo = try RepositoryFixture()
        let missing = try repo.ccverify(["scan", "no/such/file"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: no such file or folder: no/such/file\n"))
        try repo.write("rules.toml", "[[rules]\nid = \"broken\"\n")
        let rules = try repo.ccverify(["scan", "README.md", "--rules", "rules.toml"])
        #expect(rules.status == 2)
        #expect(rules.stderr.hasPrefix("error: "))
        #expect(rules.stderr.contains("rules.toml"))
        let range = try repo.ccverify(["scan", "--log", "nope..HEAD"])
        #expect(range.status == 2)
        #expect(range.stderr.hasPrefix("error: unknown revision 'nope'"))
    }
}
