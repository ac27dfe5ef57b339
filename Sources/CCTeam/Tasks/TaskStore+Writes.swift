public import CCCore
import Foundation

/// A change to a task, as `ccteam tasks update` and the `TaskUpdate` tool express it.
public struct TaskChange: Sendable, Equatable {
    public var subject: String?
    public var description: String?
    public var status: TeamTask.Status?
    /// `.some(nil)` clears the owner.
    public var owner: String??
    public var addComments: [TeamTask.Comment]
    public var addBlockedBy: [String]
    public var addBlocks: [String]
    public var removeBlockedBy: [String]
    public var removeBlocks: [String]
    public var scope: [String]?

    public init(
        subject: String? = nil, description: String? = nil, status: TeamTask.Status? = nil,
        owner: String?? = nil, addComments: [TeamTask.Comment] = [], addBlockedBy: [String] = [],
        addBlocks: [String] = [], removeBlockedBy: [String] = [], removeBlocks: [String] = [],
        scope: [String]? = nil
    ) {
        self.subject = subject
        self.description = description
        self.status = status
        self.owner = owner
        self.addComments = addComments
        self.addBlockedBy = addBlockedBy
        self.addBlocks = addBlocks
        self.removeBlockedBy = removeBlockedBy
        self.removeBlocks = removeBlocks
        self.scope = scope
    }
}

/// A successful claim: the task as it now stands and the fencing token every later write about
/// this claim must carry.
public struct TaskClaim: Sendable, Equatable {
    public var task: TeamTask
    public var token: UInt64
}

extension TaskStore {
    /// Creates a task with the next id; its blockers learn that they block it.
    @discardableResult
    public func create(
        subject: String, description: String = "", blockedBy: [String] = [], scope: [String] = [],
        model: String? = nil
    ) throws(TaskStoreError) -> TeamTask {
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty else { throw .emptySubject }
        return try transaction { tx throws(TaskStoreError) in
            var blockers: [TeamTask] = []
            for id in unique(blockedBy) { blockers.append(try tx.task(id)) }
            var number = tx.index.nextID
            while FileManager.default.fileExists(atPath: path(for: String(number))) { number += 1 }
            let id = String(number)
            tx.index.nextID = number + 1
            for var blocker in blockers {
                blocker.blocks.append(id)
                tx.put(blocker)
            }
            let task = TeamTask(
                id: id, subject: subject, description: description, blockedBy: blockers.map(\.id),
                scope: unique(scope), model: model.flatMap { $0.isEmpty ? nil : $0 }, createdAt: tx.now)
            tx.put(task)
            return try tx.task(id)
        }
    }

    /// Applies `change` to task `id`. `authorize` runs under the lock with the task as it stands,
    /// so a permission check and the write it guards cannot be split by another writer.
    @discardableResult
    public func update(
        _ id: String, _ change: TaskChange, authorize: ((TeamTask) throws -> Void)? = nil
    ) throws -> TeamTask {
        var refusal: (any Error)?
        let result = try transaction { tx throws(TaskStoreError) -> TeamTask? in
            var task = try tx.task(id)
            if let authorize {
                do { try authorize(task) } catch {
                    refusal = error
                    return nil
                }
            }
            if let subject = change.subject {
                let trimmed = subject.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { throw .emptySubject }
                task.subject = trimmed
            }
            if let description = change.description { task.description = description }
            if let owner = change.owner { task.owner = owner }
            if let status = change.status, status != task.status {
                task.status = status
                // Reopening ends any claim: the old holder's token must no longer write.
                if status == .open { task.lease = nil }
            }
            if let scope = change.scope { task.scope = unique(scope) }
            task.comments += change.addComments
            tx.put(task)
            for blocker in unique(change.addBlockedBy) { try addDependency(tx, blocker: blocker, blocked: id) }
            for blocked in unique(change.addBlocks) { try addDependency(tx, blocker: id, blocked: blocked) }
            for blocker in unique(change.removeBlockedBy) { try removeDependency(tx, blocker: blocker, blocked: id) }
            for blocked in unique(change.removeBlocks) { try removeDependency(tx, blocker: id, blocked: blocked) }
            return try tx.task(id)
        }
        if let refusal { throw refusal }
        return result!
    }

