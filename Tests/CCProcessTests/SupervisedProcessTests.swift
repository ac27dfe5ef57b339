import CCCore
import CCTestSupport
import Foundation
import Glibc
import Testing

@testable import CCProcess

@Suite("SupervisedProcess: long-running children")
struct SupervisedProcessTests {
    @Test func stdoutArrivesLineByLineAcrossPartialWrites() async throws {
        let script = "printf 'one\\ntwo\\nthr'; sleep 0.1; printf 'ee\\n'; printf 'last'"
        let (process, lines) = try SupervisedProcess.startStreaming(.shell(script))
        var received: [OutputLine] = []
        for await line in lines { received.append(line) }
        #expect(received.map(\.text) == ["one", "two", "three", "last"])
        #expect(received.allSatisfy { !$0.truncated })
        #expect(await process.wait().succeeded)
    }

    @Test func anOverlongLineIsDeliveredCutAndTheNextLineIsIntact() async throws {
        let (_, lines) = try SupervisedProcess.startStreaming(
            .shell("head -c 300000 /dev/zero | tr '\\0' x; printf '\\nshort\\n'"), maxLineBytes: 1000)
        var received: [OutputLine] = []
        for await line in lines { received.append(line) }
        #expect(received == [OutputLine(String(repeating: "x", count: 1000), truncated: true), OutputLine("short")])
    }

    @Test func stderrGoesToItsFile() async throws {
        let folder = try TemporaryDirectory()
        let log = folder.url.appendingPathComponent("stderr.log").path
        let (process, lines) = try SupervisedProcess.startStreaming(
            .shell("echo err >&2; echo out"), stderr: .file(log))
        var received: [String] = []
        for await line in lines { received.append(line.text) }
        #expect(received == ["out"])
        #expect(await process.wait().output == "out\n")
        #expect(try folder.read("stderr.log") == "err\n")
    }

    @Test func stopRunsTheTeardownAndSweepsMarkedLeftovers() async throws {
        let marker = EnvironmentMarker(name: "CCTEAM_RUN_ID", value: "stop-\(UUID().uuidString)")
        let pids = Locked<[Int32]>([])
        let folder = try TemporaryDirectory()
        let process = try SupervisedProcess.start(
            .shell(detachedSleeper + "; sleep 100", workingDirectory: folder.path),
            limits: quickLimits, marker: marker
        ) { line in
            if let pid = Int32(line.text) { pids.withLock { $0.append(pid) } }
        }
        for _ in 0..<400 where pids.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        let leftover = try #require(pids.withLock { $0.first })
        #expect(process.result == nil)
        process.stop()
        let result = await process.wait()
        #expect(result.stopReason == .requested)
        #expect(result.termination == .signaled(SIGTERM))
        #expect(result.leftoversKilled.contains(leftover))
        #expect(!isRunning(leftover))
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(process.pid)"))
    }

    @Test func theChildLeadsItsOwnSession() async throws {
        let (process, lines) = try SupervisedProcess.startStreaming(
            ProcessCommand("/bin/sh", ["-c", "cut -d' ' -f5,6 /proc/$$/stat; echo $$"]))
        var received: [String] = []
        for await line in lines { received.append(line.text) }
        let pid = try #require(received.last)
        #expect(received.first == "\(pid) \(pid)")
        #expect(Int32(pid) == process.pid)
    }

    @Test func trappedSigtermAndSigintCallTheHandlerInsteadOfEndingTheProcess() async throws {
        let received = Locked<[Int32]>([])
        let both = OneShot<Void>()
        let trap = SignalTrap { number in
            let count = received.withLock { list in
                list.append(number)
                return list.count
            }
            if count == 2 { both.fulfil(()) }
        }
        defer { trap.cancel() }
        // Sent to this very test process: without the trap, it would end here.
        kill(getpid(), SIGTERM)
        kill(getpid(), SIGINT)
        await both.value()
        #expect(Set(received.withLock { $0 }) == [SIGTERM, SIGINT])
    }
}

@Suite("Output buffers")
struct OutputBufferTests {
    @Test(arguments: [
        (capacity: 4, writes: ["ab", "cdef", "g"], expected: "defg"), (4, ["abcdefgh"], "efgh"),
        (10, ["abc", "de"], "abcde"), (3, ["a", "b", "c", "d", "e"], "cde"),
    ])
    func theTailKeepsTheLastBytesInOrder(capacity: Int, writes: [String], expected: String) {
        var tail = ByteTail(capacity: capacity)
        for write in writes { Array(write.utf8).withUnsafeBytes { tail.append($0) } }
        #expect(String(decoding: tail.bytes, as: UTF8.self) == expected)
        #expect(tail.totalBytes == writes.map(\.utf8.count).reduce(0, +))
    }

    @Test func theSplitterJoinsPiecesAndCutsLongLines() {
        var splitter = LineSplitter(maxLineBytes: 5)
        var lines: [OutputLine] = []
        for piece in ["ab", "c\nde", "fghijkl", "mn\nxy\n", "tail"] {
            Array(piece.utf8).withUnsafeBytes { splitter.feed($0) { lines.append($0) } }
        }
        splitter.finish { lines.append($0) }
        #expect(
            lines == [
                OutputLine("abc"), OutputLine("defgh", truncated: true), OutputLine("xy"), OutputLine("tail"),
            ])
    }
}
