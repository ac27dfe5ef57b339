public import CCCore
import CCGit
import CCVerify
public import Foundation

/// Runs attempts at tasks for the scheduler: a clean worktree, the agent, the checks, the commit.
public struct WorkerRunner: AttemptRunner {
    public var runtime: TeamRuntime

    public init(runtime: TeamRuntime) {
        self.runtime = runtime
    }

    public func attempt(_ task: WorkItem, worker: String, number: Int, feedback: [Finding]) async -> AttemptOutcome {
        do {
            return try await attemptOrThrow(task, worker: worker, number: number, feedback: feedback)
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            runtime.monitor.update(worker, line: "#\(task.id) could not run: \(message)") { $0.state = .failed }
            return .rejected(
                reason: message, findings: [Finding(rule: "run.error", kind: .run, message: message)])
        }
    }

    private func attemptOrThrow(
        _ task: WorkItem, worker: String, number: Int, feedback: [Finding]
    ) async throws -> AttemptOutcome {
        let monitor = runtime.monitor
        if await runtime.budget.isExhausted {
            monitor.update(worker, line: "#\(task.id) not started: the team's budget is spent") { $0.state = .stopped }
            return .interrupted
        }
        let git = runtime.git
        let (worktree, base) = try await offload { try git.prepareWorktree(for: worker) }
        if let include = runtime.config.include, !include.isEmpty {
            try IncludedFiles(include).copy(from: runtime.root, into: URL(fileURLWithPath: worktree))
        }
        let runID = runtime.newRunID(agent: worker, task: task.id)
        let identity = Identity(
            team: runtime.config.team, agentID: worker, agentType: .worker,
            agentName: worker.replacingOccurrences(of: "-", with: " ").capitalized, runID: runID, taskID: task.id,
            root: runtime.root.path)
        let prompt = try runtime.composer.worker(
            task: task, identity: identity, worktree: worktree, attempt: number, feedback: feedback,
            testCommand: runtime.config.testCommand)
        monitor.update(worker, line: "#\(task.id) \(task.subject) — attempt \(number), run \(runID)") {
            $0 = WorkerStatus(
                agentID: worker, taskID: task.id, taskSubject: task.subject, state: number > 1 ? .retrying : .running,
                startedAt: Date(), tokens: $0.tokens, costUSD: $0.costUSD, lastAction: "starting")
        }
        let run = try await runtime.runAgent(
            identity: identity, prompt: prompt, worktree: worktree, baseCommit: base.hex, scope: task.scope,
            // --model overrides every worker; else the model the plan or the lead gave the task.
            model: runtime.config.settings.tiers.model(
                asked: runtime.config.model ?? task.model, role: runtime.composer.workerRole,
                in: runtime.composer.pack),
            timeoutSeconds: runtime.config.taskTimeoutSeconds)
        defer { run.sandbox.remove() }
        let (record, result) = (run.record, run.result)
        // Before anything opens the worktree as a repository again.
        try git.restoreWorktreeLink(for: worker)

        if Task.isCancelled || record.status == .killed {
            try await offload { try git.rollBack(worker, to: base) }
            monitor.update(worker, line: "#\(task.id) stopped; task handed back") { $0.state = .stopped }
            return .interrupted
        }
        let denials = result?.permissionDenials ?? []
        if !denials.isEmpty {
            monitor.update(worker, line: "#\(task.id) refused tool calls: " + denials.joined(separator: "; ")) { _ in }
        }
        guard record.status == .succeeded else {
            try await offload { try git.rollBack(worker, to: base) }
            let detail = record.finalText.map { ": " + Self.firstLine($0) } ?? ""
            let reason = "the agent's run ended '\(record.status.rawValue)'\(detail)"
            monitor.update(worker, line: "#\(task.id) \(reason)") { $0.state = .failed }
            return .rejected(
                reason: reason, findings: [Finding(rule: "run.\(record.status.rawValue)", kind: .run, message: reason)])
        }

        monitor.update(worker, line: "#\(task.id) verifying") { $0.state = .verifying }
        let request = RunRequest(
            runID: record.runId, policyFile: runtime.policyFile,
            test: runtime.config.testCommand.map {
                // The tests run the agent's code: confined the same way, in the run's private folder.
                TestRequest(
                    command: $0, confinement: runtime.confined ? run.sandbox.confinement(worktree: worktree) : nil,
                    environment: run.sandbox.environment)
            }, stateRoot: runtime.root)
        let report = try await offload { try Verification.run(request) }
        runtime.recordVerification(report, runID: record.runId, worktree: worktree)
        let errors = report.findings.filter { $0.severity == .error }
        guard report.passed else {
            try await offload { try git.rollBack(worker, to: base) }
            let rules = Set(errors.map(\.rule)).sorted().joined(separator: ", ")
            let reason = "verification failed: \(errors.count) finding\(errors.count == 1 ? "" : "s") (\(rules))"
            monitor.update(worker, line: "#\(task.id) \(reason); rolled back") { $0.state = .failed }
            return .rejected(reason: reason, findings: errors)
        }
        let message = "Task \(task.id): \(task.subject)\n\nRun \(record.runId) by \(worker), attempt \(number).\n"
        let commit = try await offload { try git.commitWork(of: worker, message: message) }
        monitor.update(
            worker,
            line: "#\(task.id) passed verification" + (commit.map { ", committed \($0.short)" } ?? ", no changes")
        ) {
            $0.state = .merging
        }
        return .accepted(summary: "run \(record.runId)" + (commit.map { ", commit \($0.short)" } ?? ", no changes"))
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 160 ? String(line.prefix(159)) + "…" : line
    }
}
