import CCTestSupport
import Foundation
import Glibc
import Testing

@testable import CCProcess

/// Whether `pid` is a running (not zombie) process.
func isRunning(_ pid: Int32) -> Bool {
    guard let info = ProcessTable.stateAndGroup(of: pid) else { return false }
    return info.state != "Z" && info.state != "X"
}

/// Starts `sleep` in a session of its own (like Claude Code's Bash tool does) and prints its pid
/// once it has left our group; the pid file handshake keeps the shell from exiting too early.
let detachedSleeper =
    "setsid sh -c 'echo $$ > sleeper.pid; exec sleep 100' >/dev/null 2>&1 &"
    + " while [ ! -s sleeper.pid ]; do sleep 0.01; done; cat sleeper.pid"

/// A short grace so teardown tests stay quick.
let quickLimits = ProcessLimits(grace: .milliseconds(500))

@Suite("ProcessRunner: run to completion")
struct ProcessRunnerTests {
    @Test func aNonZeroExitIsAResultNotAnError() async throws {
        let result = try await ProcessRunner.run(.shell("echo failing; exit 3"))
        #expect(result.termination == .exited(3))
        #expect(result.exitCode == 3)
        #expect(!result.succeeded)
        #expect(result.stopReason == nil)
        #expect(result.output == "failing\n")
    }

    @Test func stdinIsFedAndStdoutCaptured() async throws {
        let result = try await ProcessRunner.run(ProcessCommand("cat"), input: Data("hello\nworld".utf8))
        #expect(result.succeeded)
        #expect(result.output == "hello\nworld")
    }

    @Test func aLargeInputAndOutputFlowWithoutDeadlock() async throws {
        // Far beyond a pipe's 64 KiB buffer in both directions at once.
        let input = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        var limits = ProcessLimits()
        limits.tailBytes = 2 << 20
        let result = try await ProcessRunner.run(ProcessCommand("cat"), input: input, limits: limits)
        #expect(result.succeeded)
        #expect(result.outputByteCount == 1 << 20)
        #expect(!result.outputTruncated)
    }

    @Test func aChildThatStopsReadingItsInputIsNoProblem() async throws {
        let input = Data(repeating: 0x61, count: 4 << 20)
        let result = try await ProcessRunner.run(ProcessCommand("/usr/bin/head", ["-c", "5"]), input: input)
        #expect(result.succeeded)
        #expect(result.output == "aaaaa")
    }

    @Test func stdinIsEmptyWhenNoInputIsGiven() async throws {
        let result = try await ProcessRunner.run(ProcessCommand("/usr/bin/wc", ["-c"]))
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func theEnvironmentIsPassedExactly() async throws {
        let command = ProcessCommand(
            "/usr/bin/env", environment: ["B_VAR": "two words", "A_VAR": "1", "EMPTY": ""])
        let result = try await ProcessRunner.run(command)
        #expect(result.output == "A_VAR=1\nB_VAR=two words\nEMPTY=\n")
    }

    @Test func aBareNameIsFoundOnTheCommandsOwnPath() async throws {
        let folder = try TemporaryDirectory()
        let script = try folder.write("hello-tool", "#!/bin/sh\necho from-tool\n")
        chmod(script.path, 0o755)
        let command = ProcessCommand("hello-tool", environment: ["PATH": "/nonexistent:" + folder.path])
        #expect(command.resolvedExecutable == script.path)
        let result = try await ProcessRunner.run(command)
        #expect(result.output == "from-tool\n")
        #expect(ProcessCommand("hello-tool", environment: ["PATH": "/usr/bin"]).resolvedExecutable == nil)
    }

    @Test func theChildRunsInTheGivenDirectory() async throws {
        let folder = try TemporaryDirectory()
        let result = try await ProcessRunner.run(ProcessCommand("/usr/bin/pwd", workingDirectory: folder.path))
        #expect(result.output == folder.path + "\n")
    }

    @Test func theChildStartsWithNoBlockedAndNoIgnoredSignals() async throws {
        // Started from the cooperative pool, where an inherited mask would block SIGTERM. grep reads
        // its own status directly: a shell would block signals around vfork and give false alarms.
        let result = try await ProcessRunner.run(
            ProcessCommand("/usr/bin/grep", ["-E", "^(SigBlk|SigIgn)", "/proc/self/status"]))
        let fields = Dictionary(
            uniqueKeysWithValues: result.output.split(separator: "\n").map { line in
                let parts = line.split(separator: ":\t")
                return (String(parts[0]), UInt64(parts[1], radix: 16) ?? .max)
            })
        #expect(fields["SigBlk"] == 0)
        // Signals 1...31 are all at their default; glibc itself ignores its internal real-time
        // signals 32 and 33 in every child it spawns.
        #expect(fields["SigIgn"].map { $0 & 0x7fff_ffff } == 0)
        #expect(fields.count == 2)
    }

    @Test func manyConcurrentSpawnsFromThePoolAllStartUnblocked() async throws {
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await ProcessRunner.run(
                        ProcessCommand("/usr/bin/grep", ["^SigBlk", "/proc/self/status"]),
                        limits: ProcessLimits(timeout: .seconds(60))
                    ).output
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.count == 40)
        #expect(outputs.allSatisfy { $0 == "SigBlk:\t0000000000000000\n" })
    }

