import CCCore
import CCTeam
import Foundation

/// `ccbench tasks`: task store throughput and latency, printed as figures.
///
/// - claims: 8 processes claim from one store until nothing is ready (and a second round claims
///   and resolves); reports claims per second and checks no task or token was handed out twice.
/// - list: `TaskStore.list()` on 10,000 tasks (fast decoder vs. `JSONDecoder`), and the built
///   `ccteam tasks list` end to end when it sits beside this binary.
///
/// Options: `--tasks N` (claim round size, default 4000), `--processes N` (default 8),
/// `--list-tasks N` (default 10000), `--dir PATH` (where the stores live; default the temporary
/// folder — the figures depend mostly on that file system's fsync). Workers are this binary
/// re-run with `--worker`.
func runTaskBenchmarks(arguments: [String]) {
    if arguments.first == "--worker" {
        runClaimWorker(Array(arguments.dropFirst()))
        return
    }
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
            let value = Int(arguments[index + 1]), value > 0
        else { return fallback }
        return value
    }
    let claimTasks = option("--tasks", 4000), processes = option("--processes", 8)
    let listTasks = option("--list-tasks", 10_000)
    let base =
        arguments.firstIndex(of: "--dir").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        .map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
    do {
        let scratch = try BenchScratch(base: base)
        defer { scratch.remove() }
        print(
            "task store benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores, "
                + "\(fileSystemName(base.path)) at \(base.path))")
        for mode in ["claim", "claim+resolve"] {
            try benchmarkClaims(in: scratch, tasks: claimTasks, processes: processes, mode: mode)
        }
        try benchmarkList(in: scratch, tasks: listTasks)
    } catch {
        print("ccbench tasks: \(error)")
        exit(1)
    }
}

/// A temporary git-looking folder for the benchmark's stores.
private struct BenchScratch {
    let root: URL

    init(base: URL) throws {
        root = base.appendingPathComponent("ccbench-tasks-\(getpid())")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
    }

