public import Foundation

/// What the team is doing right now, fed by the scheduler and the agents' event streams, read by
/// the live display. Updates come from many threads (each agent's supervisor), hence the lock.
public final class TeamMonitor: @unchecked Sendable {
    // Sendable: every access to the mutable state goes through the lock.
    private let lock = NSLock()
    private var rows: [String: WorkerStatus]
    private let order: [String]
    private var log: [String] = []
    /// Called with each notable step as a plain line (for non-terminal output and the event log).
    private let onLine: @Sendable (String) -> Void

    public init(workers: [String], onLine: @escaping @Sendable (String) -> Void = { _ in }) {
        order = workers
        rows = Dictionary(uniqueKeysWithValues: workers.map { ($0, WorkerStatus(agentID: $0)) })
        self.onLine = onLine
    }

    /// The rows in worker order.
    public var snapshot: [WorkerStatus] { lock.withLock { order.compactMap { rows[$0] } } }

    /// Totals over every run so far: tokens and cost.
    public var totals: (tokens: Int, costUSD: Double) {
        lock.withLock { (spentTokens, spentUSD) }
    }
    private var spentTokens = 0
    private var spentUSD = 0.0

    /// Changes one worker's row and reports `line` when given.
    public func update(_ worker: String, line: String? = nil, _ change: (inout WorkerStatus) -> Void) {
        lock.withLock {
            var row = rows[worker] ?? WorkerStatus(agentID: worker)
            change(&row)
            switch row.state {
            case .done, .failed, .stopped: row.finishedAt = row.finishedAt ?? Date()
            default: row.finishedAt = nil
            }
            rows[worker] = row
        }
        if let line { onLine("\(worker): \(line)") }
    }

    /// Adds a finished run's usage to the totals.
    public func charge(tokens: Int, costUSD: Double) {
        lock.withLock {
            spentTokens += tokens
            spentUSD += costUSD
        }
    }

    /// Feeds one of an agent's events into its row: the last action, and usage when the run ends.
    public func observe(_ event: AgentEvent, from worker: String) {
        switch event {
        case .assistant(_, let uses) where !uses.isEmpty:
            let action = uses.map { use in use.summary.map { "\(use.name) \($0)" } ?? use.name }.joined(separator: "; ")
            update(worker, line: action) { $0.lastAction = action }
        case .apiRetry(let attempt, let error):
            let text = "API retry" + (attempt.map { " \($0)" } ?? "") + (error.map { ": \($0)" } ?? "")
            update(worker, line: text) { $0.lastAction = text }
        case .result(let result):
            update(worker) {
                $0.tokens += result.inputTokens + result.outputTokens
                $0.costUSD += result.costUSD
            }
        default:
            break
        }
    }

    /// Reports a line that belongs to no worker (planning, merges, the end).
    public func note(_ line: String) { onLine(line) }
}