    /// Claims task `id`, or the lowest-numbered ready task when `id` is `nil` (returning `nil`
    /// when none is ready), for `owner` for `leaseSeconds`. With `preferring`, the lowest-numbered
    /// ready task it accepts is taken first, any ready task when it accepts none.
    public func claim(
        _ id: String? = nil, owner: String, leaseSeconds: Double, preferring: ((TeamTask) -> Bool)? = nil
    ) throws(TaskStoreError) -> TaskClaim? {
        guard leaseSeconds > 0, leaseSeconds.isFinite else { throw .invalidLease(leaseSeconds) }
        return try transaction { tx throws(TaskStoreError) -> TaskClaim? in
            tx.durable = false
            var chosen: TeamTask?
            if let id {
                let task = try tx.task(id)
                guard task.status == .open else { throw .notClaimable(id: id, status: task.status) }
                let waiting = task.blockedBy.filter { tx.index[$0]?.status != .resolved }
                guard waiting.isEmpty else { throw .notReady(id: id, waitingFor: waiting) }
                chosen = task
            } else {
                for entry in tx.index.entries where tx.index.isReady(entry) {
                    let task = try tx.task(entry.id)
                    // The index agrees with the file unless someone edited the file by hand.
                    if task.status == .open && task.blockedBy.map({ UInt64($0) }) == entry.blockers.map({ $0 }) {
                        chosen = chosen ?? task
                        if preferring?(task) ?? true {
                            chosen = task
                            break
                        }
                        continue
                    }
                    tx.put(task)
                }
            }
            guard var task = chosen else { return nil }
            // Past both the store's counter and this task's own last token, so tokens stay
            // monotonic per task even if the index were ever rebuilt from older state.
            let token = max(tx.index.lastToken, task.fence ?? 0) + 1
            tx.index.lastToken = token
            task.status = .inProgress
            task.owner = owner
            task.lease = .init(owner: owner, token: token, expiresAt: tx.now.addingTimeInterval(leaseSeconds))
            task.fence = token
            tx.put(task)
            return TaskClaim(task: try tx.task(task.id), token: token)
        }
    }

    /// Extends a claim's lease to `leaseSeconds` from now.
    @discardableResult
    public func renew(_ id: String, token: UInt64, leaseSeconds: Double) throws(TaskStoreError) -> TeamTask {
        guard leaseSeconds > 0, leaseSeconds.isFinite else { throw .invalidLease(leaseSeconds) }
        return try withClaim(id, token: token, durable: false) { task, now in
            task.lease?.expiresAt = now.addingTimeInterval(leaseSeconds)
        }
    }

    /// Gives a claimed task back: it is open again, without an owner.
    @discardableResult
    public func release(_ id: String, token: UInt64, comment: TeamTask.Comment? = nil) throws(TaskStoreError)
        -> TeamTask
    {
        try endClaim(id, token: token, as: .open, comment: comment)
    }

    /// Marks a claimed task resolved, ending the claim.
    @discardableResult
    public func resolve(_ id: String, token: UInt64, comment: TeamTask.Comment? = nil) throws(TaskStoreError)
        -> TeamTask
    {
        try endClaim(id, token: token, as: .resolved, comment: comment)
    }

    /// Marks a claimed task failed, ending the claim.
    @discardableResult
    public func fail(_ id: String, token: UInt64, comment: TeamTask.Comment? = nil) throws(TaskStoreError)
        -> TeamTask
    {
        try endClaim(id, token: token, as: .failed, comment: comment)
    }

