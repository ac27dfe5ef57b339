import CCCore
import CCTeam
import Foundation
import Testing

/// An in-memory task board with dependencies, recording what the scheduler did to it.
actor MemoryBoard: TaskBoard {
    struct Entry {
        var item: WorkItem
        var blockedBy: [String]
        var status = "open"
        var owner: String?
    }
    var entries: [Entry]
    var comments: [String] = []
    var claims: [(task: String, worker: String)] = []

    init(_ tasks: [(String, [String])]) {
        entries = tasks.map {
            Entry(item: WorkItem(id: $0.0, subject: "task \($0.0)", description: "", scope: []), blockedBy: $0.1)
        }
    }

    func status(_ id: String) -> String? { entries.first { $0.item.id == id }?.status }

    func claimNext(for worker: String, avoiding running: [WorkItem]) -> WorkItem? {
        let resolved = Set(entries.filter { $0.status == "resolved" }.map(\.item.id))
        guard let index = entries.firstIndex(where: { $0.status == "open" && Set($0.blockedBy).isSubset(of: resolved) })
        else { return nil }
        entries[index].status = "in_progress"
        entries[index].owner = worker
        claims.append((entries[index].item.id, worker))
        return entries[index].item
    }
    func set(_ task: WorkItem, _ status: String) {
        let index = entries.firstIndex { $0.item.id == task.id }!
        entries[index].status = status
        if status == "open" { entries[index].owner = nil }
    }
    func resolve(_ task: WorkItem, by worker: String, note: String) { set(task, "resolved") }
    func fail(_ task: WorkItem, by worker: String, note: String) { set(task, "failed") }
    func release(_ task: WorkItem, by worker: String) { set(task, "open") }
    func comment(on task: WorkItem, by worker: String, _ text: String) {
        comments.append("#\(task.id) \(worker): \(text)")
    }
}

/// Plays a fixed outcome per task and attempt, and remembers the feedback each attempt got.
actor ScriptedRunner: AttemptRunner {
    let outcomes: [String: [AttemptOutcome]]
    var log: [(task: String, worker: String, attempt: Int, feedback: [String])] = []
    var concurrent = 0
    var peakConcurrent = 0

    init(_ outcomes: [String: [AttemptOutcome]]) { self.outcomes = outcomes }

    func attempt(_ task: WorkItem, worker: String, number: Int, feedback: [Finding]) async -> AttemptOutcome {
        log.append((task.id, worker, number, feedback.map(\.rule)))
        concurrent += 1
        peakConcurrent = max(peakConcurrent, concurrent)
        try? await Task.sleep(for: .milliseconds(5))
        concurrent -= 1
        let script = outcomes[task.id] ?? []
        return number <= script.count ? script[number - 1] : .accepted(summary: "done")
    }
}

/// Merges everything, except that each task in `conflicts` conflicts that many times first
/// (`Int.max`: always).
struct RecordingIntegrator: Integrator {
    let conflicts: [String: Int]
    let merged = Locked<[String]>([])
    let tries = Locked<[String: Int]>([:])

    init(conflicts: Set<String>) { self.conflicts = Dictionary(uniqueKeysWithValues: conflicts.map { ($0, Int.max) }) }
    init(conflictsTimes: [String: Int]) { self.conflicts = conflictsTimes }

    func integrate(_ task: WorkItem, from worker: String) async -> Result<String, IntegrationConflict> {
        let tried = tries.withLock { tries in
            defer { tries[task.id, default: 0] += 1 }
            return tries[task.id, default: 0]
        }
        if tried < conflicts[task.id, default: 0] { return .failure(IntegrationConflict(paths: ["src/shared.swift"])) }
        merged.withLock { $0.append(task.id) }
        return .success("merged")
    }
}

@Suite struct TeamSchedulerTests {
    let rejected = AttemptOutcome.rejected(
        reason: "scope violation", findings: [Finding(rule: "scope.outside-allow", kind: .scope, message: "no")])

    @Test func runsIndependentTasksInParallelAndDependentsAfterTheirDependencies() async throws {
        let board = MemoryBoard([("1", []), ("2", []), ("3", ["1", "2"])])
        let runner = ScriptedRunner([:])
        let integrator = RecordingIntegrator(conflicts: [])
        let report = try await TeamScheduler(
            workers: ["worker-1", "worker-2", "worker-3"], maxRetries: 1, board: board, runner: runner,
            integrator: integrator
        ).run()
        #expect(report.resolved.sorted() == ["1", "2", "3"])
        #expect(report.failed.isEmpty)
        #expect(integrator.merged.withLock { $0.last } == "3")
        #expect(await runner.peakConcurrent == 2)
    }

