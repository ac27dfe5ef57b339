import CCTestSupport
import Foundation
import Testing

/// `ccteam launch` with the real Claude Code CLI as every agent, against the scripted model.
/// Scripts match on text only the intended agent's prompt holds (a task's description), because
/// a worker's prompt also shows recent commit messages, which name earlier tasks' subjects.
@Suite(.serialized) struct ClaudeEndToEndTests {
    @Test func theLeadPlansThroughMCPAndThreeWorkersDeliverWithADependency() throws {
        let team = try ClaudeTeam { _ in
            Script.json([
                Script.agent(
                    "lead", match: "Build a small API",
                    [
                        Script.tool(
                            "mcp__ccteam__TaskCreate",
                            ["subject": "Add the API", "description": "SPEC-API: add routes", "scope": ["src/api/**"]]),
                        Script.tool(
                            "mcp__ccteam__TaskCreate",
                            [
                                "subject": "Write the docs", "description": "SPEC-DOCS: document it",
                                "scope": ["docs/**"],
                            ]),
                        Script.tool(
                            "mcp__ccteam__TaskCreate",
                            [
                                "subject": "Wire the API in", "description": "SPEC-WIRE: use the routes",
                                "scope": ["src/**"],
                                "blockedBy": ["1"],
                            ]),
                    ], finalText: "Planned three tasks."),
                Script.agent(
                    "api", match: "SPEC-API",
                    [
                        Script.bash("mkdir -p src/api && echo 'GET /health' > src/api/routes.txt"),
                        // A worker's own "resolved" becomes a comment: only verified work resolves a task.
                        Script.tool("mcp__ccteam__TaskUpdate", ["taskId": "1", "status": "resolved"]),
                    ]),
                Script.agent(
                    "docs", match: "SPEC-DOCS", [Script.bash("mkdir -p docs && echo 'Call GET /health' > docs/api.md")]),
                Script.agent(
                    "wire", match: "SPEC-WIRE", [Script.bash("test -f src/api/routes.txt && echo wired > src/app.txt")]),
            ])
        }
        let output = try team.ccteam(["launch", "Build a small API", "--workers", "3", "--task-timeout", "120"])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(
            output.stdout.hasPrefix(
                "Team \(team.team.team) finished: 3 of 3 tasks resolved, 0 failed, 0 not started.\n"))
        #expect(output.stderr.contains("lead: mcp__ccteam__TaskCreate Add the API"))
        #expect(
            try team.team.integrationFiles(team: team.team.team) == [
                "README.md", "docs/api.md", "src/api/routes.txt", "src/app.txt",
            ])
        #expect(
            try Shell.git(["show", "ccteam/\(team.team.team)/integration:src/app.txt"], in: team.team.root) == "wired\n"
        )
        let first = try team.ccteam(["tasks", "show", "1", "--json"]).stdout
        #expect(first.contains("reports status 'resolved'; the launcher sets it once the run is verified"))
        #expect(try Shell.git(["status", "--porcelain"], in: team.team.root) == "")
    }

    @Test func aWorkerWritingOutsideItsScopeIsRefusedWhileWorkingAndCaughtAfterwards() throws {
        let scripted = try ClaudeTeam { paths in
            Script.json([
                Script.agent(
                    "out", match: "SPEC-OUT",
                    [
                        // Refused up front by the worker's settings: a new file outside src/** (a new
                        // one, since the CLI refuses writing an existing file it has not read first).
                        Script.tool(
                            "Write", ["file_path": paths.path("worker-1", "NOTES.md"), "content": "hacked\n"]),
                        // A shell write gets past the tool rules, and is caught by the check after the run.
                        Script.bash("mkdir -p src && echo ok > src/ok.txt && echo hacked > README.md"),
                    ])
            ])
        }
        let plan = try scripted.team.plan(
            "tasks:\n  - subject: Stay in src\n    description: SPEC-OUT\n    scope: [\"src/**\"]")
        let output = try scripted.ccteam([
            "launch", "scope", "--plan", plan, "--max-retries", "1", "--task-timeout", "120",
        ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("refused tool calls: Write"))
        #expect(output.stderr.contains("#1 verification failed"))
        #expect(output.stderr.contains("attempt 2"))
        #expect(output.stdout.contains("0 of 1 task resolved, 1 failed"))
        #expect(try scripted.team.integrationFiles(team: scripted.team.team) == ["README.md", "src/app.txt"])
    }

    @Test func aWorkerWritingASecretIsBlockedByTheHookAndTheSecretIsNeverStoredInTheClear() throws {
        let key = "AKIA" + "QYLPMN5HHHFPZAM2"
        let team = try ClaudeTeam { paths in
            Script.json([
                Script.agent(
                    "secret", match: "SPEC-SECRET",
                    [
                        // Blocked while the agent works: the hook scans what Write would put in the file.
                        Script.tool(
                            "Write",
                            [
                                "file_path": paths.path("worker-1", "src/config.txt"),
                                "content": "aws_key = \"\(key)\"\n",
                            ]),
                        // Written by the shell instead, and caught by the secret scan after the run.
                        Script.bash("mkdir -p src && echo 'aws_key = \"\(key)\"' > src/config.txt"),
                    ])
            ])
        }
        let plan = try team.team.plan(
            "tasks:\n  - subject: Configure\n    description: SPEC-SECRET\n    scope: [\"src/**\"]")
        let output = try team.ccteam([
            "launch", "secret", "--plan", plan, "--max-retries", "0", "--task-timeout", "120",
        ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("verification failed"))
        #expect(!output.stderr.contains(key))
        #expect(!output.stdout.contains(key))
        let runFiles = try team.runFilesText()
        #expect(runFiles.contains("PreToolUse"), "the hook's refusal is in the event log")
        #expect(!runFiles.contains(key), "the event log and reports hold the key redacted only")
        #expect(try team.team.integrationFiles(team: team.team.team) == ["README.md", "src/app.txt"])
    }

    @Test func theKernelRefusesAClaudeBashStepWritingIntoTheMainCheckoutAndTheHonestWorkStillMerges() throws {
        let team = try ClaudeTeam { paths in
            Script.json([
                Script.agent(
                    "escape", match: "SPEC-ESCAPE",
                    [
                        // The Bash tool may run it; Landlock refuses the write, whatever the tool allows.
                        Script.bash("echo hacked > \(paths.root)/ESCAPED.txt; echo hacked >> \(paths.root)/README.md"),
                        Script.bash("mkdir -p src && echo ok > src/ok.txt"),
                    ])
            ])
        }
        let plan = try team.team.plan(
            "tasks:\n  - subject: Stay home\n    description: SPEC-ESCAPE\n    scope: [\"src/**\"]")
        let output = try team.ccteam([
            "launch", "escape", "--plan", plan, "--max-retries", "0", "--task-timeout", "120",
        ])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: team.team.root.path + "/ESCAPED.txt"))
        #expect(
            try String(contentsOf: team.team.root.appendingPathComponent("README.md"), encoding: .utf8) == "# sample\n")
        #expect(
            try team.runFilesText().contains("Permission denied"), "the refusal reached the agent as the tool's output")
        #expect(
            try team.team.integrationFiles(team: team.team.team) == ["README.md", "src/app.txt", "src/ok.txt"])
    }

    @Test func aHungWorkerIsKilledAtItsTimeoutWithTheCommandItStarted() throws {
        // Claude Code refuses `sleep N`; a follow of /dev/null hangs just as well.
        let team = try ClaudeTeam { _ in
            Script.json([Script.agent("hang", match: "SPEC-HANG", [Script.bash("tail -f /dev/null")])])
        }
        let plan = try team.team.plan("tasks:\n  - subject: Hang\n    description: SPEC-HANG")
        let started = Date()
        let output = try team.ccteam(["launch", "hang", "--plan", plan, "--max-retries", "0", "--task-timeout", "10"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("ended 'timed_out'"), "\(output.stderr)")
        #expect(Date().timeIntervalSince(started) < 90)
        let runs = try FileManager.default.contentsOfDirectory(atPath: team.team.root.path + "/.ccteam/runs")
        // The Bash tool runs its command in a session of its own: the run's id finds it all the same.
        let leftovers = try Shell.run(
            "/bin/sh", ["-c", "grep -l 'CCTEAM_RUN_ID=\(runs[0])' /proc/[0-9]*/environ 2>/dev/null || true"])
        #expect(leftovers.stdout.isEmpty)
    }

    @Test func anOverloadedModelFailsTheRunWhileAFaultThatClearsIsRetried() throws {
        let team = try ClaudeTeam { _ in
            Script.json([
                Script.agent(
                    "down", match: "SPEC-DOWN",
                    [
                        ["content": [["type": "text", "text": "never"]], "fault": ["status": 529]]
                    ]),
                Script.agent(
                    "flaky", match: "SPEC-FLAKY",
                    [
                        [
                            "content": [
                                [
                                    "type": "tool_use", "name": "Bash",
                                    "input": ["command": "echo ok > ok.txt", "description": "run"],
                                ]
                            ],
                            "fault": ["status": 500, "times": 1],
                        ]
                    ]),
            ])
        }
        let plan = try team.team.plan(
            "tasks:\n  - subject: Down\n    description: SPEC-DOWN\n  - subject: Flaky\n    description: SPEC-FLAKY")
        let output = try team.ccteam([
            "launch", "faults", "--plan", plan, "--workers", "2", "--max-retries", "0", "--task-timeout", "120",
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("1 of 2 tasks resolved, 1 failed"))
        #expect(output.stderr.contains("#1 the agent's run ended 'failed'"))
        #expect(output.stderr.contains("API retry"))
        #expect(try team.team.integrationFiles(team: team.team.team) == ["README.md", "ok.txt", "src/app.txt"])
    }

    @Test func aLauncherKilledMidRunIsResumedAndTheTeamFinishes() throws {
        let team = try ClaudeTeam { _ in
            Script.json([
                Script.agent(
                    "slow", match: "SPEC-SLOW",
                    [
                        [
                            "content": [
                                [
                                    "type": "tool_use", "name": "Bash",
                                    "input": ["command": "echo one > one.txt", "description": "run"],
                                ]
                            ],
                            "delayMs": 6000,
                        ]
                    ]),
                Script.agent("next", match: "SPEC-NEXT", [Script.bash("test -f one.txt && echo two > two.txt")]),
            ])
        }
        let plan = try team.team.plan(
            "tasks:\n  - subject: Slow\n    description: SPEC-SLOW\n  - subject: Next\n    description: SPEC-NEXT\n    blockedBy: [1]"
        )
        let (launcher, _) = try team.team.startCCTeam(
            ["launch", "resume me", "--plan", plan, "--task-timeout", "120"], environment: team.environment)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? team.team.status(of: "1")) != "in_progress" { usleep(200_000) }
        sleep(2)
        kill(launcher.processIdentifier, SIGKILL)
        launcher.waitUntilExit()

        let resumed = try team.ccteam(["resume"])
        #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
        #expect(resumed.stdout.contains("2 of 2 tasks resolved"))
        #expect(
            try team.team.integrationFiles(team: team.team.team) == ["README.md", "one.txt", "src/app.txt", "two.txt"])
    }
}
