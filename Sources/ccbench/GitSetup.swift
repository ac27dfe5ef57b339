import CCProcess
import Foundation

/// Runs `git` for a benchmark's setup (never for what is timed), with a fixed identity.
func git(_ arguments: [String], in directory: URL) throws {
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_AUTHOR_NAME"] = "ccbench"
    environment["GIT_AUTHOR_EMAIL"] = "ccbench@example.com"
    environment["GIT_COMMITTER_NAME"] = "ccbench"
    environment["GIT_COMMITTER_EMAIL"] = "ccbench@example.com"
    let result = try ProcessRunner.runBlocking(
        ProcessCommand("git", arguments, workingDirectory: directory.path, environment: environment),
        limits: ProcessLimits(timeout: .seconds(300)))
    guard result.succeeded else {
        throw BenchmarkSetupError("git \(arguments.joined(separator: " ")) failed: \(result.output)")
    }
}

/// A benchmark's setup failed.
struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
