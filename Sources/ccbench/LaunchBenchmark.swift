import CCGit
import CCTeam
import Foundation

/// `ccbench launch [--workers N] [--tasks N] [--agent-seconds S] [--files N]`: what orchestration costs.
///
/// 1. Worktrees: creates N worktrees of a repository of `--files` files with the launcher's own code
///    (`TeamGit.prepareWorktree`, libgit2) and, side by side, with `git worktree add` in a loop.
/// 2. A team: `ccteam launch --agent command` runs `--tasks` tasks on N workers whose agents sleep
///    `--agent-seconds` (default 30, short for a real agent run) and write one file; the
///    launcher's own CPU time and peak memory are read from `/proc` while it runs (its agents are
///    separate processes and not counted). The launcher spends about 30 ms per task, so its share
///    of the wall time shrinks as agents take longer.
///
/// The repository is set up with the git CLI (setup only, and the baseline of part 1).
func runLaunchBenchmark(arguments: [String]) throws -> Int32 {
    var workers = 8
    var tasks = 16
    var agentSeconds = 30.0
    var files = 2_000
    var index = 0
    while index < arguments.count {
        let flag = arguments[index]
        guard index + 1 < arguments.count, let number = Double(arguments[index + 1]), number > 0 else {
            throw LaunchBenchmarkError(
                "\(flag) needs a positive number (use --workers, --tasks, --agent-seconds, --files)")
        }
        switch flag {
        case "--workers": workers = Int(number)
        case "--tasks": tasks = Int(number)
        case "--agent-seconds": agentSeconds = number
        case "--files": files = Int(number)
        default: throw LaunchBenchmarkError("unknown option '\(flag)'")
        }
        index += 2
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccbench-launch-\(getpid())")
    try? FileManager.default.removeItem(at: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }

    print("worktrees: \(workers) on a repository of \(files) files")
    for round in 1...2 {
        let ours = try timeWorktrees(
            workers: workers, files: files, in: scratch.appendingPathComponent("ours-\(round)"), cli: false)
        let cli = try timeWorktrees(
            workers: workers, files: files, in: scratch.appendingPathComponent("cli-\(round)"), cli: true)
        print(
            String(
                format: "  round %d: ccteam (libgit2) %.0f ms, git worktree add %.0f ms, ratio %.2f", round,
                ours * 1000,
                cli * 1000, ours / cli))
    }

    let team = try LaunchTeam(root: scratch.appendingPathComponent("team"), tasks: tasks, agentSeconds: agentSeconds)
    let measured = try team.run(workers: workers)
    print("team: \(tasks) tasks on \(workers) workers, agents of \(agentSeconds) s each, exit \(measured.status)")
    print(
        String(
            format: "  wall %.2f s; launcher CPU %.3f s = %.2f%% of wall", measured.wall, measured.cpu,
            100 * measured.cpu / measured.wall))
    print(String(format: "  launcher peak memory (VmHWM) %.1f MB", Double(measured.peakKB) / 1024))
    return measured.status == 0 ? 0 : 1
}

/// Seconds to create `workers` worktrees of a fresh `files`-file repository.
private func timeWorktrees(workers: Int, files: Int, in root: URL, cli: Bool) throws -> Double {
    let repository = root.appendingPathComponent("repo")
    try makeRepository(at: repository, files: files)
    let started = Date()
    if cli {
        for worker in 1...workers {
            try git(["worktree", "add", "-q", "-b", "w\(worker)", ".wt/w\(worker)"], in: repository)
        }
    } else {
        let head = try Repository.open(at: repository.path).resolveCommit("HEAD")
        let team = TeamGit(root: repository.path, team: "bench")
        try team.prepareIntegration(base: head)
        for worker in 1...workers { _ = try team.prepareWorktree(for: "worker-\(worker)") }
    }
    return Date().timeIntervalSince(started)
}

private func makeRepository(at url: URL, files: Int) throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for file in 0..<files {
        let folder = url.appendingPathComponent("src/module\(file / 100)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = (0..<40).map { "let value\($0) = \(file * 40 + $0) // line \($0)" }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("file\(file).swift"))
    }
    try git(["init", "-q", "-b", "main"], in: url)
    try git(["add", "-A"], in: url)
    try git(["commit", "-qm", "files"], in: url)
}

/// A repository, a plan and a scripted agent for timing a whole team.
private struct LaunchTeam {
    let root: URL
    let plan: URL
    let agent: URL

    init(root: URL, tasks: Int, agentSeconds: Double) throws {
        self.root = root
        try makeRepository(at: root, files: 50)
        let extra = root.deletingLastPathComponent().appendingPathComponent("team-files")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        plan = extra.appendingPathComponent("plan.yaml")
        let entries = (1...tasks).map { "  - subject: Task \($0)\n    scope: [\"out/**\"]" }
        try Data(("tasks:\n" + entries.joined(separator: "\n") + "\n").utf8).write(to: plan)
        agent = extra.appendingPathComponent("agent.sh")
        let script = """
            #!/bin/sh
            cat > /dev/null
            sleep \(agentSeconds)
            mkdir -p out && echo "task $CCTEAM_TASK_ID" > "out/task-$CCTEAM_TASK_ID.txt"
            echo '{"type":"result","subtype":"success","is_error":false,"result":"done","total_cost_usd":0,"usage":{"input_tokens":1,"output_tokens":1}}'

            """
        try Data(script.utf8).write(to: agent)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: agent.path)
    }

    /// Runs the team and samples the launcher's own CPU time and peak memory from `/proc`.
    func run(workers: Int) throws -> (status: Int32, wall: Double, cpu: Double, peakKB: Int) {
        let ccteam = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ccteam")
        let process = Process()
        process.executableURL = ccteam
        process.arguments = [
            "launch", "benchmark", "--plan", plan.path, "--agent", "command", "--agent-command", agent.path,
            "--workers", "\(workers)",
        ]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let pid = process.processIdentifier
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var cpu = 0.0
        var peak = 0
        while process.isRunning {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            {
                // Fields after the command name: state is 3rd overall, utime 14th and stime 15th.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
                    cpu = (user + system) / ticks
                }
            }
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peak = max(peak, kilobytes)
            }
            usleep(20_000)
        }
        return (process.terminationStatus, Date().timeIntervalSince(started), cpu, peak)
    }
}

struct LaunchBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
