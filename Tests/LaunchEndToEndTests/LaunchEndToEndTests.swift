import CCTestSupport
import Foundation
import Testing

/// `ccteam launch` end to end through the built executable, with scripted agents on the `command`
/// backend (the real Claude Code CLI is driven in `ClaudeEndToEndTests`).
@Suite struct LaunchEndToEndTests {
    let plan = """
        tasks:
          - key: api
            subject: Add the API
            scope: ["src/api/**"]
          - key: docs
            subject: Write the docs
            scope: ["docs/**"]
          - subject: Wire the API into the app
            scope: ["src/**"]
            blockedBy: [api]
        """

    @Test func threeWorkersResolveAPlanWithADependencyAndMergeEverything() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent([
            "1": "mkdir -p src/api && echo 'get /health' > src/api/routes.txt",
            "2": "mkdir -p docs && echo 'how to call the API' > docs/api.md",
            // Task 3 starts from the integration branch, so it sees task 1's file.
            "3": "test -f src/api/routes.txt && echo 'uses routes' > src/app.txt",
        ])
        let output = try team.ccteam([
            "launch", "Build an API", "--plan", try team.plan(plan), "--agent", "command", "--agent-command", agent,
            "--workers", "3",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout.hasPrefix(
                """
                Team \(team.team) finished: 3 of 3 tasks resolved, 0 failed, 0 not started.
                Runs: 3, tokens: 360, cost: $0.0300
                by model:
                  script: 360 tokens, $0.0300 (3 runs)
                by agent:

                """), "\(output.stdout)")
        // Which worker took which task varies; the report's path ends the summary.
        #expect(
            output.stdout.hasSuffix(
                """
                Integration branch: ccteam/\(team.team)/integration
                Take the work with: git merge ccteam/\(team.team)/integration
                Report: \(team.root.resolvingSymlinksInPath().path)/.ccteam/teams/\(team.team)/report.html

                """), "\(output.stdout)")
        #expect(
            try team.integrationFiles(team: team.team) == [
                "README.md", "docs/api.md", "src/api/routes.txt", "src/app.txt",
            ])
        #expect(
            try Shell.git(["show", "ccteam/\(team.team)/integration:src/app.txt"], in: team.root) == "uses routes\n")
        // The user's checkout is untouched: nothing the team did shows in it.
        #expect(try Shell.git(["status", "--porcelain"], in: team.root) == "")
        #expect(try Shell.git(["branch", "--show-current"], in: team.root) == "main\n")
    }

    @Test func aWorkerWritingOutsideItsScopeIsRolledBackRetriedAndFailedAndItsDependentNeverStarts() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent([
            "1": "mkdir -p src/api && echo x > src/api/a.txt && echo 'hacked' > README.md",
            "2": "mkdir -p docs && echo ok > docs/api.md",
            "3": "echo never > src/never.txt",
        ])
        let output = try team.ccteam([
            "launch", "Build an API", "--plan", try team.plan(plan), "--agent", "command", "--agent-command", agent,
            "--workers", "2", "--max-retries", "1",
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("1 of 3 tasks resolved, 1 failed, 1 not started."))
        #expect(output.stdout.contains("Failed: #1"))
        #expect(output.stdout.contains("Not started: #3 (waiting on failed tasks)"))
        #expect(output.stderr.contains("#1 verification failed"))
        #expect(output.stderr.contains("attempt 2"))
        #expect(try team.status(of: "1") == "failed")
        #expect(try team.status(of: "3") == "open")
        #expect(try team.integrationFiles(team: team.team) == ["README.md", "docs/api.md", "src/app.txt"])
        #expect(try Shell.git(["show", "ccteam/\(team.team)/integration:README.md"], in: team.root) == "# sample\n")
    }

    @Test func threeTasksAddingLinesAtTheSamePlaceAllMergeKeepingEveryLineWithoutReRuns() throws {
        let team = try ScriptedTeam()
        // Each inserts its line right after the first: git alone calls any two of them a conflict.
        let agent = try team.agent([
            "1": "sleep 0.3; sed -i '1a line from task 1' src/app.txt",
            "2": "sleep 0.3; sed -i '1a line from task 2' src/app.txt",
            "3": "sleep 0.3; sed -i '1a line from task 3' src/app.txt",
        ])
        let plan = (1...3).map { "  - subject: Add line \($0)\n    scope: [\"src/app.txt\"]" }.joined(separator: "\n")
        let output = try team.ccteam([
            "launch", "Three lines", "--plan", try team.plan("tasks:\n" + plan), "--agent", "command",
            "--agent-command", agent, "--workers", "3", "--max-retries", "0",
        ])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("3 of 3 tasks resolved"))
        #expect(output.stdout.contains("Runs: 3,"), "no task ran twice")
        #expect(output.stderr.contains("keeping both sides' lines added at the same place in src/app.txt"))
        let merged = try Shell.git(["show", "ccteam/\(team.team)/integration:src/app.txt"], in: team.root)
        #expect(merged.hasPrefix("app\n"))
        #expect(
            Set(merged.split(separator: "\n").dropFirst()) == [
                "line from task 1", "line from task 2", "line from task 3",
            ])
    }

    @Test func threeTasksRewritingTheSameLineMergeThroughConflictReRunsAtTheNewTip() throws {
        let team = try ScriptedTeam()
        // Each appends its mark to the first line: a real conflict no merge can settle, so the
        // later tasks run again at the new tip and append to what is already there.
        let agent = try team.agent([
            "1": "sleep 0.3; sed -i '1s/$/ +1/' src/app.txt",
            "2": "sleep 0.3; sed -i '1s/$/ +2/' src/app.txt",
            "3": "sleep 0.3; sed -i '1s/$/ +3/' src/app.txt",
        ])
        let plan = (1...3).map { "  - subject: Mark \($0)\n    scope: [\"src/app.txt\"]" }.joined(separator: "\n")
        let output = try team.ccteam([
            "launch", "Three marks", "--plan", try team.plan("tasks:\n" + plan), "--agent", "command",
            "--agent-command", agent, "--workers", "3", "--max-retries", "0",
        ])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("3 of 3 tasks resolved"))
        #expect(output.stderr.contains("conflicts with the integration branch"))
        // Two of the three conflicted at least once and ran again; nothing counted against --max-retries 0.
        let runs = output.stdout.split(separator: "\n").first { $0.hasPrefix("Runs: ") }
            .flatMap { Int($0.dropFirst(6).prefix { $0.isNumber }) }
        #expect((runs ?? 0) >= 5, "\(output.stdout)")
        let merged = try Shell.git(["show", "ccteam/\(team.team)/integration:src/app.txt"], in: team.root)
        let marks = merged.split(separator: "\n").first.map { $0.split(separator: " ") } ?? []
        #expect(marks.first == "app")
        #expect(Set(marks.dropFirst()) == ["+1", "+2", "+3"], "every task's mark is on the line: \(merged)")
    }

    @Test func aWorkerWritingASecretIsRejectedAndTheSecretNeverReachesTheIntegrationBranch() throws {
        let team = try ScriptedTeam()
        // Built from pieces so this test file does not itself look like it holds a key.
        let key = "AKIA" + "QYLPMN5HHHFPZAM2"
        let agent = try team.agent(["1": "mkdir -p src/api && echo 'aws_key = \"\(key)\"' > src/api/config.txt"])
        let output = try team.ccteam([
            "launch", "Configure", "--plan",
            try team.plan("tasks:\n  - subject: Configure the API\n    scope: [\"src/api/**\"]"), "--agent", "command",
            "--agent-command", agent, "--max-retries", "0",
        ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("verification failed"))
        #expect(!output.stderr.contains(key))
        #expect(try team.integrationFiles(team: team.team) == ["README.md", "src/app.txt"])
        let runs = try FileManager.default.contentsOfDirectory(atPath: team.root.path + "/.ccteam/runs")
        let report = try String(
            contentsOfFile: team.root.path + "/.ccteam/runs/\(runs[0])/verify.json", encoding: .utf8)
        #expect(report.contains("\"kind\" : \"secret\""))
        #expect(!report.contains(key))
    }

    @Test func aHungWorkerIsKilledAtTheTimeoutWithEverythingItStarted() throws {
        let team = try ScriptedTeam()
        // The agent starts a background child in its own session, then hangs.
        let agent = try team.agent(["1": "setsid sleep 300 & sleep 300"])
        let started = Date()
        let output = try team.ccteam([
            "launch", "Hang", "--plan", try team.plan("tasks:\n  - subject: Hang forever"), "--agent", "command",
            "--agent-command", agent, "--task-timeout", "2", "--max-retries", "0",
        ])
        #expect(output.status == 1)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(output.stderr.contains("ended 'timed_out'"))
        let runs = try FileManager.default.contentsOfDirectory(atPath: team.root.path + "/.ccteam/runs")
        let meta = try String(contentsOfFile: team.root.path + "/.ccteam/runs/\(runs[0])/meta.json", encoding: .utf8)
        #expect(meta.contains("\"status\" : \"timed_out\""))
        // Nothing carrying the run's id survives.
        let leftovers = try Shell.run(
            "/bin/sh", ["-c", "grep -l 'CCTEAM_RUN_ID=\(runs[0])' /proc/[0-9]*/environ 2>/dev/null || true"])
        #expect(leftovers.stdout.isEmpty)
    }

    @Test func aLauncherKilledOutrightIsResumedAndFinishes() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent([
            "1": "sleep 2; echo one > one.txt",
            "2": "echo two > two.txt",
        ])
        let plan = try team.plan("tasks:\n  - subject: One\n  - subject: Two\n    blockedBy: [1]")
        let (launcher, _) = try team.startCCTeam([
            "launch", "Two steps", "--plan", plan, "--agent", "command", "--agent-command", agent,
        ])
        // Wait until the first task is claimed, then kill the launcher without warning.
        team.waitUntilClaimed("1")
        kill(launcher.processIdentifier, SIGKILL)
        launcher.waitUntilExit()
        #expect(try team.status(of: "1") == "in_progress")

        let resumed = try team.ccteam(["resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("2 of 2 tasks resolved"))
        #expect(try team.integrationFiles(team: team.team) == ["README.md", "one.txt", "src/app.txt", "two.txt"])
    }

    @Test func noTasksPlannedIsAFailureThatShowsTheLeadsLastWords() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent([:])
        let output = try team.ccteam(["launch", "Do nothing", "--agent", "command", "--agent-command", agent])
        #expect(output.status == 1)
        #expect(output.stdout == "Team \(team.team): the lead planned no tasks.\nThe lead's final message:\n  done\n")
    }

    @Test(arguments: [
        (["--workers", "0"], "error: --workers must be between 1 and 64, not 0"),
        (["--permission-mode", "yolo"], "error: unknown permission mode 'yolo'"),
        (["--agent", "robot"], "error: unknown agent backend 'robot'"),
        (["--agent", "command"], "error: --agent command needs --agent-command PATH"),
        (["--plan", "/nonexistent/plan.yaml"], "error: plan /nonexistent/plan.yaml cannot be read as UTF-8 text"),
    ])
    func badInputIsAUsageErrorNamingTheFix(arguments: [String], message: String) throws {
        let team = try ScriptedTeam()
        let output = try team.ccteam(["launch", "goal"] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(message), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: team.root.path + "/.ccteam/teams"))
    }
}

