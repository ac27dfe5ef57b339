import CCCore
import CCVerify
import Foundation
import Testing

@Suite struct ReportTests {
    static let secret = Finding(
        rule: "aws-access-key-id", kind: .secret, message: "AWS access key ID", path: "src/a b.swift", line: 3,
        column: 7, fingerprint: "fp123", redacted: "AKIA************MPLE")
    static let scope = Finding(
        rule: "scope.denied", kind: .scope, message: "src/x.swift is denied by 'src/**' (p.yaml:2)",
        path: "src/x.swift")
    static let limit = Finding(
        rule: "scope.max-files", kind: .scope, severity: .warning, message: "the change touches 3 files")
    static let report = VerifyReport(
        findings: [secret, scope, limit],
        summary: .init(filesChanged: 3, linesAdded: 10, linesDeleted: 2),
        ruleDescriptions: ["aws-access-key-id": "AWS access key ID"])

    @Test func textIsCompilerStyleWithASummaryLine() {
        let text = ReportRenderer.render(Self.report, as: .text)
        #expect(
            text == """
                src/a b.swift:3:7: error: [aws-access-key-id] AWS access key ID
                    AKIA************MPLE
                src/x.swift: error: [scope.denied] src/x.swift is denied by 'src/**' (p.yaml:2)
                warning: [scope.max-files] the change touches 3 files
                ccverify: failed: 3 files changed, +10 -2; 2 errors, 1 warning
                """)
    }

    @Test func textIsColoredOnlyWhenAsked() {
        #expect(!ReportRenderer.render(Self.report, as: .text).contains("\u{1B}["))
        #expect(ReportRenderer.render(Self.report, as: .text, color: true).contains("\u{1B}[31merror:"))
    }

    @Test func aCleanReportPasses() {
        let report = VerifyReport(findings: [], summary: .init(filesChanged: 1, linesAdded: 1))
        #expect(report.passed)
        #expect(report.exitStatus == .success)
        #expect(
            ReportRenderer.render(report, as: .text) == "ccverify: passed: 1 file changed, +1 -0; 0 errors, 0 warnings")
    }

    @Test func warningsAloneDoNotFail() {
        #expect(VerifyReport(findings: [Self.limit]).passed)
    }

    @Test func jsonHasTheContractShape() throws {
        let json = ReportRenderer.render(Self.report, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(
            Set(findings[0].keys)
                == ["rule", "kind", "severity", "message", "path", "line", "column", "fingerprint", "redacted"])
        #expect(findings[0]["redacted"] as? String == "AKIA************MPLE")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["filesChanged"] as? Int == 3)
        #expect(object["ruleDescriptions"] == nil)
    }

    @Test func sarifHasWhatCodeScanningRequires() throws {
        let sarif = ReportRenderer.render(Self.report, as: .sarif)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ccverify")
        #expect(driver["version"] as? String == ReportRenderer.toolVersion)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["aws-access-key-id", "scope.denied", "scope.max-files"])
        #expect((rules[0]["shortDescription"] as? [String: Any])?["text"] as? String == "AWS access key ID")
        #expect((rules[2]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["aws-access-key-id", "scope.denied", "scope.max-files"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1, 2])
        #expect(results.map { $0["level"] as? String } == ["error", "error", "warning"])
        let physical = try #require(
            ((results[0]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "src/a%20b.swift")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 3)
        #expect(region["startColumn"] as? Int == 7)
        #expect(results[0]["partialFingerprints"] as? [String: String] == ["ccverify/v1": "fp123"])
        #expect(
            (results[0]["message"] as? [String: Any])?["text"] as? String == "AWS access key ID (AKIA************MPLE)")
        #expect(results[1]["partialFingerprints"] == nil)
        let scopePhysical = try #require(
            ((results[1]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect(scopePhysical["region"] == nil)
        #expect(results[2]["locations"] == nil)
    }

    @Test func sarifAnchorsWholeChangeFindingsAtTheFirstChangedFile() throws {
        var report = Self.report
        report.changes = [
            VerifyReport.Change(ChangedFile(path: "src/z.swift", status: .added)),
            VerifyReport.Change(ChangedFile(path: "src/b.swift", status: .added)),
        ]
        let sarif = ReportRenderer.render(report, as: .sarif)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let physical = try #require(
            ((results[2]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "src/b.swift")
        #expect(physical["region"] as? [String: Int] == ["startLine": 1])
    }

    @Test func githubAnnotationsEscapePropertiesAndMessages() {
        let finding = Finding(
            rule: "scope.denied", kind: .scope, message: "100% bad\r\nnext: line, more", path: "a,b:c%.txt", line: 2,
            column: 5)
        #expect(
            GitHubAnnotations.annotation(finding)
                == "::error file=a%2Cb%3Ac%25.txt,line=2,col=5,title=ccverify scope.denied::100%25 bad%0D%0Anext: line, more"
        )
        #expect(
            GitHubAnnotations.annotation(Self.limit)
                == "::warning title=ccverify scope.max-files::the change touches 3 files")
    }

    @Test func githubFormatEndsWithAPlainSummary() {
        let lines = ReportRenderer.render(Self.report, as: .github).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(
            lines[0]
                == "::error file=src/a b.swift,line=3,col=7,title=ccverify aws-access-key-id::AWS access key ID (AKIA************MPLE)"
        )
        #expect(lines[3] == "ccverify: failed: 3 files changed, +10 -2; 2 errors, 1 warning")
    }

    @Test func markdownIsATableWithEscapedCells() {
        let finding = Finding(rule: "scope.denied", kind: .scope, message: "a | b\nc", path: "x.md")
        let markdown = ReportRenderer.render(VerifyReport(findings: [finding]), as: .markdown)
        #expect(
            markdown == """
                ### ccverify: ❌ failed

                0 files changed, +0 -0; 1 error, 0 warnings.

                | Severity | Rule | Location | Message |
                | --- | --- | --- | --- |
                | error | `scope.denied` | `x.md` | a \\| b<br>c |
                """)
    }

    @Test func aFailedTestShowsItsOutputTail() {
        let test = VerifyReport.TestOutcome(
            command: "make test", exitCode: 2, timedOut: false, seconds: 1, outputTail: "FAIL: x\ndone")
        let report = VerifyReport(
            findings: [Finding(rule: "test.failed", kind: .test, message: "the test command 'make test' exited 2")],
            test: test)
        #expect(
            ReportRenderer.render(report, as: .text) == """
                error: [test.failed] the test command 'make test' exited 2
                test output (last lines):
                    FAIL: x
                    done
                ccverify: failed: 0 files changed, +0 -0; 1 error, 0 warnings; tests failed
                """)
    }
}
