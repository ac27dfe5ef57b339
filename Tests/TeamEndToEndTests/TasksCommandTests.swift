import CCTestSupport
import Foundation
import Testing

@Suite("ccteam tasks, end to end")
struct TasksCommandTests {
    @Test func createListGraphAndShowPrintExactly() throws {
        let repo = try TestRepository()
        #expect(try repo.ccteam(["tasks", "create", "--subject", "Parser"]).stdout == "created task 1: Parser\n")
        try repo.ccteam(["tasks", "create", "--subject", "Tests", "--blocked-by", "1", "--scope", "Tests/**"])
        try repo.ccteam(["tasks", "create", "--subject", "Docs", "--blocked-by", "1"])
        let update = try repo.ccteam(["tasks", "update", "1", "--status", "resolved", "--comment", "merged"])
        #expect(update.outcome == Outcome(status: 0, stdout: "updated task 1: Parser\n", stderr: ""))
        try repo.ccteam(["tasks", "update", "3", "--owner", "worker-1", "--status", "in_progress"])
        let list = try repo.ccteam(["tasks", "list"])
        #expect(
            list.stdout == """
                ID  STATUS       OWNER     SUBJECT
                1   resolved     -         Parser
                2   ready        -         Tests  [after 1]
                3   in_progress  worker-1  Docs  [after 1]

                """)
        #expect(try repo.ccteam(["tasks", "list", "--status", "ready"]).stdout.contains("2   ready"))
        let graph = try repo.ccteam(["tasks", "graph"])
        #expect(
            graph.stdout == """
                [x] 1 Parser
                |- [ ] 2 Tests
                `- [~] 3 Docs (worker-1)
                3 tasks: 1 open (1 ready, 0 blocked), 1 in progress, 1 resolved, 0 failed

                """)
        let show = try repo.ccteam(["tasks", "show", "1", "--json"])
        let task = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(task?["status"] as? String == "resolved")
        #expect(task?["blocks"] as? [String] == ["2", "3"])
        #expect((task?["comments"] as? [[String: Any]])?.first?["author"] as? String == "tester")
        #expect(
            try String(contentsOf: repo.url.appendingPathComponent(".git/info/exclude"), encoding: .utf8)
                .hasSuffix(".ccteam/\n"))
    }

    @Test func cleanArchivesAndAllShowsArchivedTasks() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "A"])
        try repo.ccteam(["tasks", "create", "--subject", "B"])
        try repo.ccteam(["tasks", "update", "1", "--status", "failed"])
        #expect(try repo.ccteam(["tasks", "clean"]).stdout == "archived 1 task: 1\n")
        #expect(try repo.ccteam(["tasks", "list"]).stdout.contains("1 ") == false)
        #expect(try repo.ccteam(["tasks", "list", "--all"]).stdout.contains("1   failed"))
        #expect(try repo.ccteam(["tasks", "delete", "2"]).stdout == "deleted task 2\n")
        #expect(try repo.ccteam(["tasks", "list"]).stdout == "no tasks in team '\(repo.team)'\n")
    }

    @Test func worksFromASubfolderAndHonoursTEAM() throws {
        let repo = try TestRepository()
        try repo.directory.write("src/deep/file.txt", "x")
        let sub = repo.url.appendingPathComponent("src/deep")
        try repo.ccteam(["tasks", "create", "--subject", "A"], in: sub, environment: ["TEAM": "blue"])
        #expect(
            FileManager.default.fileExists(
                atPath: repo.url.appendingPathComponent(".ccteam/teams/\(repo.team)-blue/tasks/1.json").path))
        #expect(try repo.ccteam(["tasks", "list"]).stdout == "no tasks in team '\(repo.team)'\n")
    }

    @Test func badInputGetsOneClearErrorAndExitTwo() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "A"])
        try repo.ccteam(["tasks", "create", "--subject", "B", "--blocked-by", "1"])
        let cases: [([String], String)] = [
            (
                ["tasks", "show", "9"],
                "error: no task '9' in team '\(repo.team)'\nhelp: run 'ccteam tasks list --all' to see the team's task ids\n"
            ),
            (
                ["tasks", "update", "1", "--add-blocked-by", "2"],
                "error: dependency cycle: 2 → 1 → 2\n"
                    + "help: each arrow points from a task to a task it blocks; drop one of these dependencies\n"
            ),
            (
                ["tasks", "update", "1", "--status", "done"],
                "error: unknown task status 'done'\nhelp: use one of: open, in_progress, resolved, failed\n"
            ),
            (
                ["tasks", "list", "--status", "finished"],
                "error: unknown task status 'finished'\nhelp: use one of: open, in_progress, resolved, failed\n"
            ),
            (
                ["tasks", "create", "--subject", "C", "--blocked-by", "7"],
                "error: no task '7' in team '\(repo.team)'\nhelp: run 'ccteam tasks list --all' to see the team's task ids\n"
            ),
            (
                ["tasks", "show", "abc"],
                "error: 'abc' is not a task id\nhelp: task ids are decimal numbers such as 1, 2, 3\n"
            ),
        ]
        for (arguments, stderr) in cases {
            let output = try repo.ccteam(arguments)
            #expect(output.outcome == Outcome(status: 2, stdout: "", stderr: stderr), "\(arguments)")
        }
    }

    @Test func aCorruptTaskFileIsNamedAndKept() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "A"])
        let file = repo.tasksDirectory.appendingPathComponent("2.json")
        try Data("{ not json".utf8).write(to: file)
        let output = try repo.ccteam(["tasks", "list"])
        #expect(
            output.outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "error: task file '\(file.path)' is not a valid task: expected a key at byte 2\n"
                        + "help: repair the file by hand or delete it; ccteam never overwrites a file it cannot read\n")
        )
        #expect(try String(contentsOf: file, encoding: .utf8) == "{ not json")
    }

    @Test func outsideARepositoryExitsTwo() throws {
        let folder = try TemporaryDirectory(prefix: "ccteam-norepo")
        let output = try BuiltTools.run(
            "ccteam", ["tasks", "list"], in: folder.url, environment: TestRepository.environment())
        #expect(
            output.outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "error: '\(folder.path)' is not inside a git repository\n"
                        + "help: run ccteam from inside a git repository (or set CCTEAM_ROOT)\n"))
    }

    @Test func anAgentRunningTheCLIGetsTheSameRulesAsOverMCP() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "A"])
        try repo.ccteam(["tasks", "update", "1", "--owner", "worker-1", "--status", "in_progress"])
        let worker2 = [
            "CLAUDE_CODE_TEAM_NAME": repo.team, "CLAUDE_CODE_AGENT_ID": "worker-2",
            "CLAUDE_CODE_AGENT_TYPE": "worker",
        ]
        let update = try repo.ccteam(["tasks", "update", "1", "--status", "resolved"], environment: worker2)
        #expect(
            update.outcome
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "error: worker-2 may not update task 1: it is claimed by worker-1\n"
                        + "help: only the owner or the team lead may update a task in progress; "
                        + "add a note to your own task\n"))
        let create = try repo.ccteam(["tasks", "create", "--subject", "B"], environment: worker2)
        #expect(create.status == 2)
        #expect(create.stderr.hasPrefix("error: worker-2 may not create tasks in team '\(repo.team)'\n"))
        var owner = worker2
        owner["CLAUDE_CODE_AGENT_ID"] = "worker-1"
        #expect(try repo.ccteam(["tasks", "update", "1", "--status", "resolved"], environment: owner).status == 0)
    }
}