    /// Ends a claim with `status`; a task given back (open) also loses its owner, while a finished
    /// one keeps it as the record of who did the work.
    private func endClaim(_ id: String, token: UInt64, as status: TeamTask.Status, comment: TeamTask.Comment?)
        throws(TaskStoreError) -> TeamTask
    {
        try withClaim(id, token: token) { task, _ in
            task.status = status
            task.lease = nil
            if status == .open { task.owner = nil }
            if let comment { task.comments.append(comment) }
        }
    }

    /// Adds a comment under a claim, refused when the claim is no longer current.
    @discardableResult
    public func comment(_ id: String, token: UInt64, _ comment: TeamTask.Comment) throws(TaskStoreError) -> TeamTask {
        try withClaim(id, token: token) { task, _ in task.comments.append(comment) }
    }

    private func withClaim(
        _ id: String, token: UInt64, durable: Bool = true, _ change: (inout TeamTask, Date) -> Void
    ) throws(TaskStoreError) -> TeamTask {
        try transaction { tx throws(TaskStoreError) in
            tx.durable = durable
            var task = try tx.task(id)
            guard let lease = task.lease, lease.token == token else {
                throw .staleToken(id: id, token: token, current: task.lease?.token)
            }
            change(&task, tx.now)
            tx.put(task)
            return try tx.task(id)
        }
    }

    /// Deletes a task and every reference to it from other tasks.
    public func delete(_ id: String) throws(TaskStoreError) {
        try transaction { tx throws(TaskStoreError) in
            let task = try tx.task(id)
            for other in Set(task.blocks + task.blockedBy) where other != id {
                guard let entry = tx.index[other], !entry.archived else { continue }
                var neighbour = try tx.task(other)
                neighbour.blocks.removeAll { $0 == id }
                neighbour.blockedBy.removeAll { $0 == id }
                tx.put(neighbour)
            }
            tx.delete(id)
        }
    }

    /// Moves a finished task to `tasks/archive/`; references to it stay, and an archived resolved
    /// task still counts as resolved for the tasks it blocked.
    public func archive(_ id: String) throws(TaskStoreError) {
        try transaction { tx throws(TaskStoreError) in
            let task = try tx.task(id)
            guard task.status.isTerminal else { throw .cannotArchive(id: id, status: task.status) }
            tx.archive(id)
        }
    }

    /// Archives every resolved or failed task; returns their ids.
    @discardableResult
    public func clean() throws(TaskStoreError) -> [String] {
        try transaction { tx throws(TaskStoreError) in
            let finished = tx.index.entries.filter { !$0.archived && $0.status.isTerminal }.map(\.id)
            for id in finished { tx.archive(id) }
            return finished
        }
    }

    // MARK: Dependencies

    private func addDependency(_ tx: TaskTransaction, blocker: String, blocked: String) throws(TaskStoreError) {
        guard blocker != blocked else { throw .selfDependency(blocked) }
        var blockerTask = try tx.task(blocker)
        var blockedTask = try tx.task(blocked)
        guard !blockedTask.blockedBy.contains(blocker) else { return }
        // The new edge blocker → blocked closes a cycle when blocked already reaches blocker.
        if let path = TaskGraph.path(from: blocked, to: blocker, blocks: tx.index.blocksGraph()) {
            throw .dependencyCycle([blocker] + path)
        }
        blockedTask.blockedBy.append(blocker)
        if !blockerTask.blocks.contains(blocked) { blockerTask.blocks.append(blocked) }
        tx.put(blockedTask)
        tx.put(blockerTask)
    }

    private func removeDependency(_ tx: TaskTransaction, blocker: String, blocked: String) throws(TaskStoreError) {
        var blockerTask = try tx.task(blocker)
        var blockedTask = try tx.task(blocked)
        blockedTask.blockedBy.removeAll { $0 == blocker }
        blockerTask.blocks.removeAll { $0 == blocked }
        tx.put(blockedTask)
        tx.put(blockerTask)
    }
}

/// The elements of `items` in their first order, without repeats.
func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}
