public import CCCore

/// A task as the scheduler sees it: enough to prompt a worker and check its work.
public struct WorkItem: Sendable, Equatable {
    public var id: String
    public var subject: String
    public var description: String
    public var scope: [String]
    /// The model the task asks for, if any.
    public var model: String?

    public init(id: String, subject: String, description: String, scope: [String], model: String? = nil) {
        self.id = id
        self.subject = subject
        self.description = description
        self.scope = scope
        self.model = model
    }
}

/// Where the scheduler takes tasks from and reports what became of them (the team's task store).
public protocol TaskBoard: Sendable {
    /// Claims one ready task for `worker`, or returns `nil` when none is ready now; prefers one
    /// whose scope overlaps none of the `running` tasks' (two workers editing the same paths
    /// conflict at merge time).
    func claimNext(for worker: String, avoiding running: [WorkItem]) async throws -> WorkItem?
    /// Marks a claimed task resolved.
    func resolve(_ task: WorkItem, by worker: String, note: String) async throws
    /// Marks a claimed task failed for good.
    func fail(_ task: WorkItem, by worker: String, note: String) async throws
    /// Hands a claimed task back unfinished, so a later run (or `ccteam resume`) can take it.
    func release(_ task: WorkItem, by worker: String) async throws
    /// Adds a comment (for example the findings that sent a task back for another attempt).
    func comment(on task: WorkItem, by worker: String, _ text: String) async throws
}

/// What one attempt at a task came to, after the agent ran and its work was checked.
public enum AttemptOutcome: Sendable, Equatable {
    /// The work passed every check and is committed on the worker's branch.
    case accepted(summary: String)
    /// The agent failed or its work failed a check; the worktree was rolled back.
    case rejected(reason: String, findings: [Finding])
    /// The launcher is stopping: the task goes back to the board untouched.
    case interrupted
}

/// Runs one attempt at a task in a worker's worktree: reset, prompt, supervise, verify, commit.
public protocol AttemptRunner: Sendable {
    func attempt(_ task: WorkItem, worker: String, number: Int, feedback: [Finding]) async -> AttemptOutcome
}

/// Folds accepted work into the integration branch, one merge at a time.
public protocol Integrator: Sendable {
    /// Merges the worker's branch; a conflict is returned as a reason, and changes nothing. Throws
    /// (``TamperDetected``) when the repository was changed behind the launcher: the team stops.
    func integrate(_ task: WorkItem, from worker: String) async throws -> Result<String, IntegrationConflict>
}

/// A merge that could not be made.
public struct IntegrationConflict: Error, Sendable, Equatable {
    public var paths: [String]
    public init(paths: [String]) { self.paths = paths }
}

/// What happened to the team's tasks, for the summary and the exit status.
public struct ScheduleReport: Sendable, Equatable {
    public var resolved: [String] = []
    public var failed: [String] = []
    /// Tasks handed back unfinished because the launcher was stopped.
    public var interrupted: [String] = []
    public var attempts = 0

    public init() {}
}

/// Hands ready tasks to idle workers, at most `workers` at once, retries rejected work with its
/// findings, and merges accepted work one merge at a time.
///
/// Dependents of a failed task never become ready, so they are never started. The scheduler stops
/// when no task is running and none is ready, or when its task is cancelled (then every running
/// attempt is interrupted and its task handed back).
public struct TeamScheduler: Sendable {
    public var workers: [String]
    /// Attempts allowed beyond the first.
    public var maxRetries: Int
    /// Re-runs at the new integration tip allowed after merges that conflict, counted apart from
    /// `maxRetries`: a conflict between honest workers is the normal case in a team, not a fault.
    public var maxConflictReruns: Int
    public var board: any TaskBoard
    public var runner: any AttemptRunner
    public var integrator: any Integrator
    /// Told about every step, for the live status and the event log.
    public var observe: @Sendable (ScheduleEvent) -> Void

    public init(
        workers: [String], maxRetries: Int, board: any TaskBoard, runner: any AttemptRunner,
        integrator: any Integrator, maxConflictReruns: Int = 3,
        observe: @escaping @Sendable (ScheduleEvent) -> Void = { _ in }
    ) {
        self.workers = workers
        self.maxRetries = maxRetries
        self.maxConflictReruns = maxConflictReruns
        self.board = board
        self.runner = runner
        self.integrator = integrator
        self.observe = observe
    }

    private struct Finished: Sendable {
        var worker: String
        var task: WorkItem
        var attempt: Int
        /// How many of the attempts so far were re-runs after a conflict.
        var conflicts: Int
        var outcome: AttemptOutcome
    }

