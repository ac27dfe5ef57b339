import CCTestSupport
import Foundation
import Testing

/// Hostile agents (`--agent command` scripts, with the rights Claude Code's Bash tool has) try
/// every escape a worker was seen to make; the kernel refuses each, and the honest task beside them
/// still merges. With `--unconfined`, the tamper check stops the team instead.
@Suite(.serialized) struct ConfinementEndToEndTests {
    /// Prints one line per attempt: its name and `ALLOWED` or the errno the write failed with.
    static let escapeProbe = #"""
        #!/bin/sh
        # Each probe appends to a file and prints ALLOWED or the errno name it got.
        probe() { python3 - "$2" <<'PY'
        import errno, sys
        try:
            with open(sys.argv[1], "a") as handle:
                handle.write("hostile\n")
            print("ALLOWED")
        except OSError as error:
            print(errno.errorcode.get(error.errno, error.errno))
        PY
        }
        w() { echo "$1 $(probe "$1" "$2")"; }
        g() { if "$@" >/dev/null 2>&1; then echo "$N ALLOWED"; else echo "$N refused"; fi; }
        R="$CCTEAM_ROOT"; T="$CLAUDE_CODE_TEAM_NAME"
        while [ ! -d "$R/.ccteam/worktrees/$T/worker-2/src" ]; do sleep 0.05; done
        w main-checkout-new-file "$R/ESCAPED.txt"
        w main-checkout-tracked-file "$R/README.md"
        w git-hook "$R/.git/hooks/post-merge"
        w git-config "$R/.git/config"
        w integration-ref-file "$R/.git/refs/heads/ccteam/$T/integration"
        w packed-refs "$R/.git/packed-refs"
        w other-worktree "$R/.ccteam/worktrees/$T/worker-2/src/b/planted.txt"
        w task-file "$R/.ccteam/teams/$T/tasks/2.json"
        w team-config "$R/.ccteam/teams/$T/team.json"
        w user-claude-settings "$HOME/.claude/settings.json"
        w outside-the-repository "$OUTSIDE_DIR/escaped.txt"
        w shared-tmp "/tmp/ccteam-escaped-$$"
        ln -s "$R" src/a/way-out
        w symlink-planted-inside "src/a/way-out/ESCAPED-through-link.txt"
        rm src/a/way-out
        echo "setsid $(setsid sh -c "python3 -c 'open(\"$R/ESCAPED-setsid.txt\",\"a\")' 2>&1 | tail -1")"
        (sh -c "(python3 -c 'open(\"$R/ESCAPED-fork.txt\",\"a\")' > src/a/fork.txt 2>&1 &) &"); sleep 0.5
        echo "double-fork $(tail -1 src/a/fork.txt)"; rm -f src/a/fork.txt
        N=git-update-ref-integration g git -C "$R" update-ref "refs/heads/ccteam/$T/integration" "$(git -C "$R" rev-parse main)"
        N=git-tag g git -C "$R" tag evil
        N=git-config-fsmonitor g git -C "$R" config core.fsmonitor "touch $OUTSIDE_DIR/pwned"
        N=git-move-main g git -C "$R" update-ref refs/heads/main "$(git -C "$R" rev-parse HEAD)"
        N=signal-the-launcher g kill -0 "$(cut -d' ' -f4 "/proc/$PPID/stat")"
        """#

    /// What the hostile task asks of the task tools, claiming to be the lead.
    static let impostor = #"""
        printf '%s\n' \
          '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"evil","version":"1"}}}' \
          '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
          '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"TaskUpdate","arguments":{"taskId":"1","addComment":{"author":"lead","content":"SIGNED-AS-LEAD"}}}}' \
          '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"TaskUpdate","arguments":{"taskId":"2","status":"failed","addComment":{"author":"lead","content":"IMPOSTOR"}}}}' \
          | CLAUDE_CODE_AGENT_ID=lead CLAUDE_CODE_AGENT_TYPE=team-lead "$CCTEAM_BIN" mcp --team "$CLAUDE_CODE_TEAM_NAME" > src/a/mcp.txt 2>&1
        """#

    let plan = """
        tasks:
          - subject: Hostile
            scope: ["src/a/**"]
          - subject: Honest
            scope: ["src/b/**"]
        """

    @Test func everyEscapeOfAHostileWorkerIsRefusedByTheKernelAndTheHonestTaskStillMerges() throws {
        let team = try ScriptedTeam()
        let outside = try TemporaryDirectory(prefix: "ccteam-outside")
        let home = try TemporaryDirectory(prefix: "ccteam-home")
        try home.write(".claude/settings.json", "{}\n")
        let probe = try team.directory.write(".agents/escape.sh", Self.escapeProbe)
        let agent = try team.agent([
            // Last, the worktree's own `.git` file is pointed at the main repository: the launcher's
            // commit would land on `main` if it trusted that file.
            "1": "mkdir -p src/a && sh '\(probe.path)' > src/a/escapes.txt 2>&1; \(Self.impostor);"
                + " echo \"gitdir: $CCTEAM_ROOT/.git\" > .git",
            "2": "mkdir -p src/b && echo honest > src/b/work.txt && sleep 2",
        ])
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["OUTSIDE_DIR"] = outside.path
        environment["CCTEAM_BIN"] = BuiltTools.path("ccteam")
        let head = try Shell.git(["rev-parse", "main"], in: team.root)
        let output = try Shell.run(
            BuiltTools.path("ccteam"),
            [
                "launch", "escape", "--plan", try team.plan(plan), "--agent", "command", "--agent-command", agent,
                "--workers", "2",
            ], in: team.root, environment: environment)
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")

        let integration = "ccteam/\(team.team)/integration"
        let report = try Shell.git(["show", "\(integration):src/a/escapes.txt"], in: team.root)
        let lines = report.split(separator: "\n").map(String.init)
        #expect(lines.count == 20, "\(report)")
        for line in lines {
            #expect(
                line.hasSuffix(" EACCES") || line.hasSuffix(" refused")
                    || line.hasSuffix(
                        "PermissionError: [Errno 13] Permission denied: '\(team.root.path)/ESCAPED-setsid.txt'")
                    || line.hasSuffix("Permission denied: '\(team.root.path)/ESCAPED-fork.txt'"), "\(line)")
        }
        #expect(!report.contains("ALLOWED"))
        // The honest task merged beside it, and nothing outside the worktrees changed.
        #expect(try Shell.git(["show", "\(integration):src/b/work.txt"], in: team.root) == "honest\n")
        #expect(try Shell.git(["status", "--porcelain"], in: team.root) == "")
        #expect(try Shell.git(["rev-parse", "main"], in: team.root) == head)
        #expect(try Shell.git(["tag"], in: team.root) == "")
        #expect(
            !(try String(contentsOf: team.root.appendingPathComponent(".git/config"), encoding: .utf8)).contains(
                "fsmonitor"))
        #expect(!FileManager.default.fileExists(atPath: team.root.path + "/.git/hooks/post-merge"))
        #expect(try home.read(".claude/settings.json") == "{}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        // The task tools signed the agent as itself, and refused it another's task.
        let mcp = try Shell.git(["show", "\(integration):src/a/mcp.txt"], in: team.root)
        #expect(mcp.contains("worker-1 may not update task 2"), "\(mcp)")
        let first = try team.ccteam(["tasks", "show", "1", "--json"]).stdout
        let task = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
        let comments = task?["comments"] as? [[String: Any]] ?? []
        let signed = comments.first { $0["content"] as? String == "SIGNED-AS-LEAD" }
        #expect(signed?["author"] as? String == "worker-1", "\(first)")
        #expect(!(try team.ccteam(["tasks", "show", "2", "--json"]).stdout.contains("IMPOSTOR")))
    }

    /// What a hostile agent does to the repository when nothing stops it, and what must show.
    static let tampering: [(name: String, script: String, shows: String)] = [
        (
            "integration",
            #"git -C "$CCTEAM_ROOT" update-ref "refs/heads/ccteam/$CLAUDE_CODE_TEAM_NAME/integration" main"#,
            "integration was moved"
        ),
        ("config", #"git -C "$CCTEAM_ROOT" config core.fsmonitor "echo pwned""#, ".git/config was changed"),
        ("hook", #"printf '#!/bin/sh\necho pwned\n' > "$CCTEAM_ROOT/.git/hooks/post-merge""#, "post-merge was added"),
        ("main", #"git -C "$CCTEAM_ROOT" commit -q --allow-empty -m evil"#, "refs/heads/main moved"),
        ("tag", #"git -C "$CCTEAM_ROOT" tag evil"#, "refs/tags/evil moved"),
        (
            "tracked", #"echo hacked >> "$CCTEAM_ROOT/README.md""#,
            "tracked file of the main checkout changed: README.md"
        ),
    ]

    @Test(arguments: tampering.map(\.name))
    func unconfinedTamperingStopsTheTeamRestoresTheIntegrationBranchAndFails(_ name: String) throws {
        let tamper = try #require(Self.tampering.first { $0.name == name })
        let team = try ScriptedTeam()
        try Shell.git(["config", "user.email", "t@example.com"], in: team.root)
        try Shell.git(["config", "user.name", "T"], in: team.root)
        let agent = try team.agent([
            "1": "mkdir -p src/a && echo first > src/a/one.txt",
            "2": "mkdir -p src/b && echo second > src/b/two.txt && \(tamper.script)",
        ])
        let plan = """
            tasks:
              - key: one
                subject: First
                scope: ["src/a/**"]
              - subject: Second
                scope: ["src/b/**"]
                blockedBy: [one]
            """
        let output = try team.ccteam([
            "launch", "tamper", "--plan", try team.plan(plan), "--agent", "command", "--agent-command", agent,
            "--workers", "1", "--unconfined",
        ])
        #expect(output.status == 1, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stderr.contains("warning: agents run unconfined"))
        #expect(output.stdout.contains("Stopped because the repository was changed outside the launcher:"))
        #expect(output.stdout.contains(tamper.shows), "\(output.stdout)")
        #expect(output.stdout.contains("Runs live then: ") && output.stdout.contains("-worker-1-t2-"))
        // Task 1's merge is kept, task 2's work never merged.
        #expect(try team.integrationFiles(team: team.team) == ["README.md", "src/a/one.txt", "src/app.txt"])
        let config = try String(contentsOf: team.root.appendingPathComponent(".git/config"), encoding: .utf8)
        #expect(!config.contains("fsmonitor"))
        #expect(!FileManager.default.fileExists(atPath: team.root.path + "/.git/hooks/post-merge"))
        #expect(try team.ccteam(["status"]).stdout.contains("warning: agents run unconfined"))
    }
}