    @Test func stderrIsKeptInTheTailInterleavedWithStdout() async throws {
        let result = try await ProcessRunner.run(.shell("echo out; echo err >&2; echo more"))
        #expect(result.output == "out\nerr\nmore\n")
    }

    @Test func stderrCanBeKeptOutOfTheTail() async throws {
        let folder = try TemporaryDirectory()
        let log = folder.url.appendingPathComponent("err.log").path
        let result = try await ProcessRunner.run(.shell("echo out; echo err >&2"), stderr: .file(log))
        #expect(result.output == "out\n")
        #expect(try folder.read("err.log") == "err\n")
        let quiet = try await ProcessRunner.run(.shell("echo out; echo err >&2"), stderr: .discard)
        #expect(quiet.output == "out\n")
    }

    @Test func aTimeoutEndsTheWholeGroupIncludingAGrandchild() async throws {
        var limits = quickLimits
        limits.timeout = .milliseconds(300)
        let result = try await ProcessRunner.run(.shell("sleep 100 & echo $!; sleep 100"), limits: limits)
        #expect(result.timedOut)
        #expect(result.termination == .signaled(SIGTERM))
        #expect(result.duration < .seconds(5))
        let grandchild = try #require(Int32(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!isRunning(grandchild))
    }

    @Test func aChildIgnoringSigtermIsKilledAfterTheGrace() async throws {
        var limits = quickLimits
        limits.timeout = .milliseconds(200)
        let result = try await ProcessRunner.run(.shell("trap '' TERM; sleep 100; echo survived"), limits: limits)
        #expect(result.timedOut)
        #expect(result.termination == .signaled(SIGKILL))
        #expect(result.duration >= .milliseconds(700))
        #expect(result.duration < .seconds(5))
        #expect(!result.output.contains("survived"))
    }

    @Test func anIdleChildIsStoppedByTheWatchdog() async throws {
        var limits = quickLimits
        limits.idleTimeout = .milliseconds(300)
        let result = try await ProcessRunner.run(.shell("echo started; sleep 100"), limits: limits)
        #expect(result.stopReason == .idle)
        #expect(result.output == "started\n")
    }

    @Test func aMarkedLeftoverInItsOwnSessionIsFoundAndKilled() async throws {
        let marker = EnvironmentMarker(name: "CCTEAM_RUN_ID", value: "test-\(UUID().uuidString)")
        let folder = try TemporaryDirectory()
        let result = try await ProcessRunner.run(
            .shell(detachedSleeper, workingDirectory: folder.path), limits: quickLimits, marker: marker)
        #expect(result.succeeded)
        let leftover = try #require(Int32(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(result.leftoversKilled == [leftover])
        #expect(!isRunning(leftover))
        #expect(LeftoverSweeper.processes(carrying: marker).isEmpty)
    }

