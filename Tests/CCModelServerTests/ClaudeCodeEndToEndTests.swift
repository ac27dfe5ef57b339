import CCModelServer
import CCProcess
import CCTestSupport
import Foundation
import Testing

/// A running `ccmodel` binary serving a script, started through CCProcess.
struct RunningModel {
    let process: SupervisedProcess
    let port: UInt16
    let logPath: String

    init(script: String, in folder: TemporaryDirectory) async throws {
        let scriptFile = try folder.write("model-script.json", script)
        logPath = folder.url.appendingPathComponent("model.log").path
        let (process, lines) = try SupervisedProcess.startStreaming(
            ProcessCommand(BuiltTools.path("ccmodel"), ["--script", scriptFile.path, "--log", logPath]),
            stderr: .tail, limits: ProcessLimits(timeout: .seconds(300), grace: .seconds(1)))
        self.process = process
        var first: String?
        for await line in lines {
            first = line.text
            break
        }
        if first == nil { Issue.record("ccmodel printed nothing: \(await process.wait().output)") }
        let announced = try #require(first)
        #expect(announced.hasPrefix("listening 127.0.0.1:"))
        port = try #require(UInt16(announced.dropFirst("listening 127.0.0.1:".count)))
    }

    func stop() async {
        process.stop()
        _ = await process.wait()
    }
}

/// The environment `claude` runs with against the scripted model on `port`.
func claudeEnvironment(port: UInt16, home: URL) -> [String: String] {
    [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
        "IS_SANDBOX": "1", "ANTHROPIC_BASE_URL": "http://127.0.0.1:\(port)", "ANTHROPIC_API_KEY": "dummy",
    ]
}

/// Creates `folder/repo` (a git repository) and `folder/home`; returns them.
func makeRepositoryAndHome(in folder: TemporaryDirectory) throws -> (repo: URL, home: URL) {
    let repo = folder.url.appendingPathComponent("repo")
    let home = folder.url.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: repo.path) {
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try Shell.git(["init", "-q", "."], in: repo)
    }
    return (repo, home)
}

/// One `claude -p` run against the scripted model, in a fresh git repository with a throwaway HOME.
struct ClaudeRun {
    var result: ProcessResult
    var events: [JSONValue]
    var final: JSONValue? { events.last { $0["type"] == "result" } }

    static func run(
        _ prompt: String, claude: String, port: UInt16, in folder: TemporaryDirectory, extraArguments: [String] = [],
        extraEnvironment: [String: String] = [:]
    ) async throws -> ClaudeRun {
        let (repo, home) = try makeRepositoryAndHome(in: folder)
        var environment = claudeEnvironment(port: port, home: home)
        environment.merge(extraEnvironment) { _, new in new }
        let command = ProcessCommand(
            claude,
            ["-p", prompt, "--output-format", "stream-json", "--verbose", "--permission-mode", "bypassPermissions"]
                + extraArguments,
            workingDirectory: repo.path, environment: environment)
        // stderr apart, so nothing interleaves with the JSON lines on stdout.
        let result = try await ProcessRunner.run(
            command, stderr: .file(folder.url.appendingPathComponent("claude-stderr.log").path),
            limits: ProcessLimits(timeout: .seconds(120), tailBytes: 8 * 1024 * 1024, grace: .seconds(2)))
        let events = result.output.split(separator: "\n").compactMap { line in
            line.hasPrefix("{") ? try? JSONValue.parse(Data(line.utf8)) : nil
        }
        return ClaudeRun(result: result, events: events)
    }
}

