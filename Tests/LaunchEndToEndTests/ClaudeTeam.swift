import CCTestSupport
import Foundation
import Testing

/// A team run by the real Claude Code CLI against `ccmodel`, the scripted Messages API server:
/// the model's every move is written in the test, so the runs are deterministic and offline.
final class ClaudeTeam: @unchecked Sendable {
    // Sendable: every stored property is immutable after init.
    let team: ScriptedTeam
    let home: TemporaryDirectory
    let claude: String
    let port: Int
    private let model: Process

    /// Starts `ccmodel` with the JSON script `script` makes, in a fresh repository with a throwaway
    /// HOME; `script` gets the repository's worktree paths for the model's Write calls.
    init(script: (WorktreePaths) -> String) throws {
        team = try ScriptedTeam()
        home = try TemporaryDirectory(prefix: "ccteam-home")
        claude = try Self.locateClaude()
        let scriptFile = try home.write("script.json", script(WorktreePaths(root: team.root.path, team: team.team)))
        let portFile = home.url.appendingPathComponent("port").path
        model = Process()
        model.executableURL = URL(fileURLWithPath: BuiltTools.path("ccmodel"))
        model.arguments = [
            "--script", scriptFile.path, "--port-file", portFile, "--log",
            home.url.appendingPathComponent("model.log").path,
        ]
        model.standardOutput = FileHandle.nullDevice
        try model.run()
        let deadline = Date().addingTimeInterval(20)
        var port: Int?
        while port == nil, Date() < deadline {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if port == nil { usleep(50_000) }
        }
        guard let port else { throw HarnessError("ccmodel did not write its port file within 20 s") }
        self.port = port
    }

    deinit {
        // SIGKILL: a child started from a test thread may have SIGTERM blocked.
        kill(model.processIdentifier, SIGKILL)
        model.waitUntilExit()
    }

    /// The environment every agent runs in: the scripted model, a throwaway HOME, quick retries.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:\(port)"
        environment["ANTHROPIC_API_KEY"] = "sk-ant-test-dummy"
        environment["HOME"] = home.path
        environment["CCTEAM_CLAUDE"] = claude
        environment["CLAUDE_CODE_MAX_RETRIES"] = "1"
        environment["DISABLE_AUTOUPDATER"] = "1"
        environment["NO_COLOR"] = "1"
        return environment
    }

    /// Runs the built `ccteam` in the repository under ``environment``.
    @discardableResult
    func ccteam(_ arguments: [String]) throws -> ProcessOutput {
        try Shell.run(BuiltTools.path("ccteam"), arguments, in: team.root, environment: environment)
    }

    /// Every file the team's runs left under `.ccteam/runs`, as one text (to look for secrets).
    func runFilesText() throws -> String {
        let runs = team.root.appendingPathComponent(".ccteam/runs")
        var text = ""
        for run in try FileManager.default.contentsOfDirectory(atPath: runs.path) {
            for file in try FileManager.default.contentsOfDirectory(atPath: runs.path + "/" + run) {
                text += (try? String(contentsOfFile: runs.path + "/\(run)/\(file)", encoding: .utf8)) ?? ""
            }
        }
        return text
    }

    /// The Claude Code CLI, or a recorded failure saying how to install it.
    static func locateClaude() throws -> String {
        guard let found = ClaudeCLI.locate() else {
            Issue.record(Comment(rawValue: ClaudeCLI.missingMessage))
            throw HarnessError("the Claude Code CLI is not installed")
        }
        return found
    }
}

/// Where a team's worktrees will be, known before the team starts.
struct WorktreePaths {
    let root: String
    let team: String

    /// The absolute path of a file in a worker's worktree.
    func path(_ worker: String, _ relative: String) -> String {
        root + "/.ccteam/worktrees/\(team)/\(worker)/\(relative)"
    }
}

/// Builds `ccmodel` scripts as JSON, so tests read as the conversation they script.
enum Script {
    static func tool(_ name: String, _ input: [String: Any]) -> [String: Any] {
        ["content": [["type": "tool_use", "name": name, "input": input]]]
    }

    static func bash(_ command: String) -> [String: Any] { tool("Bash", ["command": command, "description": "run"]) }

    static func agent(_ name: String, match: String, _ turns: [[String: Any]], finalText: String = "Done.") -> [String:
        Any]
    {
        ["name": name, "match": match, "turns": turns, "finalText": finalText]
    }

    static func json(_ scripts: [[String: Any]]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["scripts": scripts], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// The test harness itself could not start.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