    func store(_ team: String) -> TaskStore {
        TaskStore(repositoryRoot: root, team: team)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Writes `count` task files directly (no index), as a team that grew over time would have them.
private func seed(_ store: TaskStore, count: Int, rich: Bool) throws {
    let directory = URL(fileURLWithPath: store.directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let encoder = JSONCoding.encoder()
    let now = Date()
    for number in 1...count {
        var task = TeamTask(
            id: String(number), subject: "Task \(number): implement part \(number) of the parser",
            description: rich ? String(repeating: "Details of the work to do. ", count: 8) : "", createdAt: now)
        if rich {
            if number > 1 && number % 4 == 0 { task.blockedBy = [String(number - 1)] }
            if number % 4 == 3 && number < count { task.blocks = [String(number + 1)] }
            task.scope = ["Sources/Parser/**"]
            task.comments = [.init(author: "lead", content: "Please keep the public API stable.", at: now)]
        }
        try encoder.encode(task).write(to: directory.appendingPathComponent("\(number).json"))
    }
}

private func benchmarkClaims(in scratch: BenchScratch, tasks: Int, processes: Int, mode: String) throws {
    let team = "claims-\(mode == "claim" ? "only" : "resolve")"
    let store = scratch.store(team)
    try seed(store, count: tasks, rich: false)
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let started = Date()
    var workers: [(Process, Pipe)] = []
    for number in 1...processes {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["tasks", "--worker", store.directory, "w\(number)", mode]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        workers.append((process, pipe))
    }
    var ids: [String] = [], tokens: [String] = []
    var firstClaim = Double.infinity, lastClaim = 0.0
    for (process, pipe) in workers {
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.first == "window", words.count == 3, let from = Double(words[1]), let to = Double(words[2]) {
                firstClaim = min(firstClaim, from)
                lastClaim = max(lastClaim, to)
            } else if words.count == 2 {
                ids.append(String(words[0]))
                tokens.append(String(words[1]))
            }
        }
    }
    let wall = Date().timeIntervalSince(started)
    let window = lastClaim - firstClaim
    let doubleClaims = ids.count - Set(ids).count
    let reusedTokens = tokens.count - Set(tokens).count
    print(
        String(
            format: "  %@: %d processes, %d claims in %.2f s while claiming (%.0f claims/s; %.2f s wall with startup)",
            mode, processes, ids.count, window, Double(ids.count) / max(window, 1e-9), wall))
    print("    double claims: \(doubleClaims), reused tokens: \(reusedTokens), unclaimed: \(tasks - Set(ids).count)")
}

/// One worker process: claims until nothing is ready, then prints `ID TOKEN` lines and its window.
private func runClaimWorker(_ arguments: [String]) {
    guard arguments.count == 3 else { exit(2) }
    let store = TaskStore(tasksDirectory: URL(fileURLWithPath: arguments[0]), team: "bench")
    let owner = arguments[1], resolve = arguments[2] == "claim+resolve"
    var claims: [(String, UInt64)] = []
    let start = Date().timeIntervalSince1970
    do {
        while let claim = try store.claim(owner: owner, leaseSeconds: 300) {
            claims.append((claim.task.id, claim.token))
            if resolve { try store.resolve(claim.task.id, token: claim.token) }
        }
    } catch {
        FileHandle.standardError.write(Data("worker \(owner): \(error)\n".utf8))
        exit(1)
    }
    let end = Date().timeIntervalSince1970
    var text = claims.map { "\($0.0) \($0.1)" }.joined(separator: "\n")
    text += "\nwindow \(start) \(end)\n"
    FileHandle.standardOutput.write(Data(text.utf8))
}

private func benchmarkList(in scratch: BenchScratch, tasks: Int) throws {
    let team = "listing"
    let store = scratch.store(team)
    try seed(store, count: tasks, rich: true)
    var fast: [Double] = []
    for _ in 0..<7 {
        let start = Date()
        let listed = try store.list()
        fast.append(Date().timeIntervalSince(start) * 1000)
        precondition(listed.count == tasks)
    }
    // The baseline the store avoids: Data(contentsOf:) and a JSONDecoder per file.
    let decoder = JSONCoding.decoder()
    let start = Date()
    let names = try FileManager.default.contentsOfDirectory(atPath: store.directory)
    var decoded = 0
    for name in names where name.hasSuffix(".json") {
        let data = try Data(contentsOf: URL(fileURLWithPath: store.directory + "/" + name))
        _ = try decoder.decode(TeamTask.self, from: data)
        decoded += 1
    }
    let baseline = Date().timeIntervalSince(start) * 1000
    fast.sort()
    print(
        String(
            format: "  list %d tasks: TaskStore.list() median %.1f ms (min %.1f); JSONDecoder per file %.1f ms",
            tasks, fast[fast.count / 2], fast[0], baseline))

    let ccteam = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("ccteam")
    guard FileManager.default.isExecutableFile(atPath: ccteam.path) else {
        print("  (ccteam not built beside ccbench: skipping the end-to-end 'ccteam tasks list')")
        return
    }
    var runs: [Double] = []
    for _ in 0..<5 {
        let process = Process()
        process.executableURL = ccteam
        process.arguments = ["tasks", "list", "--team", team]
        process.currentDirectoryURL = scratch.root
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        runs.append(Date().timeIntervalSince(start) * 1000)
        guard process.terminationStatus == 0 else {
            print("  ccteam tasks list failed with status \(process.terminationStatus)")
            return
        }
    }
    runs.sort()
    print(
        String(
            format: "  ccteam tasks list (%d tasks, whole process): median %.1f ms (min %.1f)", tasks,
            runs[runs.count / 2], runs[0]))
}

/// The type of the file system holding `path`, from the longest matching mount in /proc/mounts.
private func fileSystemName(_ path: String) -> String {
    guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "unknown fs" }
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    var best: (point: String, type: String) = ("", "unknown fs")
    for line in mounts.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count > 2 else { continue }
        let point = String(fields[1])
        let matches = resolved == point || resolved.hasPrefix(point.hasSuffix("/") ? point : point + "/")
        if matches && point.count >= best.point.count { best = (point, String(fields[2])) }
    }
    return best.type
}
