import CCProcess
import CCTestSupport
import Foundation
import Testing

/// `status`, `logs`, `stop`, `gc` and `doctor` through the built `ccteam`, on team and run files
/// written by hand as a launcher would have left them.
@Suite("ccteam status, logs, stop, gc, doctor, end to end")
struct TeamOpsEndToEndTests {
    static let base = "0123456789abcdef0123456789abcdef01234567"

    static func teamJSON(state: String = "finished", workers: Int = 1, launcherPID: Int32? = nil) -> String {
        """
        {"team":"demo","goal":"Add a --verbose flag","baseCommit":"\(base)",
         "integrationBranch":"ccteam/demo/integration","workers":\(workers),"agent":"command",
         "taskTimeoutSeconds":600,"maxRetries":1,"permissionMode":"acceptEdits","workersMayCreateTasks":false,
         "createdAt":"2027-01-15T08:00:00.000Z","state":"\(state)","spentUSD":0\(launcherPID.map { ",\"launcherPID\":\($0)" } ?? "")}
        """
    }

    static func runJSON(_ id: String, status: String = "failed", pid: Int32? = nil, ended: Bool = true) -> String {
        """
        {"runId":"\(id)","team":"demo","agentId":"worker-1","agentType":"worker","taskId":"1","worktree":"/tmp/w",
         "baseCommit":"\(base)","command":[],"startedAt":"2027-01-15T08:00:00.000Z",
         \(ended ? "\"endedAt\":\"2027-01-15T08:01:05.000Z\",\"exitCode\":1," : "")"status":"\(status)",
         "usage":{"inputTokens":1000,"outputTokens":234,"costUSD":0.0123}\(pid.map { ",\"pid\":\($0)" } ?? "")}
        """
    }

    static let events =
        [
            #"{"type":"system","subtype":"init","model":"claude-test","mcp_servers":[{"name":"ccteam","status":"connected"}]}"#,
            #"{"type":"assistant","message":{"content":[{"type":"text","text":"Adding the flag."},{"type":"tool_use","name":"Write","input":{"file_path":"/w/Sources/Flag.swift"}}]}}"#,
            #"{"type":"ccteam_raw","text":"warning: unused variable"}"#,
            #"{"type":"result","is_error":true,"terminal_reason":"api_error","usage":{"input_tokens":1000,"output_tokens":234},"total_cost_usd":0.0123}"#,
        ].joined(separator: "\n") + "\n"