    @Test func theSweeperFindsOnlyProcessesCarryingTheExactMarker() async throws {
        let id = UUID().uuidString
        let marker = EnvironmentMarker(name: "CCTEAM_RUN_ID", value: id)
        let near = EnvironmentMarker(name: "CCTEAM_RUN_ID", value: id + "-other")
        let marked = try SupervisedProcess.start(ProcessCommand("/bin/sleep", ["100"]), marker: marker) { _ in }
        let other = try SupervisedProcess.start(ProcessCommand("/bin/sleep", ["100"]), marker: near) { _ in }
        // The child's environment is set at exec: wait until it is visible.
        for _ in 0..<200 where LeftoverSweeper.processes(carrying: marker).isEmpty { usleep(5000) }
        #expect(LeftoverSweeper.processes(carrying: marker) == [marked.pid])
        #expect(LeftoverSweeper.killProcesses(carrying: marker) == [marked.pid])
        #expect(await marked.wait().termination == .signaled(SIGKILL))
        #expect(other.result == nil)
        other.stop()
        #expect(await other.wait().stopReason == .requested)
    }

    @Test func theOutputTailIsBounded() async throws {
        var limits = ProcessLimits()
        limits.tailBytes = 1000
        let result = try await ProcessRunner.run(ProcessCommand("/usr/bin/seq", ["1", "100000"]), limits: limits)
        #expect(result.succeeded)
        #expect(result.output.utf8.count == 1000)
        #expect(result.output.hasSuffix("99999\n100000\n"))
        #expect(result.outputTruncated)
        #expect(result.outputByteCount == 588_895)
    }

    @Test func theByteBudgetStopsAChattyChild() async throws {
        var limits = quickLimits
        limits.outputBudget = 100_000
        let result = try await ProcessRunner.run(ProcessCommand("/usr/bin/yes"), limits: limits)
        #expect(result.budgetExceeded)
        #expect(result.termination == .signaled(SIGTERM))
        #expect(result.outputByteCount > 100_000)
        #expect(result.output.utf8.count <= limits.tailBytes)
    }

    @Test func theChildIsReapedLeavingNoZombie() async throws {
        let result = try await ProcessRunner.run(.shell("exit 0"))
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(result.pid)"))
        var status: Int32 = 0
        #expect(waitpid(result.pid, &status, WNOHANG) == -1)
    }

    @Test func cancellingTheTaskTearsTheChildDown() async throws {
        let task = Task { try await ProcessRunner.run(ProcessCommand("/bin/sleep", ["100"]), limits: quickLimits) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = try await task.value
        #expect(result.stopReason == .requested)
        #expect(result.termination == .signaled(SIGTERM))
    }

    @Test func runBlockingWorksFromAPlainThread() throws {
        let result = try ProcessRunner.runBlocking(.shell("printf blocking"))
        #expect(result.output == "blocking")
    }

    @Test func aMissingExecutableIsAUsageError() async throws {
        await #expect(throws: ProcessError.executableNotFound("no-such-tool-xyz")) {
            try await ProcessRunner.run(ProcessCommand("no-such-tool-xyz"))
        }
        await #expect(throws: ProcessError.executableNotFound("/nonexistent/tool")) {
            try await ProcessRunner.run(ProcessCommand("/nonexistent/tool"))
        }
    }

    @Test func aMissingWorkingDirectoryIsAUsageError() async throws {
        await #expect(throws: ProcessError.workingDirectoryMissing("/nonexistent/dir")) {
            try await ProcessRunner.run(ProcessCommand("/bin/true", workingDirectory: "/nonexistent/dir"))
        }
    }
}