    @Test func neverRunsMoreAttemptsAtOnceThanThereAreWorkers() async throws {
        let board = MemoryBoard((1...6).map { ("\($0)", []) })
        let runner = ScriptedRunner([:])
        let report = try await TeamScheduler(
            workers: ["a", "b"], maxRetries: 0, board: board, runner: runner,
            integrator: RecordingIntegrator(conflicts: [])
        ).run()
        #expect(report.resolved.count == 6)
        #expect(await runner.peakConcurrent == 2)
    }

    @Test func retriesRejectedWorkOnTheSameWorkerWithTheFindings() async throws {
        let board = MemoryBoard([("1", [])])
        let runner = ScriptedRunner(["1": [rejected, .accepted(summary: "ok")]])
        let report = try await TeamScheduler(
            workers: ["worker-1", "worker-2"], maxRetries: 2, board: board, runner: runner,
            integrator: RecordingIntegrator(conflicts: [])
        ).run()
        #expect(report.resolved == ["1"])
        #expect(report.attempts == 2)
        let log = await runner.log
        #expect(log.map(\.attempt) == [1, 2])
        #expect(log.map(\.worker) == ["worker-1", "worker-1"])
        #expect(log[1].feedback == ["scope.outside-allow"])
        #expect(await board.comments == ["#1 worker-1: attempt 1 rejected: scope violation"])
    }

    @Test func failsATaskAfterItsRetriesAndNeverStartsItsDependents() async throws {
        let board = MemoryBoard([("1", []), ("2", ["1"]), ("3", [])])
        let runner = ScriptedRunner(["1": [rejected, rejected]])
        let report = try await TeamScheduler(
            workers: ["w"], maxRetries: 1, board: board, runner: runner, integrator: RecordingIntegrator(conflicts: [])
        ).run()
        #expect(report.failed == ["1"])
        #expect(report.resolved == ["3"])
        #expect(await board.status("2") == "open")
        #expect(await runner.log.contains { $0.task == "2" } == false)
    }

    @Test func aMergeConflictReRunsTheTaskAtTheNewTipWithoutUsingUpItsRetries() async throws {
        let board = MemoryBoard([("1", [])])
        let runner = ScriptedRunner([:])
        let integrator = RecordingIntegrator(conflictsTimes: ["1": 2])
        let report = try await TeamScheduler(
            workers: ["w"], maxRetries: 0, board: board, runner: runner, integrator: integrator
        ).run()
        #expect(report.resolved == ["1"])
        #expect(integrator.merged.withLock { $0 } == ["1"])
        let log = await runner.log
        #expect(log.map(\.attempt) == [1, 2, 3])
        #expect(log.map(\.feedback) == [[], ["merge.conflict"], ["merge.conflict"]])
        #expect(await board.comments.contains { $0.contains("conflict re-run 2 of 3") })
    }

    @Test func aRejectedConflictReRunStillHasItsRetries() async throws {
        let board = MemoryBoard([("1", [])])
        // Attempt 2 (the conflict re-run) is rejected; the one retry allowed is attempt 3.
        let runner = ScriptedRunner(["1": [.accepted(summary: "first"), rejected]])
        let report = try await TeamScheduler(
            workers: ["w"], maxRetries: 1, board: board, runner: runner,
            integrator: RecordingIntegrator(conflictsTimes: ["1": 1])
        ).run()
        #expect(report.resolved == ["1"])
        #expect(await runner.log.map(\.attempt) == [1, 2, 3])
    }

    @Test func aTaskThatConflictsEveryTimeFailsAfterItsBoundedReRuns() async throws {
        let board = MemoryBoard([("1", [])])
        let runner = ScriptedRunner([:])
        let report = try await TeamScheduler(
            workers: ["w"], maxRetries: 5, board: board, runner: runner,
            integrator: RecordingIntegrator(conflicts: ["1"]), maxConflictReruns: 2
        ).run()
        #expect(report.failed == ["1"])
        #expect(await runner.log.count == 3)
        #expect(await board.status("1") == "failed")
    }

    @Test func anInterruptedAttemptHandsItsTaskBack() async throws {
        let board = MemoryBoard([("1", [])])
        let runner = ScriptedRunner(["1": [.interrupted]])
        let report = try await TeamScheduler(
            workers: ["w"], maxRetries: 3, board: board, runner: runner, integrator: RecordingIntegrator(conflicts: [])
        ).run()
        #expect(report.interrupted == ["1"])
        #expect(report.attempts == 1)
        #expect(await board.status("1") == "open")
    }
}
