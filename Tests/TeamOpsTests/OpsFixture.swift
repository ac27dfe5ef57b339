import CCCore
import CCProcess
import CCTeam
import CCTestSupport
import Foundation
import Testing

/// A git repository with a team's files written by hand, as a launcher would have left them.
final class OpsFixture: @unchecked Sendable {
    // Sendable: every stored property is immutable after init.
    let directory: TemporaryDirectory
    let team = "demo"
    let base: String
    /// Every run starts here; offsets in tests count from it.
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = try TemporaryDirectory(prefix: "ccteam-ops")
        try Shell.git(["init", "-q", "-b", "main"], in: directory.url)
        try directory.write("README.md", "hello\n")
        try Shell.git(["add", "."], in: directory.url)
        try Shell.git(["commit", "-q", "-m", "first"], in: directory.url)
        base = try Shell.git(["rev-parse", "HEAD"], in: directory.url).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var root: URL { directory.url }
    var location: TeamLocation { TeamLocation(root: root, team: team) }
    var runs: TeamRuns { TeamRuns(root: root) }

    /// Writes `team.json`.
    @discardableResult
    func writeTeam(
        name: String? = nil, state: TeamConfig.State = .finished, workers: Int = 2, launcherPID: Int32? = nil,
        launcherStartTicks: UInt64? = nil, goal: String = "Add a --verbose flag"
    ) throws -> TeamConfig {
        let name = name ?? team
        var config = TeamConfig(
            team: name, goal: goal, baseCommit: base, integrationBranch: "ccteam/\(name)/integration",
            settings: LaunchSettings(
                workers: workers, agent: .command, taskTimeoutSeconds: 600, maxRetries: 1,
                permissionMode: "acceptEdits", maxOutputBytes: nil),
            createdAt: Self.start, state: state, launcherPID: launcherPID)
        config.launcherStartTicks = launcherStartTicks
        try config.save(root: root)
        return config
    }

    /// Writes a run's `meta.json`, and its event stream and stderr when given.
    @discardableResult
    func writeRun(
        _ id: String, agent: String = "worker-1", task: String? = "1", status: RunRecord.Status = .succeeded,
        startOffset: TimeInterval = 0, seconds: TimeInterval? = 65, usage: RunRecord.Usage = RunRecord.Usage(),
        pid: Int32? = nil, pidStartTicks: UInt64? = nil, team: String? = nil, events: [String]? = nil,
        stderr: String? = nil
    ) throws -> RunRecord {
        let started = Self.start.addingTimeInterval(startOffset)
        let run = RunRecord(
            runId: id, team: team ?? self.team, agentId: agent, agentType: agent == "lead" ? "team-lead" : "worker",
            taskId: task, worktree: root.path + "/.ccteam/worktrees/demo/" + agent, baseCommit: base,
            startedAt: started, endedAt: seconds.map { started.addingTimeInterval($0) },
            exitCode: status == .running ? nil : (status == .succeeded ? 0 : 1), status: status, usage: usage, pid: pid,
            pidStartTicks: pidStartTicks)
        try FileManager.default.createDirectory(at: runs.directory(for: id), withIntermediateDirectories: true)
        try runs.save(run)
        if let events { try directory.write(".ccteam/runs/\(id)/events.ndjson", events.joined(separator: "\n") + "\n") }
        if let stderr { try directory.write(".ccteam/runs/\(id)/stderr.log", stderr) }
        return run
    }

    /// Appends lines to a run's event stream, as a live agent would.
    func append(_ lines: [String], to id: String) throws {
        let file = runs.directory(for: id).appendingPathComponent("events.ndjson")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }
}

/// Event lines in Claude Code's stream-json shape.
enum Events {
    static let initialized =
        #"{"type":"system","subtype":"init","model":"claude-test","mcp_servers":[{"name":"ccteam","status":"connected"}]}"#
    static func said(_ text: String) -> String {
        #"{"type":"assistant","message":{"content":[{"type":"text","text":"\#(text)"}]}}"#
    }
    static func wrote(_ path: String) -> String {
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Write","input":{"file_path":"\#(path)","content":"x"}}]}}"#
    }
    static let toolOK = #"{"type":"user","message":{"content":[{"type":"tool_result","is_error":false}]}}"#
    static func result(error: Bool = false, input: Int = 1000, output: Int = 200, cost: Double = 0.0123) -> String {
        #"{"type":"result","subtype":"success","is_error":\#(error),"terminal_reason":"\#(error ? "api_error" : "completed")","usage":{"input_tokens":\#(input),"output_tokens":\#(output)},"total_cost_usd":\#(cost)}"#
    }
    static func raw(_ text: String) -> String { #"{"type":"ccteam_raw","text":"\#(text)"}"# }
}

/// A `sleep` in its own session with a clean signal mask, standing in for a launcher or an agent.
/// When `pid` started, in clock ticks after boot (field 22 of `/proc/PID/stat`), read here
/// independently of the code under test.
func startTicks(of pid: Int32) throws -> UInt64 {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    let fields = try #require(stat.split(separator: ")").last).split(separator: " ")
    return try #require(UInt64(fields[19]))
}

/// Whether `pid` names a process that has not been reaped (ours or not).
func exists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

func startSleeper(environment extra: [String: String] = [:]) throws -> SupervisedProcess {
    let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    return try SupervisedProcess.start(
        ProcessCommand("/bin/sleep", ["300"], environment: environment),
        limits: ProcessLimits(timeout: .seconds(120), grace: .milliseconds(200))
    ) { _ in }
}
