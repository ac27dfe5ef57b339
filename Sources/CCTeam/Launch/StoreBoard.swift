public import CCCore
import Foundation

/// The scheduler's view of the team's task store: claims carry leases that this board keeps
/// renewing while the launcher lives, so a launcher killed outright gives its tasks back once the
/// leases lapse, and `ccteam resume` picks them up again.
public actor StoreBoard: TaskBoard {
    public let store: TaskStore
    /// How long a claim lives without renewal.
    public let leaseSeconds: Double
    private var tokens: [String: UInt64] = [:]
    private var renewal: Task<Void, Never>?

    public init(store: TaskStore, leaseSeconds: Double = 120) {
        self.store = store
        self.leaseSeconds = leaseSeconds
    }

    /// Starts renewing every held lease at a third of its length; stops when the board is closed.
    public func startRenewing() {
        guard renewal == nil else { return }
        let interval = leaseSeconds / 3
        renewal = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                await self?.renewAll()
            }
        }
    }

    /// Stops renewing; held claims lapse on their own unless resolved or released first.
    public func close() {
        renewal?.cancel()
        renewal = nil
    }

    /// The ids of the tasks this board holds claims on.
    public var claimedTaskIDs: [String] { tokens.keys.sorted { Int($0) ?? 0 < Int($1) ?? 0 } }

    func renewAll() {
        for (id, token) in tokens {
            // A refused renewal means the claim was lost (the lease lapsed while the machine slept):
            // forget it, so the scheduler's later write is refused by the store rather than forced.
            if (try? store.renew(id, token: token, leaseSeconds: leaseSeconds)) == nil { tokens[id] = nil }
        }
    }

    public func claimNext(for worker: String, avoiding running: [WorkItem]) throws -> WorkItem? {
        let busy = running.map(\.scope)
        let claim = try store.claim(owner: worker, leaseSeconds: leaseSeconds) { task in
            !busy.contains { ScopeOverlap.mayOverlap(task.scope, $0) }
        }
        guard let claim else { return nil }
        tokens[claim.task.id] = claim.token
        return WorkItem(
            id: claim.task.id, subject: claim.task.subject, description: claim.task.description,
            scope: claim.task.scope,
            model: claim.task.model)
    }

    public func resolve(_ task: WorkItem, by worker: String, note: String) throws {
        try store.resolve(task.id, token: try token(task), comment: comment(worker, note))
        tokens[task.id] = nil
    }

    public func fail(_ task: WorkItem, by worker: String, note: String) throws {
        try store.fail(task.id, token: try token(task), comment: comment(worker, note))
        tokens[task.id] = nil
    }

    public func release(_ task: WorkItem, by worker: String) throws {
        try store.release(
            task.id, token: try token(task), comment: comment(worker, "handed back: the team was stopped"))
        tokens[task.id] = nil
    }

    public func comment(on task: WorkItem, by worker: String, _ text: String) throws {
        try store.comment(task.id, token: try token(task), comment(worker, text))
    }

    private func token(_ task: WorkItem) throws -> UInt64 {
        guard let token = tokens[task.id] else {
            throw ToolError(
                "the claim on task \(task.id) was lost (its lease lapsed)",
                help: "another run may have taken the task; see 'ccteam tasks show \(task.id)'", exitStatus: .failure)
        }
        return token
    }

    private func comment(_ author: String, _ text: String) -> TeamTask.Comment {
        TeamTask.Comment(author: author, content: text, at: Date())
    }
}