@Suite("Model server: the real Claude Code CLI end to end")
struct ClaudeCodeEndToEndTests {
    /// Fails (never skips) when the CLI is missing: CI installs it.
    func requireClaude() throws -> String {
        try #require(
            ClaudeCLI.locate(),
            "the Claude Code CLI is not installed: run `bash scripts/setup.sh --claude` (or set CCTEAM_CLAUDE)")
    }

    @Test func claudeWritesAFileRunsBashAndFinishes() async throws {
        let claude = try requireClaude()
        let folder = try TemporaryDirectory()
        let model = try await RunningModel(
            script: #"""
                {"scripts": [{"name": "writer", "match": "TASK-HELLO", "turns": [
                  {"content": [{"type": "text", "text": "Writing."},
                               {"type": "tool_use", "name": "Write",
                                "input": {"file_path": "{{cwd}}/hello.txt", "content": "hello from the script\n"}}]},
                  {"content": [{"type": "tool_use", "name": "Bash",
                                "input": {"command": "echo hi > x.txt && cat x.txt", "description": "write x"}}]}],
                  "finalText": "All done."}]}
                """#, in: folder)
        let run = try await ClaudeRun.run("Please do TASK-HELLO", claude: claude, port: model.port, in: folder)
        await model.stop()

        #expect(run.result.succeeded, "claude failed: \(run.result.output.suffix(2000))")
        #expect(try folder.read("repo/hello.txt") == "hello from the script\n")
        #expect(try folder.read("repo/x.txt") == "hi\n")
        #expect(run.events.first?["type"] == "system")
        #expect(run.events.first?["subtype"] == "init")
        let kinds = run.events.compactMap { $0["type"]?.stringValue }
        #expect(kinds.filter { $0 == "assistant" }.count == 4)
        let toolResults = run.events.filter { $0["type"] == "user" }.compactMap {
            $0["message"]?["content"]?.arrayValue?.first
        }
        #expect(toolResults.map { $0["type"] } == ["tool_result", "tool_result"])
        #expect(toolResults.last?["content"] == "hi")
        let final = try #require(run.final)
        #expect(final["is_error"] == false)
        #expect(final["result"] == "All done.")
        if case .number(let tokens) = final["usage"]?["input_tokens"] {
            #expect(tokens > 0)
        } else {
            Issue.record("no usage.input_tokens in \(final.compactText.prefix(500))")
        }
    }

    @Test func anMCPToolCallReachesTheMCPServer() async throws {
        let claude = try requireClaude()
        let folder = try TemporaryDirectory()
        let calls = folder.url.appendingPathComponent("calls.log").path
        let server = try folder.write(
            "mcp_server.py",
            #"""
            import json, sys
            def send(obj):
                sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()
            for line in sys.stdin:
                msg = json.loads(line)
                if msg.get("id") is None: continue
                method, mid = msg.get("method"), msg["id"]
                if method == "initialize":
                    send({"jsonrpc": "2.0", "id": mid, "result": {"protocolVersion": msg["params"]["protocolVersion"],
                          "capabilities": {"tools": {}}, "serverInfo": {"name": "probe", "version": "1"}}})
                elif method == "tools/list":
                    send({"jsonrpc": "2.0", "id": mid, "result": {"tools": [{"name": "Echo", "description": "Echoes",
                          "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}]}})
                elif method == "tools/call":
                    with open(sys.argv[1], "a") as log: log.write(json.dumps(msg["params"]["arguments"]) + "\n")
                    send({"jsonrpc": "2.0", "id": mid, "result": {"content": [{"type": "text",
                          "text": "echoed: " + msg["params"]["arguments"]["text"]}]}})
                else:
                    send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "no such method"}})
            """#)
        let config = try folder.write(
            "mcp.json",
            #"{"mcpServers": {"probe": {"command": "python3", "args": ["\#(server.path)", "\#(calls)"]}}}"#)
        let model = try await RunningModel(
            script: #"""
                {"scripts": [{"match": "TASK-MCP", "turns": [
                  {"content": [{"type": "tool_use", "name": "mcp__probe__Echo", "input": {"text": "ping"}}]}],
                  "finalText": "mcp done"}]}
                """#, in: folder)
        let run = try await ClaudeRun.run(
            "Please do TASK-MCP", claude: claude, port: model.port, in: folder,
            extraArguments: ["--mcp-config", config.path, "--strict-mcp-config"])
        await model.stop()

        #expect(run.result.succeeded, "claude failed: \(run.result.output.suffix(2000))")
        #expect(run.events.first?["mcp_servers"] == [["name": "probe", "status": "connected", "source": "dynamic"]])
        #expect(try String(contentsOfFile: calls, encoding: .utf8) == #"{"text": "ping"}"# + "\n")
        let toolResult = run.events.first { $0["type"] == "user" }?["message"]?["content"]?.arrayValue?.first
        #expect(toolResult?["content"] == [["type": "text", "text": "echoed: ping"]])
        #expect(run.final?["result"] == "mcp done")
    }

    @Test func faultsEndTheRunAsAnErrorUnlessARetryPasses() async throws {
        let claude = try requireClaude()
        let folder = try TemporaryDirectory()
        let model = try await RunningModel(
            script: #"""
                {"scripts": [
                  {"name": "down", "match": "TASK-DOWN", "turns": [{"content": [{"type": "text", "text": "never"}],
                    "fault": {"status": 529}}]},
                  {"name": "blip", "match": "TASK-BLIP", "turns": [{"content": [{"type": "text", "text": "recovered"}],
                    "fault": {"status": 500, "times": 1}}]},
                  {"name": "refuse", "match": "TASK-REFUSE", "turns": [{"content": [{"type": "text", "text": "never"}],
                    "fault": {"status": 500, "shouldRetry": false}}]}]}
                """#, in: folder)
        let down = try await ClaudeRun.run(
            "Please do TASK-DOWN", claude: claude, port: model.port, in: folder,
            extraEnvironment: ["CLAUDE_CODE_MAX_RETRIES": "1"])
        let blip = try await ClaudeRun.run(
            "Please do TASK-BLIP", claude: claude, port: model.port, in: folder,
            extraEnvironment: ["CLAUDE_CODE_MAX_RETRIES": "1"])
        // No retry limit here: `x-should-retry: false` alone must stop the retries.
        let refused = try await ClaudeRun.run("Please do TASK-REFUSE", claude: claude, port: model.port, in: folder)
        await model.stop()

        #expect(refused.result.termination == .exited(1))
        #expect(refused.final?["is_error"] == true)
        #expect(refused.final?["api_error_status"] == 500)
        #expect(down.result.termination == .exited(1))
        #expect(down.final?["is_error"] == true)
        #expect(down.final?["api_error_status"] == 529)
        #expect(blip.result.succeeded, "claude failed: \(blip.result.output.suffix(2000))")
        #expect(blip.final?["is_error"] == false)
        #expect(blip.final?["result"] == "recovered")
        let log = try String(contentsOfFile: model.logPath, encoding: .utf8)
        #expect(log.components(separatedBy: "script=down turn=0 reply=fault_529").count - 1 == 2)
        #expect(log.components(separatedBy: "script=blip turn=0 reply=fault_500").count - 1 == 1)
        #expect(log.components(separatedBy: "script=blip turn=0 reply=text").count - 1 == 1)
        #expect(log.components(separatedBy: "script=refuse turn=0 reply=fault_500").count - 1 == 1)
    }

    @Test func stoppingAClaudeRunKillsWhatItsBashToolLeftInAnotherSession() async throws {
        let claude = try requireClaude()
        let folder = try TemporaryDirectory()
        let model = try await RunningModel(
            script: #"""
                {"scripts": [{"match": "TASK-BACKGROUND", "turns": [
                  {"content": [{"type": "tool_use", "name": "Bash",
                                "input": {"command": "tail -f /dev/null >/dev/null 2>&1 & echo started",
                                          "description": "start a background process"}}]},
                  {"content": [{"type": "text", "text": "never"}], "hang": true}]}]}
                """#, in: folder)
        let (repo, home) = try makeRepositoryAndHome(in: folder)
        let marker = EnvironmentMarker(name: "CCTEAM_RUN_ID", value: "e2e-\(UUID().uuidString)")
        // No grace: SIGKILL follows SIGTERM at once, so claude cannot clean up after its Bash tool
        // and only the marker sweep can find what it left behind.
        let agent = try SupervisedProcess.start(
            ProcessCommand(
                claude,
                [
                    "-p", "Please do TASK-BACKGROUND", "--output-format", "stream-json", "--verbose",
                    "--permission-mode", "bypassPermissions",
                ],
                workingDirectory: repo.path, environment: claudeEnvironment(port: model.port, home: home)),
            limits: ProcessLimits(timeout: .seconds(120), grace: .zero), marker: marker
        ) { _ in }
        // Wait until the model was asked for the hanging turn: the Bash command has run by then.
        for _ in 0..<600 {
            let log = (try? String(contentsOfFile: model.logPath, encoding: .utf8)) ?? ""
            if log.contains("reply=hang") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let leftovers = LeftoverSweeper.processes(carrying: marker).filter { pid in
            let commandLine = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return commandLine.hasPrefix("tail\0-f")
        }
        let tail = try #require(leftovers.first, "the Bash tool's background process never appeared")
        let session = try String(contentsOfFile: "/proc/\(tail)/stat", encoding: .utf8)
            .split(separator: ")").last?.split(separator: " ")[3]
        #expect(session.flatMap { Int32($0) } != agent.pid, "the Bash tool no longer uses its own session")

        agent.stop()
        let result = await agent.wait()
        await model.stop()
        #expect(result.stopReason == .requested)
        #expect(result.leftoversKilled.contains(tail))
        #expect(LeftoverSweeper.processes(carrying: marker).isEmpty)
    }

    @Test func ccmodelWritesItsPortFileAndRejectsABadScript() async throws {
        let folder = try TemporaryDirectory()
        let script = try folder.write("s.json", #"{"scripts": []}"#)
        let portFile = folder.url.appendingPathComponent("port").path
        let (process, lines) = try SupervisedProcess.startStreaming(
            ProcessCommand(BuiltTools.path("ccmodel"), ["--script", script.path, "--port-file", portFile]))
        var first: String?
        for await line in lines {
            first = line.text
            break
        }
        process.stop()
        _ = await process.wait()
        let port = try String(contentsOfFile: portFile, encoding: .utf8)
        #expect(first == "listening 127.0.0.1:" + port.trimmingCharacters(in: .newlines))

        let bad = try await ProcessRunner.run(
            ProcessCommand(BuiltTools.path("ccmodel"), ["--script", folder.url.appendingPathComponent("none").path]))
        #expect(bad.termination == .exited(2))
        #expect(bad.output.hasPrefix("error: cannot load the model script"))
        #expect(bad.output.contains("help: "))
    }
}