@Suite struct StopEndToEndTests {
    @Test func stoppingOneAgentHandsItsTaskBackAndLeavesTheTeamResumable() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent(["1": "sleep 300"])
        let (launcher, output) = try team.startCCTeam([
            "launch", "Stop me", "--plan", try team.plan("tasks:\n  - subject: Long"), "--agent", "command",
            "--agent-command", agent, "--workers", "1",
        ])
        team.waitUntilClaimed("1")
        usleep(500_000)
        // Both the launcher and the run are recorded with their start times, which stop checks.
        let teamFile = try String(
            contentsOfFile: team.root.path + "/.ccteam/teams/\(team.team)/team.json", encoding: .utf8)
        #expect(teamFile.contains("\"launcherStartTicks\""))
        let runs = try FileManager.default.contentsOfDirectory(atPath: team.root.path + "/.ccteam/runs")
        let metas = try runs.map {
            try String(contentsOfFile: team.root.path + "/.ccteam/runs/\($0)/meta.json", encoding: .utf8)
        }
        #expect(metas.contains { $0.contains("\"pidStartTicks\"") })

        let stop = try team.ccteam(["stop", "--agent", "worker-1"])
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(stop.stdout.contains(": SIGTERM)"), "\(stop.stdout)")
        launcher.waitUntilExit()
        let summary = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(launcher.terminationStatus == 1)
        #expect(summary.contains("stopped: 0 of 1 task resolved, 0 failed, 1 not started."))
        #expect(summary.contains("'ccteam resume' continues"))
        #expect(try team.status(of: "1") == "open")
    }
}

