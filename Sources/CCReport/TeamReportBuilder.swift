public import CCCore
public import CCTeam
import CCVerify
public import Foundation

extension TeamReport {
    /// Builds the report of the team at `location` from its files as they are at `now`.
    public static func load(_ location: TeamLocation, now: Date = Date()) throws -> TeamReport {
        let config = try TeamConfig.load(root: location.root, team: location.team)
        let graph = try location.store().graph(includeArchived: true)
        let records = TeamRuns(root: location.root).runs(ofTeam: location.team)
        var warnings: [String] = []
        let verifyStore = RunStore(root: location.root)
        let verifications = Dictionary(
            uniqueKeysWithValues: records.map { record -> (String, VerifyReport?) in
                do {
                    return (record.runId, try verifyStore.loadReport(record.runId))
                } catch {
                    warnings.append("run \(record.runId): \((error as? any UserFacingError)?.message ?? "\(error)")")
                    return (record.runId, nil)
                }
            })
        let history = IntegrationHistory(
            root: location.root, branch: config.integrationBranch, base: config.baseCommit,
            runIDs: records.map(\.runId))
        let runs: [Run] = numbered(records).enumerated().map { index, numbered in
            Run(
                numbered.record, anchor: "run-\(index + 1)", attempt: numbered.attempt,
                verification: verifications[numbered.record.runId] ?? nil, history: history, now: now)
        }
        warnings =
            runs.compactMap { run in run.modelWarning.map { "run \(run.runId) (\(run.agentId)): \($0)" } }
            + warnings
        let tasks = graph.tasks.map(\.task).map { task in
            Task(
                id: task.id, subject: task.subject, description: task.description, status: task.status,
                blockedBy: task.blockedBy, model: task.model, comments: task.comments,
                runIds: runs.filter { $0.taskId == task.id }.map(\.runId))
        }
        let header = Header(
            team: config.team, goal: config.goal, state: config.state.rawValue, baseCommit: config.baseCommit,
            integrationBranch: config.integrationBranch, integrationTip: history.tip,
            startedAt: runs.map(\.startedAt).min() ?? config.createdAt,
            endedAt: runs.contains { $0.endedAt == nil } ? now : (runs.compactMap(\.endedAt).max() ?? now),
            tasks: graph.summary, runs: runs.count, inputTokens: runs.reduce(0) { $0 + $1.inputTokens },
            outputTokens: runs.reduce(0) { $0 + $1.outputTokens }, costUSD: runs.reduce(0) { $0 + $1.costUSD })
        return TeamReport(
            header: header, lanes: lanes(runs), tasks: tasks, runs: runs, spending: Spending(runs: records),
            warnings: warnings, generatedAt: now)
    }

    /// Each record with its attempt number: the how-manieth run of its kind of agent on its task.
    static func numbered(_ records: [RunRecord]) -> [(record: RunRecord, attempt: Int?)] {
        var counts: [String: Int] = [:]
        return records.map { record in
            guard let task = record.taskId else { return (record, nil) }
            let key = record.agentType + "\u{0}" + task
            counts[key, default: 0] += 1
            return (record, counts[key])
        }
    }

    /// One lane per agent that ran, lead first, then workers, then any other kind (reviewers).
    static func lanes(_ runs: [Run]) -> [Lane] {
        let byAgent = Dictionary(grouping: runs, by: \.agentId)
        return byAgent.keys.sorted(by: TeamStatus.agentPrecedes).map { id in
            let own = byAgent[id] ?? []
            return Lane(agentId: id, agentType: own.first?.agentType ?? "", runIds: own.map(\.runId))
        }
    }
}

extension TeamReport.Run {
    init(
        _ record: RunRecord, anchor: String, attempt: Int?, verification: VerifyReport?, history: IntegrationHistory,
        now: Date
    ) {
        self.init(
            runId: record.runId, anchor: anchor, agentId: record.agentId, agentType: record.agentType,
            taskId: record.taskId, attempt: attempt, model: record.model, requestedModel: record.requestedModel,
            modelWarning: record.modelMismatch, startedAt: record.startedAt, endedAt: record.endedAt,
            durationSeconds: max(0, (record.endedAt ?? now).timeIntervalSince(record.startedAt)),
            status: record.status, outcome: Self.outcome(record.status, verification: verification),
            inputTokens: record.usage.inputTokens, outputTokens: record.usage.outputTokens,
            costUSD: record.usage.costUSD, findings: verification?.findings ?? [],
            diff: verification.map(Self.diff), workCommit: history.workCommits[record.runId],
            mergeCommit: history.mergeCommits[record.runId], finalText: record.finalText)
    }

    static func outcome(_ status: RunRecord.Status, verification: VerifyReport?) -> TeamReport.Outcome {
        switch status {
        case .running: .running
        case .succeeded: verification?.passed == false ? .rejected : .succeeded
        case .failed: .failed
        case .timedOut: .timedOut
        case .killed: .killed
        case .budgetExceeded: .budgetExceeded
        }
    }

    static func diff(_ report: VerifyReport) -> TeamReport.DiffStats {
        TeamReport.DiffStats(
            filesChanged: report.summary.filesChanged, linesAdded: report.summary.linesAdded,
            linesDeleted: report.summary.linesDeleted,
            files: report.changes.map {
                .init(
                    path: $0.path, status: $0.status.rawValue, linesAdded: $0.linesAdded, linesDeleted: $0.linesDeleted)
            })
    }
}
