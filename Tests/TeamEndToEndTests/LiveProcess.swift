import CCTestSupport
import Foundation

/// A running built tool that a test talks to line by line and may kill: for the MCP server over
/// stdio and for processes killed in the middle of a claim.
final class LiveProcess: @unchecked Sendable {
    // Sendable: the output buffers are only touched under `lock`; the process handle is set once.
    private let process = Process()
    private let stdinPipe = Pipe()
    private let lock = NSCondition()
    private var outText = ""
    private var errText = ""
    private var openStreams = 2

    init(_ tool: String, _ arguments: [String], in directory: URL, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: BuiltTools.path(tool))
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                while true {
                    let data = handle.availableData
                    lock.lock()
                    if data.isEmpty {
                        openStreams -= 1
                    } else if isOut {
                        outText += String(decoding: data, as: UTF8.self)
                    } else {
                        errText += String(decoding: data, as: UTF8.self)
                    }
                    lock.broadcast()
                    lock.unlock()
                    if data.isEmpty { return }
                }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { lock.withLock { outText } }
    var stderr: String { lock.withLock { errText } }

    /// Sends one line on the child's stdin.
    func send(_ line: String) {
        stdinPipe.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// Waits until `condition` holds for (stdout, stderr), or `timeout` passes; returns whether it held.
    @discardableResult
    func wait(timeout: Double = 20, until condition: (String, String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while !condition(outText, errText) {
            if openStreams == 0 || !lock.wait(until: deadline) { return condition(outText, errText) }
        }
        return true
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the child to exit (bounded: it is killed after `timeout`) and returns its status.
    @discardableResult
    func finish(timeout: Double = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(SIGKILL) }
        process.waitUntilExit()
        wait(timeout: 5) { _, _ in false }
        return process.terminationStatus
    }
}

/// A temporary git repository with the environment the built tools should see in it.
struct TestRepository {
    let directory: TemporaryDirectory
    var url: URL { directory.url }
    var team: String { url.lastPathComponent }

    init() throws {
        directory = try TemporaryDirectory(prefix: "ccteam-e2e")
        try Shell.git(["init", "-q"], in: directory.url)
    }

    /// The test runner's environment without anything that would redirect the tools.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in [
            "TEAM", "CCTEAM_ROOT", "CLAUDE_CODE_TEAM_NAME", "CLAUDE_CODE_AGENT_ID", "CLAUDE_CODE_AGENT_TYPE",
            "CLAUDE_CODE_AGENT_NAME", "CCTEAM_TASKS_FAULT",
        ] {
            environment[key] = nil
        }
        environment["NO_COLOR"] = "1"
        environment["USER"] = "tester"
        return environment.merging(extra) { $1 }
    }

    /// Runs `ccteam` in the repository (or `directory`) and returns its output.
    @discardableResult
    func ccteam(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> ProcessOutput
    {
        try BuiltTools.run("ccteam", arguments, in: directory ?? url, environment: Self.environment(environment))
    }

    var tasksDirectory: URL { url.appendingPathComponent(".ccteam/teams/\(team)/tasks") }

    /// Every task file of the team, parsed as plain JSON (so a broken file fails the test).
    func taskFiles() throws -> [String: [String: Any]] {
        var tasks: [String: [String: Any]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: tasksDirectory.path)
        where name.hasSuffix(".json") {
            let data = try Data(contentsOf: tasksDirectory.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            tasks[String(name.dropLast(5))] = object
        }
        return tasks
    }
}

/// A finished run's outcome, comparable as a whole in expectations.
struct Outcome: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension ProcessOutput {
    var outcome: Outcome { Outcome(status: status, stdout: stdout, stderr: stderr) }
}