@Suite struct LauncherSignalEndToEndTests {
    @Test func sigtermStopsEveryAgentAndLeavesTheTeamResumable() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent(["1": "sleep 300", "2": "sleep 300"])
        let (launcher, output) = try team.startCCTeam([
            "launch", "Signal me", "--plan", try team.plan("tasks:\n  - subject: One\n  - subject: Two"), "--agent",
            "command", "--agent-command", agent, "--workers", "2",
        ])
        team.waitUntilClaimed("2")
        usleep(500_000)
        let started = Date()
        kill(launcher.processIdentifier, SIGTERM)
        launcher.waitUntilExit()
        #expect(Date().timeIntervalSince(started) < 20)
        let summary = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(launcher.terminationStatus == 1)
        #expect(summary.contains("stopped: 0 of 2 tasks resolved, 0 failed, 2 not started."))
        #expect(try team.status(of: "1") == "open")
        #expect(try team.status(of: "2") == "open")
        let config = try String(
            contentsOfFile: team.root.path + "/.ccteam/teams/\(team.team)/team.json", encoding: .utf8)
        #expect(config.contains("\"state\" : \"stopped\""))
        for run in try FileManager.default.contentsOfDirectory(atPath: team.root.path + "/.ccteam/runs") {
            let leftovers = try Shell.run(
                "/bin/sh", ["-c", "grep -l 'CCTEAM_RUN_ID=\(run)' /proc/[0-9]*/environ 2>/dev/null || true"])
            #expect(leftovers.stdout.isEmpty, "processes of run \(run) survived")
        }
    }

    @Test func includedIgnoredFilesReachEveryWorktreeButNeverTheMerge() throws {
        let team = try ScriptedTeam()
        try team.directory.write(".env", "TOKEN=local\n")
        try Data(".env\n".utf8).write(to: team.root.appendingPathComponent(".gitignore"))
        try Shell.git(["add", ".gitignore"], in: team.root)
        try Shell.git(["commit", "-qm", "ignore .env"], in: team.root)
        let agent = try team.agent(["1": "cp .env seen.txt"])
        let output = try team.ccteam([
            "launch", "Read the env", "--plan", try team.plan("tasks:\n  - subject: Copy"), "--agent", "command",
            "--agent-command", agent, "--include", ".env",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try Shell.git(["show", "ccteam/\(team.team)/integration:seen.txt"], in: team.root) == "TOKEN=local\n")
        #expect(try !team.integrationFiles(team: team.team).contains(".env"))
    }
}