    /// A repository holding team `demo` with task 1 and one failed run of worker-1.
    static func teamWithARun() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.directory.write(".ccteam/teams/demo/team.json", teamJSON())
        try repo.ccteam(["tasks", "create", "--team", "demo", "--subject", "Parse the flag"])
        try repo.directory.write(".ccteam/runs/w1-7f3a/meta.json", runJSON("w1-7f3a"))
        try repo.directory.write(".ccteam/runs/w1-7f3a/events.ndjson", events)
        try repo.directory.write(".ccteam/runs/w1-7f3a/stderr.log", "fatal: out of retries\n")
        return repo
    }

    @Test func statusPrintsTheTeamTasksWorkersAndTotals() throws {
        let repo = try Self.teamWithARun()
        let status = try repo.ccteam(["status", "--team", "demo"])
        #expect(
            status.outcome
                == Outcome(
                    status: 0,
                    stdout: """
                        team demo: finished (no launcher)
                        goal: Add a --verbose flag
                        integration branch: ccteam/demo/integration (base 0123456789ab)
                        tasks: 1 total, 1 open (1 ready, 0 blocked), 0 in progress, 0 resolved, 0 failed
                        WORKER    TASK               STATE   ELAPSED  TOKENS     COST  LAST ACTION
                        worker-1  #1 Parse the flag  failed    1m05s    1.2k  $0.0123  result: failed (api_error), 1.2k tokens, $0.0123
                        totals: 1 run (0 running), 1.2k tokens, $0.0123
                        by model:
                          unknown: 1.2k tokens, $0.0123 (1 run)
                        by agent:
                          worker-1: 1.2k tokens, $0.0123 (1 run)
                        latest runs ('ccteam logs RUN-ID' prints one):
                          worker-1  w1-7f3a

                        """, stderr: ""))
        let json = try repo.ccteam(["status", "--team", "demo", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "finished")
        let agents = try #require(object["agents"] as? [[String: Any]])
        #expect(agents.first?["runId"] as? String == "w1-7f3a")
        #expect(agents.first?["taskSubject"] as? String == "Parse the flag")
        #expect((object["totals"] as? [String: Any])?["runs"] as? Int == 1)
        // --watch on a finished team draws once and ends.
        #expect(try repo.ccteam(["status", "--team", "demo", "--watch"]).stdout == status.stdout)
    }

    @Test func statusWithoutATeamNamesTheWayOut() throws {
        let repo = try TestRepository()
        #expect(
            try repo.ccteam(["status", "--team", "demo"]).outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: """
                        error: there is no team 'demo' in \(repo.url.path)
                        help: start one with 'ccteam launch GOAL', or name another with --team

                        """))
        #expect(try repo.ccteam(["status", "--watch", "--json"]).status == 2)
    }

    @Test func logsPrintsTheRunReadablyByIdOrPrefix() throws {
        let repo = try Self.teamWithARun()
        let expected = """
            run w1-7f3a: worker-1, task #1, started 2027-01-15T08:00:00.000Z
            init: model claude-test, mcp ccteam connected
            assistant: Adding the flag.
            tool: Write /w/Sources/Flag.swift
            warning: unused variable
            result: failed (api_error), 1.2k tokens, $0.0123
            stderr.log (last 1 line):
              fatal: out of retries
            status: failed (exit 1), 1m05s, 1.2k tokens, $0.0123

            """
        #expect(try repo.ccteam(["logs", "w1-7f3a"]).outcome == Outcome(status: 0, stdout: expected, stderr: ""))
        #expect(try repo.ccteam(["logs", "w1-7f", "--follow"]).stdout == expected)
        #expect(try repo.ccteam(["logs", "worker-1"]).stdout == expected)
        #expect(
            try repo.ccteam(["logs", "w2"]).outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: """
                        error: no run 'w2' in .ccteam/runs/
                        help: 'ccteam status' lists each agent's latest run id; every run has a folder in .ccteam/runs/

                        """))
    }

    @Test func stopEndsALiveLauncherWithSIGTERM() throws {
        let repo = try TestRepository()
        let launcher = try Self.sleeper()
        defer { launcher.stop() }
        try repo.directory.write(
            ".ccteam/teams/demo/team.json", Self.teamJSON(state: "running", launcherPID: launcher.pid))
        #expect(
            try repo.ccteam(["stop", "--team", "demo"]).outcome
                == Outcome(
                    status: 0,
                    stdout: """
                        stopped the launcher of team 'demo' (pid \(launcher.pid))
                        marked team 'demo' stopped ('ccteam resume --team demo' continues it)

                        """, stderr: ""))
        #expect(launcher.waitBlocking().termination == .signaled(SIGTERM))
        #expect(try repo.ccteam(["stop", "--team", "demo"]).stdout == "nothing is running in team 'demo'\n")
    }

    @Test func stopWithTheLauncherGoneKillsTheRunAndRecordsIt() throws {
        let repo = try TestRepository()
        let runID = "w1-\(UUID().uuidString.prefix(8))"
        let agent = try Self.sleeper(environment: ["CCTEAM_RUN_ID": runID])
        defer { agent.stop() }
        try repo.directory.write(".ccteam/teams/demo/team.json", Self.teamJSON(state: "running"))
        try repo.directory.write(
            ".ccteam/runs/\(runID)/meta.json", Self.runJSON(runID, status: "running", pid: agent.pid, ended: false))
        #expect(
            try repo.ccteam(["stop", "--team", "demo"]).outcome
                == Outcome(
                    status: 0,
                    stdout: """
                        stopped worker-1's run \(runID) (pid \(agent.pid): SIGTERM), marked killed
                        marked team 'demo' stopped ('ccteam resume --team demo' continues it)

                        """, stderr: ""))
        #expect(agent.waitBlocking().termination == .signaled(SIGTERM))
        let meta = try JSONSerialization.jsonObject(
            with: Data(repo.directory.read(".ccteam/runs/\(runID)/meta.json").utf8))
        #expect((meta as? [String: Any])?["status"] as? String == "killed")
        #expect(try repo.ccteam(["stop", "--team", "demo", "--agent", "worker-7"]).status == 2)
    }

    @Test func gcRemovesHandMadeWorktreesAndBranchesButKeepsIntegration() throws {
        let repo = try TestRepository()
        try repo.directory.write("README.md", "hello\n")
        try Shell.git(["add", "README.md"], in: repo.url)
        try Shell.git(["commit", "-q", "-m", "first"], in: repo.url)
        try Shell.git(["branch", "ccteam/demo/integration"], in: repo.url)
        for worker in ["worker-1", "worker-2"] {
            try Shell.git(
                ["worktree", "add", "-q", "-b", "ccteam/demo/\(worker)", ".ccteam/worktrees/demo/\(worker)"],
                in: repo.url)
        }
        try repo.directory.write(".ccteam/teams/demo/team.json", Self.teamJSON(state: "stopped"))
        let gc = try repo.ccteam(["gc"])
        #expect(
            gc.outcome
                == Outcome(
                    status: 0,
                    stdout: """
                        team demo:
                          removed worktree .ccteam/worktrees/demo/worker-1
                          removed worktree .ccteam/worktrees/demo/worker-2
                          removed branch ccteam/demo/worker-1
                          removed branch ccteam/demo/worker-2
                          kept branch ccteam/demo/integration (the accepted work; delete it with 'git branch -D ccteam/demo/integration')
                          kept the record: .ccteam/teams/demo/ and 0 run folders in .ccteam/runs/ (delete them by hand when no longer needed)

                        """, stderr: ""))
        let branches = try Shell.git(["branch", "--list", "--format=%(refname:short)"], in: repo.url)
        #expect(branches.split(separator: "\n").filter { $0.hasPrefix("ccteam/") } == ["ccteam/demo/integration"])
        #expect(try Shell.git(["worktree", "list"], in: repo.url).split(separator: "\n").count == 1)
    }

    @Test func gcRefusesATeamWhoseLauncherRuns() throws {
        let repo = try TestRepository()
        let launcher = try Self.sleeper()
        defer { launcher.stop() }
        try repo.directory.write(
            ".ccteam/teams/demo/team.json", Self.teamJSON(state: "running", launcherPID: launcher.pid))
        #expect(
            try repo.ccteam(["gc", "--team", "demo"]).outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: """
                        error: team 'demo' is still running (launcher pid \(launcher.pid)); gc would remove its workers' worktrees
                        help: stop it first with 'ccteam stop --team demo', or wait for it to finish

                        """))
        #expect(
            try repo.ccteam(["gc"]).stdout == "skipped team demo: its launcher (pid \(launcher.pid)) is running\n")
    }

    @Test func doctorPassesWithEverythingAndFailsWithoutClaude() throws {
        let repo = try TestRepository()
        let home = try TemporaryDirectory()
        let bin = try TemporaryDirectory()
        let draft = try bin.write(".draft", "#!/bin/sh\necho '9.9.9 (Claude Code)'\n")
        // Copied by another process so no descriptor open for writing lingers here (exec would fail with ETXTBSY).
        try Shell.run("/bin/cp", [draft.path, bin.path + "/claude"])
        try Shell.run("/bin/chmod", ["755", bin.path + "/claude"])
        let environment = [
            "PATH": bin.path, "HOME": home.path, "CCTEAM_CACHE": home.path, "ANTHROPIC_API_KEY": "k", "IS_SANDBOX": "1",
        ]
        let healthy = try BuiltTools.run("ccteam", ["doctor"], in: repo.url, environment: environment)
        let lines = healthy.stdout.split(separator: "\n").map(String.init)
        #expect(healthy.status == 0)
        #expect(
            lines.first
                == "warn git repository: \(repo.url.path), but .ccteam/ is not in \(repo.url.path)/.git/info/exclude yet"
        )
        #expect(lines.contains("ok   Claude Code CLI: 9.9.9 (Claude Code) at \(bin.path)/claude (from PATH)"))
        #expect(lines.contains("ok   ccverify: \(BuiltTools.path("ccverify")) (the write-scope hook runs it)"))
        #expect(lines.last == "all required checks passed (1 warning)")
        let empty = try TemporaryDirectory()
        var without = environment
        without["PATH"] = empty.path
        let sick = try BuiltTools.run("ccteam", ["doctor"], in: repo.url, environment: without)
        #expect(sick.status == 1)
        #expect(
            sick.stdout.contains(
                "\nFAIL Claude Code CLI: not found (looked at $CCTEAM_CLAUDE, the setup cache and PATH)\n"))
        #expect(sick.stdout.hasSuffix("\n1 check failed\n"))
        #expect(sick.stderr == "")
        #expect(
            try BuiltTools.run("ccteam", ["doctor", "--bogus"], in: repo.url, environment: environment).status == 2)
    }

    /// A `sleep` in its own session with a clean signal mask, standing in for a launcher or an agent.
    static func sleeper(environment extra: [String: String] = [:]) throws -> SupervisedProcess {
        try SupervisedProcess.start(
            ProcessCommand(
                "/bin/sleep", ["300"], environment: ProcessInfo.processInfo.environment.merging(extra) { $1 }),
            limits: ProcessLimits(timeout: .seconds(120), grace: .milliseconds(200))
        ) { _ in }
    }
}
