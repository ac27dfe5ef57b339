import CCTestSupport
import Foundation
import Testing

/// `ccteam report` on a team that really ran (scripted agents), checked as headless Chromium
/// renders it: every task, agent, attempt, finding and model is on the page, agent text that looks
/// like markup stays text, and the page's script runs without an error.
@Suite struct ReportEndToEndTests {
    // Assembled from pieces so this file does not itself look like it holds a key.
    static let secret = "Zq8vT1mWcR4yXo2P" + "kL7sB9nHdG3fJ6aQeU5iVt0w"
    static let hostile =
        #"<script>document.title=1</script> see [docs](javascript:alert(1)) <a href=\"javascript:alert(2)\">x</a>"#
    static let oddFile = "docs/<img src=x onerror=alert(1)>.md"

    static let plan = """
        tasks:
          - key: api
            subject: Add the API
            scope: ["src/api/**"]
          - subject: Write the docs
            scope: ["docs/**"]
          - subject: Wire the API into the app
            scope: ["src/**"]
            blockedBy: [api]
          - subject: Configure the upload
            scope: ["config/**"]
        """

    /// Task 1 writes outside its scope and task 4 writes a secret (both on every attempt, so both
    /// are retried and fail); task 2 succeeds with a file name that looks like markup.
    static func agent(_ team: ScriptedTeam) throws -> String {
        let text = """
            #!/bin/sh
            cat > /dev/null
            echo '{"type":"system","subtype":"init","model":"claude-sonnet-4-5"}'
            case "$CCTEAM_TASK_ID" in
            1) mkdir -p src/api && echo x > src/api/a.txt && echo hacked > README.md ;;
            2) mkdir -p docs && echo ok > '\(oddFile)' ;;
            4) mkdir -p config && printf 'aws_secret_access_key = "%s"\\n' '\(secret)' > config/upload.txt ;;
            esac
            echo '{"type":"result","subtype":"success","is_error":false,"result":"\(hostile)","total_cost_usd":0.02,"usage":{"input_tokens":100,"output_tokens":20},"modelUsage":{"claude-sonnet-4-5":{"inputTokens":100,"outputTokens":20,"cacheReadInputTokens":50,"costUSD":0.02}}}'

            """
        let url = try team.directory.write(".agents/report-agent.sh", text)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try Data(".agents/\n".utf8).write(to: team.root.appendingPathComponent(".git/info/exclude"))
        return url.path
    }

    /// Every run's meta.json and verify.json findings, read independently of the report.
    static func records(_ team: ScriptedTeam) throws -> (runs: [String], findings: [[String: Any]]) {
        let folder = team.root.appendingPathComponent(".ccteam/runs")
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let findings = try runs.flatMap { id -> [[String: Any]] in
            let file = folder.appendingPathComponent(id).appendingPathComponent("verify.json")
            guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return object?["findings"] as? [[String: Any]] ?? []
        }
        return (runs, findings)
    }

    @Test func theRenderedReportShowsTheWholeTeamAndKeepsAgentTextInert() throws {
        let team = try ScriptedTeam()
        let launch = try team.ccteam([
            "launch", "Build an API", "--plan", try team.plan(Self.plan), "--agent", "command", "--agent-command",
            try Self.agent(team), "--workers", "2", "--max-retries", "1", "--model", "sonnet",
        ])
        #expect(launch.status == 1, "\(launch.stderr)")
        let file = team.root.resolvingSymlinksInPath().appendingPathComponent(".ccteam/teams/\(team.team)/report.html")
        #expect(launch.stdout.contains("Report: \(file.path)\n"), "\(launch.stdout)")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(!html.contains(Self.secret))

        let (runs, findings) = try Self.records(team)
        #expect(runs.count == 5)  // tasks 1 and 4 twice each, task 2 once
        #expect(Set(findings.compactMap { $0["rule"] as? String }).contains("scope.outside-allow"))
        #expect(findings.contains { ($0["kind"] as? String) == "secret" })

        let page = try Chromium.render(file.absoluteString)
        #expect(page.consoleMessages.isEmpty, "\(page.consoleMessages)")
        let dom = page.dom
        for subject in ["Add the API", "Write the docs", "Wire the API into the app", "Configure the upload"] {
            #expect(dom.contains(subject), "\(subject)")
        }
        for text in ["worker-1", "worker-2", "claude-sonnet-4-5", "rejected by verification", "attempt 2"] + runs {
            #expect(dom.contains(text), "\(text)")
        }
        for finding in findings {
            for key in ["rule", "path", "message"] {
                let value = try #require(finding[key] as? String)
                #expect(dom.contains(Self.escaped(value)), "\(key): \(value)")
            }
        }
        // Agent text and file names are text: the report's own script is the only script, no
        // element came from them, and no link goes to javascript:.
        #expect(dom.components(separatedBy: "<script").count == 2)
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<a href=\"javascript:"))
        #expect(dom.contains(Self.escaped(Self.oddFile)))
        #expect(dom.contains("&lt;script&gt;document.title=1&lt;/script&gt;"))
        #expect(dom.contains("<title>ccteam report: \(team.team)</title>"))

        // A bar's link (`#run-2`) opens that run's details when the page loads with it.
        let opened = try Chromium.render(file.absoluteString + "#run-2")
        #expect(opened.consoleMessages.isEmpty, "\(opened.consoleMessages)")
        #expect(opened.dom.contains("id=\"run-2\" open=\"\""))
        #expect(!page.dom.contains("id=\"run-2\" open"))

        let shot = team.root.appendingPathComponent("report.png")
        let messages = try Chromium.screenshot(file.absoluteString, to: shot)
        #expect(messages.isEmpty, "\(messages)")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
    }

    @Test func theConsoleCheckCatchesAScriptError() throws {
        let directory = try TemporaryDirectory(prefix: "ccteam-chromium")
        let page = try directory.write("broken.html", "<p>x</p><script>notAFunction();</script>")
        let rendering = try Chromium.render(page.absoluteString)
        #expect(rendering.consoleMessages.contains { $0.contains("Uncaught ReferenceError") })
    }

    @Test func markdownAndJSONFormsAndBadArgumentsOnTheCommandLine() throws {
        let team = try ScriptedTeam()
        _ = try team.ccteam([
            "launch", "Build an API", "--plan", try team.plan(Self.plan), "--agent", "command", "--agent-command",
            try Self.agent(team), "--workers", "2", "--max-retries", "0",
        ])
        let markdown = try team.ccteam(["report", "--format", "markdown", "-o", "-"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("## ccteam report: \(team.team)\n"))
        #expect(markdown.stdout.contains("| #1 Add the API | failed | 1 |"))
        #expect(!markdown.stdout.contains(Self.secret))

        let json = try team.ccteam(["report", "--format", "json", "-o", "report.json"])
        #expect(json.status == 0, "\(json.stderr)")
        let data = try Data(contentsOf: team.root.appendingPathComponent("report.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["tasks"] as? [Any])?.count == 4)
        #expect((object["lanes"] as? [[String: Any]])?.map { $0["agentId"] as? String } == ["worker-1", "worker-2"])

        let format = try team.ccteam(["report", "--format", "pdf"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("error: unknown report format 'pdf'"))
        #expect(format.stderr.contains("help: use --format html, --format markdown or --format json"))
        let unknown = try team.ccteam(["report", "--team", "nosuchteam"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: there is no team 'nosuchteam'"))
        #expect(unknown.stderr.contains("help: "))
    }

    /// Text as Chromium serialises it in a dumped DOM.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
