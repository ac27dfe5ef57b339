// `ccbench spawn [--count N] [--concurrency C]`: how fast CCProcess starts and reaps children from the
// cooperative pool, whether every child starts with an empty signal mask, how long a group
// teardown takes, and what Landlock confinement adds to a start (confined and plain, interleaved).
import CCProcess
import Foundation

enum ProcessBenchmark {
    static func run(_ arguments: [String]) throws -> Int32 {
        var count = 400
        var concurrency = 8
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst().flatMap(Int.init), value > 0 else {
                throw SpawnBenchmarkError("\(flag) needs a positive number")
            }
            switch flag {
            case "--count": count = value
            case "--concurrency": concurrency = value
            default: throw SpawnBenchmarkError("unknown option '\(flag)' (--count N, --concurrency C)")
            }
        }
        let (runs, width) = (count, concurrency)
        let figures = try waitFor { try await measure(count: runs, concurrency: width) }
        print(figures)
        let confinement = try waitFor { try await compareConfinement(rounds: max(50, runs / 2)) }
        print(confinement)
        return figures.blocked == 0 ? 0 : 1
    }

    struct Figures: CustomStringConvertible {
        var count: Int
        var concurrency: Int
        var wall: Duration
        var latencies: [Duration]
        var blocked: Int
        var teardown: Duration

        var description: String {
            let sorted = latencies.sorted()
            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            return """
                spawn: \(count) children, \(concurrency) at a time, from the cooperative pool
                  wall \(wall.formatted(.units(allowed: [.milliseconds]))), \
                \(String(format: "%.0f", Double(count) / seconds)) runs/s
                  per run p50 \(sorted[sorted.count / 2].formatted(.units(allowed: [.microseconds]))), \
                p99 \(sorted[sorted.count * 99 / 100].formatted(.units(allowed: [.microseconds])))
                  children with a blocked signal: \(blocked) of \(count)
                  teardown of a two-process group (SIGTERM, reap, sweep): \
                \(teardown.formatted(.units(allowed: [.milliseconds])))
                """
        }
    }

    static func measure(count: Int, concurrency: Int) async throws -> Figures {
        let probe = ProcessCommand("/usr/bin/grep", ["^SigBlk", "/proc/self/status"])
        let clock = ContinuousClock()
        let started = clock.now
        var latencies: [Duration] = []
        var blocked = 0
        try await withThrowingTaskGroup(of: (Duration, Bool).self) { group in
            var launched = 0
            func launch() {
                group.addTask {
                    let begin = clock.now
                    let result = try await ProcessRunner.run(probe, limits: ProcessLimits(timeout: .seconds(30)))
                    return (clock.now - begin, result.output != "SigBlk:\t0000000000000000\n")
                }
                launched += 1
            }
            while launched < min(concurrency, count) { launch() }
            for try await (latency, isBlocked) in group {
                latencies.append(latency)
                if isBlocked { blocked += 1 }
                if launched < count { launch() }
            }
        }
        let wall = clock.now - started
        let marker = EnvironmentMarker(name: "CCBENCH_RUN", value: UUID().uuidString)
        let group = try SupervisedProcess.start(
            .shell("sleep 100 & sleep 100"), limits: ProcessLimits(grace: .seconds(2)), marker: marker
        ) { _ in }
        try await Task.sleep(for: .milliseconds(100))
        let teardownStart = clock.now
        group.stop()
        _ = await group.wait()
        return Figures(
            count: count, concurrency: concurrency, wall: wall, latencies: latencies, blocked: blocked,
            teardown: clock.now - teardownStart)
    }

    /// One start-to-exit of `/bin/true`, confined and plain in turn, so both see the same machine.
    struct ConfinementFigures: CustomStringConvertible {
        var rounds: Int
        var plain: [Duration]
        var confined: [Duration]

        var description: String {
            func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
            let extra = median(confined) - median(plain)
            return """
                confinement: \(rounds) starts each of /bin/true, plain and confined (Landlock, 2 writable folders), interleaved
                  plain p50 \(median(plain).formatted(.units(allowed: [.microseconds]))), \
                confined p50 \(median(confined).formatted(.units(allowed: [.microseconds]))), \
                added by confinement \(extra.formatted(.units(allowed: [.microseconds], fractionalPart: .show(length: 0))))
                """
        }
    }

    static func compareConfinement(rounds: Int) async throws -> ConfinementFigures {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccbench-confine-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = ProcessCommand("/bin/true")
        var confined = plain
        confined.confinement = Confinement(writable: [folder.path, folder.path + "/.."])
        let clock = ContinuousClock()
        var figures = ConfinementFigures(rounds: rounds, plain: [], confined: [])
        for _ in 0..<rounds {
            for (command, isConfined) in [(plain, false), (confined, true)] {
                let begin = clock.now
                _ = try await ProcessRunner.run(command, limits: ProcessLimits(timeout: .seconds(30)))
                if isConfined {
                    figures.confined.append(clock.now - begin)
                } else {
                    figures.plain.append(clock.now - begin)
                }
            }
        }
        return figures
    }

    /// Runs async work from synchronous top-level code, blocking the main thread until it is done.
    static func waitFor<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        let box = SpawnBenchmarkBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}

/// A benchmark's bad-option error, printed by main.
struct SpawnBenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Carries a result from the benchmark task back to the blocked main thread.
final class SpawnBenchmarkBox<Value: Sendable>: @unchecked Sendable {
    // Sendable: written once before the semaphore is signalled, read after it is waited on.
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ value: Result<Value, any Error>) { lock.withLock { result = value } }
    func get() throws -> Value {
        guard let result = lock.withLock({ result }) else { throw SpawnBenchmarkError("the benchmark did not finish") }
        return try result.get()
    }
}
