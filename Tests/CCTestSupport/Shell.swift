import CCCore
public import Foundation

/// The outcome of a finished child process, captured whole.
public struct ProcessOutput: Sendable, Equatable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs programs for tests: the built tools end to end, and `git` as an independent oracle.
///
/// Synchronous on purpose: tests call it from their own thread and never need to signal the child.
public enum Shell {
    /// Runs `executable` with `arguments` in `directory`, feeding `input` on stdin.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, input: String? = nil,
        environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let errData = Locked(Data())
        let errRead = DispatchSemaphore(value: 0)
        let reader = Thread {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            errRead.signal()
        }
        reader.start()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errRead.wait()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }

    /// Runs `git` with a fixed identity and no user or system configuration, failing on error.
    @discardableResult
    public static func git(_ arguments: [String], in directory: URL) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        let output = try run("git", arguments, in: directory, environment: environment)
        guard output.status == 0 else {
            throw ShellError(command: "git " + arguments.joined(separator: " "), output: output)
        }
        return output.stdout
    }
}

/// A failed oracle command, with what it printed.
public struct ShellError: Error, CustomStringConvertible {
    public var command: String
    public var output: ProcessOutput
    public var description: String { "\(command) exited \(output.status): \(output.stderr)" }
}
