import CCCore
import CCTeam
import CCVerify
import Foundation
import Testing

@testable import CCReport

/// `ccteam report` from hand-written records: what the report says, and that agent text stays text.
@Suite struct TeamReportTests {
    static let hostile =
        #"<script>alert("pwned")</script> see [docs](javascript:alert(1)) <a href="javascript:x">x</a>"#

    /// Two tasks (the first waits on nothing, the second on the first); task 1 rejected once for a
    /// scope finding, then succeeded; a lead run; a reviewer run on task 1.
    static func populated() throws -> OpsFixture {
        let fixture = try OpsFixture()
        try fixture.writeTeam()
        let store = fixture.location.store()
        _ = try store.create(subject: "Parse the <b>flag</b>")
        _ = try store.create(subject: "Document it", blockedBy: ["1"])
        try store.update("1", TaskChange(status: .failed))
        try write(fixture, "lead-1", agent: "lead", task: nil, offset: 0, model: "claude-opus-4-5")
        try write(fixture, "w1-a", agent: "worker-1", task: "1", offset: 40, model: "claude-sonnet-4-5", text: hostile)
        try RunStore(root: fixture.root).saveReport(
            VerifyReport(
                findings: [
                    Finding(
                        rule: "scope.outside-allow", kind: .scope, message: "README.md is outside the task's scope",
                        path: #"docs/<img src=x onerror=alert(1)>".md"#, line: 3)
                ],
                summary: .init(filesChanged: 2, linesAdded: 5, linesDeleted: 1)),
            for: "w1-a")
        try write(fixture, "w1-b", agent: "worker-1", task: "1", offset: 120, model: "claude-sonnet-4-5")
        try RunStore(root: fixture.root).saveReport(VerifyReport(findings: []), for: "w1-b")
        try write(
            fixture, "r1", agent: "reviewer-1", task: "1", offset: 200, model: "claude-haiku-4-5", type: "reviewer")
        return fixture
    }

    static func write(
        _ fixture: OpsFixture, _ id: String, agent: String, task: String?, offset: TimeInterval, model: String,
        type: String? = nil, text: String = "done"
    ) throws {
        var run = try fixture.writeRun(
            id, agent: agent, task: task, startOffset: offset, seconds: 30,
            usage: .init(inputTokens: 100, outputTokens: 50, costUSD: 0.25))
        run.agentType = type ?? run.agentType
        run.model = model
        run.requestedModel = agent == "worker-1" ? "sonnet" : nil
        run.finalText = text
        run.models = [model: .init(inputTokens: 100, outputTokens: 50, cacheReadTokens: 10, costUSD: 0.25)]
        try fixture.runs.save(run)
    }

    @Test func attemptsAreNumberedPerTaskAndAVerificationFailureIsARejection() throws {
        let fixture = try Self.populated()
        let report = try TeamReport.load(fixture.location, now: OpsFixture.start.addingTimeInterval(900))
        let first = try #require(report.run("w1-a"))
        #expect(first.attempt == 1)
        #expect(first.outcome == .rejected)
        #expect(first.findings.map(\.rule) == ["scope.outside-allow"])
        #expect(first.diff?.linesAdded == 5)
        #expect(report.run("w1-b")?.attempt == 2)
        #expect(report.run("w1-b")?.outcome == .succeeded)
        // A reviewer's run on the same task is its own first attempt, not the workers' third.
        #expect(report.run("r1")?.attempt == 1)
        #expect(report.run("lead-1")?.attempt == nil)
        #expect(report.tasks.first { $0.id == "1" }?.runIds == ["w1-a", "w1-b", "r1"])
        #expect(report.header.tokens == 600)
        #expect(report.header.costUSD == 1.0)
        #expect(report.header.wallSeconds == 230)
    }

    @Test func lanesAreOnePerAgentLeadWorkersThenReviewers() throws {
        let fixture = try Self.populated()
        let report = try TeamReport.load(fixture.location)
        #expect(report.lanes.map(\.agentId) == ["lead", "worker-1", "reviewer-1"])
        #expect(report.lanes.map(\.agentType) == ["team-lead", "worker", "reviewer"])
        #expect(report.lanes[1].runIds == ["w1-a", "w1-b"])
    }

    @Test func failuresComeFirst() throws {
        let fixture = try Self.populated()
        let report = try TeamReport.load(fixture.location)
        #expect(report.tasksFailuresFirst.map(\.id) == ["1", "2"])
        #expect(report.failedRuns.map(\.runId) == ["w1-a"])
        let html = HTMLReport.render(report)
        let failures = try #require(html.range(of: "id=\"failures\""))
        let timeline = try #require(html.range(of: "id=\"timeline\""))
        #expect(failures.lowerBound < timeline.lowerBound)
    }

    @Test func agentTextAndFileNamesAreEscapedInTheHTML() throws {
        let fixture = try Self.populated()
        let html = HTMLReport.render(try TeamReport.load(fixture.location))
        // Exactly one script element: the report's own.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("&lt;script&gt;alert(\"pwned\")&lt;/script&gt;"))
        // The link's markup shows as text: no element carries it.
        #expect(html.contains("&lt;a href=\"javascript:x\"&gt;"))
        #expect(!html.contains("<a href=\"javascript:"))
        #expect(!html.contains("<img"))
        #expect(html.contains("docs/&lt;img src=x onerror=alert(1)&gt;\".md"))
        #expect(html.contains("#1 Parse the &lt;b&gt;flag&lt;/b&gt;"))
        #expect(!html.contains("<b>flag"))
    }

    @Test func attributeValuesAreEscapedBecausePlotDoesNot() {
        #expect(HTMLNodes.escapeAttribute(#"a" onclick="x' <b>&"#) == "a&quot; onclick=&quot;x&#39; &lt;b&gt;&amp;")
    }

    @Test func theHTMLShowsEveryTaskAgentRunFindingAndModel() throws {
        let fixture = try Self.populated()
        let report = try TeamReport.load(fixture.location)
        let html = HTMLReport.render(report)
        for text in [
            "Parse the &lt;b&gt;flag&lt;/b&gt;", "Document it", "lead", "worker-1", "reviewer-1", "lead-1", "w1-a",
            "w1-b", "r1", "scope.outside-allow", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5",
            "rejected by verification", "Add a --verbose flag",
        ] {
            #expect(html.contains(text), "\(text)")
        }
        // The model mismatch (asked for sonnet, which the model's name contains) is no warning.
        #expect(report.warnings.isEmpty)
    }

    @Test func aRunOnAnotherModelThanAskedForIsAWarningInTheReport() throws {
        let fixture = try Self.populated()
        var run = try fixture.runs.load("r1")
        run.requestedModel = "opus"
        try fixture.runs.save(run)
        let report = try TeamReport.load(fixture.location)
        #expect(report.warnings == ["run r1 (reviewer-1): requested model opus but the agent used claude-haiku-4-5"])
        let html = HTMLReport.render(report)
        #expect(html.contains("warning: run r1 (reviewer-1): requested model opus but the agent used claude-haiku-4-5"))
        #expect(MarkdownReport.render(report).contains("> warning: run r1 \\(reviewer-1\\): requested model opus"))
    }

    @Test func markdownEscapesAgentTextAndListsEveryAttempt() throws {
        let fixture = try Self.populated()
        let markdown = MarkdownReport.render(try TeamReport.load(fixture.location))
        #expect(markdown.contains("| #1 Parse the &lt;b&gt;flag&lt;/b&gt; | failed | 1 | `w1-a` | worker-1 |"))
        #expect(markdown.contains("|  |  | 2 | `w1-b` | worker-1 |"))
        #expect(markdown.contains("| `w1-a` | `scope.outside-allow` | `docs/<img src=x onerror=alert(1)>\".md` | 3 |"))
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("| model | claude-sonnet-4-5 | 2 | 300 | $0.5000 |"))
    }

