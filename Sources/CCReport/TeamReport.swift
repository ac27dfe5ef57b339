public import CCCore
public import CCTeam
public import Foundation

/// Everything `ccteam report` shows about one team, built from its records alone (team.json, the
/// task files, every run's meta.json and verify.json, the integration branch). The HTML, Markdown
/// and JSON forms are renderings of this one value, so they never disagree.
public struct TeamReport: Codable, Sendable, Equatable {
    /// The top of the report: what the team was for and how it ended.
    public struct Header: Codable, Sendable, Equatable {
        public var team: String
        public var goal: String
        /// `planning`, `running`, `stopped` or `finished`.
        public var state: String
        public var baseCommit: String
        public var integrationBranch: String
        /// The integration branch's commit now; `nil` when the branch is gone.
        public var integrationTip: String?
        /// From the first run's start to the last one's end (or the report's time while one runs).
        public var startedAt: Date
        public var endedAt: Date
        public var tasks: TaskGraph.Summary
        public var runs: Int
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUSD: Double

        public var wallSeconds: Double { max(0, endedAt.timeIntervalSince(startedAt)) }
        public var tokens: Int { inputTokens + outputTokens }
        /// One phrase: `finished: 2 of 3 tasks resolved, 1 failed`.
        public var outcome: String {
            "\(state): \(tasks.resolved) of \(tasks.total) task\(tasks.total == 1 ? "" : "s") resolved, "
                + "\(tasks.failed) failed"
                + (tasks.open + tasks.inProgress > 0 ? ", \(tasks.open + tasks.inProgress) not done" : "")
        }
    }

    /// How a run ended, as the report colours it.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case running, succeeded
        /// The agent finished but its change failed verification (scope, secrets or tests).
        case rejected
        case failed
        case timedOut = "timed_out"
        case killed
        case budgetExceeded = "budget_exceeded"

        /// Words for people: `rejected by verification`.
        public var label: String {
            switch self {
            case .running: "running"
            case .succeeded: "succeeded"
            case .rejected: "rejected by verification"
            case .failed: "failed"
            case .timedOut: "timed out"
            case .killed: "killed"
            case .budgetExceeded: "over budget"
            }
        }

        public var isFailure: Bool { self != .running && self != .succeeded }
    }

    /// What a run changed, from its verify.json.
    public struct DiffStats: Codable, Sendable, Equatable {
        public struct File: Codable, Sendable, Equatable {
            public var path: String
            public var status: String
            public var linesAdded: Int
            public var linesDeleted: Int
        }
        public var filesChanged: Int
        public var linesAdded: Int
        public var linesDeleted: Int
        public var files: [File]
    }

    /// One agent run: a bar in the timeline and an attempt under its task.
    public struct Run: Codable, Sendable, Equatable {
        public var runId: String
        /// `run-1`, `run-2`, ...: the HTML anchor, never derived from recorded text.
        public var anchor: String
        public var agentId: String
        public var agentType: String
        public var taskId: String?
        /// 1 for a task's first run by this kind of agent, 2 for its retry, ...; `nil` without a task.
        public var attempt: Int?
        public var model: String?
        public var requestedModel: String?
        public var modelWarning: String?
        public var startedAt: Date
        public var endedAt: Date?
        public var durationSeconds: Double
        public var status: RunRecord.Status
        public var outcome: Outcome
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUSD: Double
        /// Verification findings (secrets are masked in the records already).
        public var findings: [Finding]
        public var diff: DiffStats?
        /// The commit the launcher made of the run's work, and the commit that brought it into the
        /// integration branch (the same one when the merge was a fast-forward).
        public var workCommit: String?
        public var mergeCommit: String?
        public var finalText: String?

        public var tokens: Int { inputTokens + outputTokens }
    }

    /// One task and the runs that worked on it.
    public struct Task: Codable, Sendable, Equatable {
        public var id: String
        public var subject: String
        public var description: String
        public var status: TeamTask.Status
        public var blockedBy: [String]
        public var model: String?
        public var comments: [TeamTask.Comment]
        /// Its runs, oldest first.
        public var runIds: [String]
    }

    /// One row of the timeline: an agent and its runs, oldest first.
    public struct Lane: Codable, Sendable, Equatable {
        public var agentId: String
        public var agentType: String
        public var runIds: [String]
    }

    public var header: Header
    public var lanes: [Lane]
    public var tasks: [Task]
    public var runs: [Run]
    public var spending: Spending
    /// Model mismatches and anything the report could not read.
    public var warnings: [String]
    /// When the report was made.
    public var generatedAt: Date

    /// A run by id.
    public func run(_ id: String) -> Run? { runs.first { $0.runId == id } }

    /// Failed tasks first, then the rest by id (numerically).
    public var tasksFailuresFirst: [Task] {
        tasks.sorted { left, right in
            let (l, r) = (left.status == .failed, right.status == .failed)
            if l != r { return l }
            return (Int(left.id) ?? .max, left.id) < (Int(right.id) ?? .max, right.id)
        }
    }

    /// Runs that did not succeed, oldest first.
    public var failedRuns: [Run] { runs.filter(\.outcome.isFailure) }
}
