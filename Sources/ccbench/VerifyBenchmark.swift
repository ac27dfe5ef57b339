import CCGit
import CCProcess
import CCVerify
import Foundation

/// `ccbench verify [--files N] [--lines N] [--runs N] [--keep]`: times `ccverify diff` (libgit2 diff, write
/// scope, secret scan of every added line) on a generated change of N files × lines each.
///
/// The repository is set up with the git CLI (setup only, outside what is timed); everything timed is the
/// product's own code path, `Verification.diff`, as the command runs it.
func runVerifyBenchmark(arguments: [String]) throws -> Int32 {
    var files = 10_000
    var lines = 20
    var runs = 3
    var keep = false
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        func value() throws -> Int {
            guard index + 1 < arguments.count, let number = Int(arguments[index + 1]), number > 0 else {
                throw VerifyBenchmarkError("\(argument) needs a positive number")
            }
            index += 1
            return number
        }
        switch argument {
        case "--files": files = try value()
        case "--lines": lines = try value()
        case "--runs": runs = try value()
        case "--keep": keep = true
        default:
            throw VerifyBenchmarkError("unknown option '\(argument)' (use --files N, --lines N, --runs N, --keep)")
        }
        index += 1
    }

    let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccbench-verify-\(getpid())")
    try? FileManager.default.removeItem(at: root)
    let repository = root.appendingPathComponent("repo")
    try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(at: root) } }
    let policy = root.appendingPathComponent("policy.yaml")
    try Data("max_files: none\nmax_diff_lines: none\n".utf8).write(to: policy)

    let setupStart = ContinuousClock.now
    try git(["init", "-q", "-b", "main"], in: repository)
    try Data("# benchmark\n".utf8).write(to: repository.appendingPathComponent("README.md"))
    try git(["add", "-A"], in: repository)
    try git(["commit", "-q", "-m", "initial"], in: repository)
    try generate(files: files, lines: lines, in: repository)
    print(
        "setup: \(files) files × \(lines) lines = \(files * lines) lines written in \(milliseconds(since: setupStart)) ms"
    )

    func measure(_ label: String, _ request: DiffRequest) throws {
        var times: [Int] = []
        var cpu: [Int] = []
        var report: VerifyReport? = nil
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let cpuStart = processCPUMilliseconds()
            report = try Verification.diff(request)
            times.append(milliseconds(since: start))
            cpu.append(processCPUMilliseconds() - cpuStart)
        }
        let order = times.indices.sorted { times[$0] < times[$1] }
        let median = order[order.count / 2]
        let summary = report?.summary
        print(
            "\(label): \(summary?.filesChanged ?? 0) files, +\(summary?.linesAdded ?? 0) lines, "
                + "\(report?.findings.count ?? 0) findings: median \(times[median]) ms wall "
                + "(\(cpu[median]) ms CPU), best \(times[order[0]]) ms, runs \(times.map(String.init).joined(separator: " "))"
        )
    }

    let workingTree = DiffRequest(base: "HEAD", policyFile: policy, directory: repository)
    let diffStart = ContinuousClock.now
    let diffCPUStart = processCPUMilliseconds()
    let opened = try Repository.discover(from: repository.path)
    let changes = try opened.diffWorkingTree(
        against: try opened.resolveCommit("HEAD"), options: DiffOptions(includeAddedLines: true))
    print(
        "libgit2 diff alone (working tree, added lines): \(changes.count) files in "
            + "\(milliseconds(since: diffStart)) ms wall (\(processCPUMilliseconds() - diffCPUStart) ms CPU)")
    try measure("verify working tree (untracked files)", workingTree)

    try git(["add", "-A"], in: repository)
    try git(["commit", "-q", "-m", "change"], in: repository)
    try measure(
        "verify commit range HEAD~1..HEAD",
        DiffRequest(base: "HEAD~1", head: "HEAD", policyFile: policy, directory: repository))
    if keep { print("kept: \(repository.path)") }
    return 0
}

/// Writes source-like files, with a keyword every few lines so the secret prefilter has real work.
private func generate(files: Int, lines: Int, in repository: URL) throws {
    let manager = FileManager.default
    for file in 0..<files {
        let folder = repository.appendingPathComponent("Sources/Module\(file / 100)")
        if file % 100 == 0 { try manager.createDirectory(at: folder, withIntermediateDirectories: true) }
        var text = "// File \(file): generated for ccbench verify.\n"
        for line in 1..<lines {
            switch line % 7 {
            case 0: text += "    let token = environment[\"SERVICE_TOKEN_\(line)\"] ?? \"\"\n"
            case 3: text += "    let password = try keychain.read(account: \"user\(file)\")\n"
            default: text += "    let value\(line) = compute(\(file), \(line)) + offset * \(line % 13)\n"
            }
        }
        try Data(text.utf8).write(to: folder.appendingPathComponent("File\(file).swift"))
    }
}

/// User plus system CPU time of this process so far, all threads, in milliseconds.
private func processCPUMilliseconds() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Int(usage.ru_utime.tv_sec) * 1000 + Int(usage.ru_utime.tv_usec) / 1000
    let system = Int(usage.ru_stime.tv_sec) * 1000 + Int(usage.ru_stime.tv_usec) / 1000
    return user + system
}

private func milliseconds(since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
}

/// A benchmark that cannot run, with the reason.
struct VerifyBenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