    @Test func theJSONFormIsTheSameDataAndRoundTrips() throws {
        let fixture = try Self.populated()
        let report = try TeamReport.load(fixture.location, now: OpsFixture.start)
        let text = try ReportWriter.render(report, as: .json)
        #expect(try JSONCoding.decoder().decode(TeamReport.self, from: Data(text.utf8)) == report)
    }

    @Test func anExistingFileNamedWithDashOIsKeptAsABackup() throws {
        let fixture = try Self.populated()
        let target = fixture.root.appendingPathComponent("mine.html")
        try Data("my notes".utf8).write(to: target)
        let written = try ReportWriter.write(fixture.location, to: target)
        #expect(written.backup?.lastPathComponent == "mine.html.bak")
        #expect(try String(contentsOf: target.appendingPathExtension("bak"), encoding: .utf8) == "my notes")
        let again = try ReportWriter.write(fixture.location, to: target)
        #expect(again.backup?.lastPathComponent == "mine.html.bak.2")
        #expect(try String(contentsOf: target.appendingPathExtension("bak"), encoding: .utf8) == "my notes")
    }

    @Test func anUnknownFormatNamesTheChoices() {
        #expect(
            throws: ToolError(
                "unknown report format 'pdf'", help: "use --format html, --format markdown or --format json")
        ) {
            try ReportFormat.parse("pdf")
        }
    }
}