    private struct Retry {
        var task: WorkItem
        var worker: String
        var attempt: Int
        var conflicts: Int
        var feedback: [Finding]
    }

    /// Runs until the board has nothing ready and no attempt is in flight.
    public func run() async throws -> ScheduleReport {
        var report = ScheduleReport()
        var idle = workers
        var retries: [Retry] = []
        var inFlight: [String: WorkItem] = [:]
        try await withThrowingTaskGroup(of: Finished.self) { group in
            var running = 0
            func start(_ task: WorkItem, _ worker: String, _ attempt: Int, _ conflicts: Int, _ feedback: [Finding]) {
                running += 1
                inFlight[task.id] = task
                report.attempts += 1
                observe(.started(task: task, worker: worker, attempt: attempt))
                group.addTask {
                    let outcome = await runner.attempt(task, worker: worker, number: attempt, feedback: feedback)
                    return Finished(
                        worker: worker, task: task, attempt: attempt, conflicts: conflicts, outcome: outcome)
                }
            }
            while true {
                // A retry keeps its worker, whose worktree holds the context of the last attempt's failure.
                while let retry = retries.popLast() {
                    start(retry.task, retry.worker, retry.attempt, retry.conflicts, retry.feedback)
                }
                while !Task.isCancelled, let worker = idle.first,
                    let task = try await board.claimNext(for: worker, avoiding: Array(inFlight.values))
                {
                    idle.removeFirst()
                    start(task, worker, 1, 0, [])
                }
                guard running > 0, let done = try await group.next() else { break }
                running -= 1
                inFlight[done.task.id] = nil
                switch done.outcome {
                case .accepted:
                    switch try await integrator.integrate(done.task, from: done.worker) {
                    case .success(let summary):
                        try await board.resolve(done.task, by: done.worker, note: summary)
                        report.resolved.append(done.task.id)
                        observe(.resolved(task: done.task, worker: done.worker))
                        idle.append(done.worker)
                    case .failure(let conflict):
                        let finding = Finding(
                            rule: "merge.conflict", kind: .run,
                            message: "merging into the integration branch conflicts in "
                                + conflict.paths.joined(separator: ", ")
                                + "; other tasks changed these paths since your attempt began: redo the change"
                                + " on top of their work, which is in your worktree now")
                        if done.conflicts < maxConflictReruns && !Task.isCancelled {
                            let reason = "merge conflict in \(conflict.paths.joined(separator: ", "))"
                            try await board.comment(
                                on: done.task, by: done.worker,
                                "attempt \(done.attempt): \(reason); re-running at the new integration tip"
                                    + " (conflict re-run \(done.conflicts + 1) of \(maxConflictReruns))")
                            observe(.retrying(task: done.task, worker: done.worker, reason: reason))
                            retries.append(
                                Retry(
                                    task: done.task, worker: done.worker, attempt: done.attempt + 1,
                                    conflicts: done.conflicts + 1, feedback: [finding]))
                        } else {
                            try await fail(done, reason: "merge conflict, \(maxConflictReruns) re-runs later")
                        }
                    }
                case .rejected(let reason, let findings):
                    try await reject(done, reason: reason, findings: findings)
                case .interrupted:
                    try await board.release(done.task, by: done.worker)
                    report.interrupted.append(done.task.id)
                    observe(.interrupted(task: done.task, worker: done.worker))
                }
            }

            func reject(_ done: Finished, reason: String, findings: [Finding]) async throws {
                // Conflict re-runs do not use up the retries.
                if done.attempt - done.conflicts <= maxRetries && !Task.isCancelled {
                    try await board.comment(
                        on: done.task, by: done.worker, "attempt \(done.attempt) rejected: \(reason)")
                    observe(.retrying(task: done.task, worker: done.worker, reason: reason))
                    retries.append(
                        Retry(
                            task: done.task, worker: done.worker, attempt: done.attempt + 1, conflicts: done.conflicts,
                            feedback: findings))
                } else {
                    try await fail(done, reason: reason)
                }
            }

            func fail(_ done: Finished, reason: String) async throws {
                try await board.fail(done.task, by: done.worker, note: reason)
                report.failed.append(done.task.id)
                observe(.failed(task: done.task, worker: done.worker, reason: reason))
                idle.append(done.worker)
            }
        }
        return report
    }
}

/// One step of the schedule, as the live status and the event log see it.
public enum ScheduleEvent: Sendable, Equatable {
    case started(task: WorkItem, worker: String, attempt: Int)
    case retrying(task: WorkItem, worker: String, reason: String)
    case resolved(task: WorkItem, worker: String)
    case failed(task: WorkItem, worker: String, reason: String)
    case interrupted(task: WorkItem, worker: String)
}
