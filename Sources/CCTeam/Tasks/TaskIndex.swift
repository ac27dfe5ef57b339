import CCCore
import Foundation

/// The store's private summary of every task (`tasks/.index`), read and changed under the lock.
///
/// It holds the two counters (next id, last fencing token) and, per task, just what claims and
/// cycle checks need (status, lease expiry, `blockedBy`), so a claim reads one small file instead
/// of every task. The task files stay the source of truth: each write first records the ids it is
/// about to touch in `pending`; whoever takes the lock next re-reads those files, so a writer killed
/// between the index and the task files leaves nothing stale behind. A missing or unreadable index
/// is rebuilt from the files (counters from the highest id and the highest `fence`).
///
/// The index is a cache of the (fsynced) task files, so it is written without fsync: it records
/// the boot it was written in, and an index from an earlier boot — possibly missing writes lost in
/// a crash of the machine — is rebuilt from the files. (A killed process loses nothing: its
/// writes are in the page cache.) Where the boot cannot be told, the index is fsynced too.
///
/// On disk it is a snapshot followed by a journal of records, one per write (see ``IndexFile``);
/// `changed` names the entries a write must record. Ids are numbers and entries a sorted array
/// searched by bisection, so a claim's work in memory stays small next to its file operations.
struct TaskIndex: Sendable {
    struct Entry: Sendable, Equatable {
        var number: UInt64
        var status: TeamTask.Status
        var archived: Bool
        /// Milliseconds since 1970 at which the lease lapses; 0 without a lease.
        var leaseExpiry: Int64
        var blockers: [UInt64]

        var id: String { String(number) }
        var blockedBy: [String] { blockers.map { String($0) } }
    }

    var nextID: UInt64 = 1
    var lastToken: UInt64 = 0
    var pending: [String] = []
    /// The boot the index was written in (`-` when unknown).
    var boot = "-"
    /// Tells snapshots apart, so a journal is never replayed onto a snapshot it does not follow.
    var generation: UInt64 = 0
    /// Sorted by id.
    private(set) var entries: [Entry] = []
    /// The ids whose entries changed (or went) since the index was read: what the next record holds.
    private(set) var changed: Set<UInt64> = []

    private func position(of number: UInt64) -> (found: Bool, at: Int) {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return (low < entries.count && entries[low].number == number, low)
    }

    subscript(id: String) -> Entry? {
        UInt64(id).flatMap(entry)
    }

    /// Records a task's present state.
    mutating func apply(_ task: TeamTask, archived: Bool) {
        guard let number = UInt64(task.id) else { return }
        let entry = Entry(
            number: number, status: task.status, archived: archived,
            leaseExpiry: task.lease.map { Self.milliseconds($0.expiresAt) } ?? 0,
            blockers: task.blockedBy.compactMap { UInt64($0) })
        put(entry)
        if number >= nextID { nextID = number + 1 }
        if let fence = task.fence, fence > lastToken { lastToken = fence }
    }

    /// Adds or replaces an entry as it is.
    mutating func put(_ entry: Entry) {
        let number = entry.number
        if let last = entries.last, last.number < number {
            entries.append(entry)
        } else {
            let (found, at) = position(of: number)
            if found {
                guard entries[at] != entry else { return }
                entries[at] = entry
            } else {
                entries.insert(entry, at: at)
            }
        }
        changed.insert(number)
    }

    mutating func markArchived(_ id: String) {
        guard let number = UInt64(id) else { return }
        let (found, at) = position(of: number)
        if found {
            entries[at].archived = true
            changed.insert(number)
        }
    }

    mutating func remove(_ id: String) {
        guard let number = UInt64(id) else { return }
        remove(number: number)
    }

    mutating func remove(number: UInt64) {
        let (found, at) = position(of: number)
        guard found else { return }
        entries.remove(at: at)
        changed.insert(number)
    }

    /// Forgets which entries changed: the index now matches what is on disk.
    mutating func markWritten() { changed = [] }

    /// The entry with this id number.
    func entry(_ number: UInt64) -> Entry? {
        let (found, at) = position(of: number)
        return found ? entries[at] : nil
    }

    /// Replaces every entry (a snapshot's bulk load), keeping them sorted by id.
    mutating func setEntries(_ newEntries: [Entry]) {
        entries = newEntries
        if !entries.indices.dropLast().allSatisfy({ entries[$0].number < entries[$0 + 1].number }) {
            entries.sort { $0.number < $1.number }
        }
        changed = []
    }

    /// Whether the entry is open and every task it waits for is resolved (archived ones count).
    func isReady(_ entry: Entry) -> Bool {
        entry.status == .open && !entry.archived && entry.blockers.allSatisfy { self.entry($0)?.status == .resolved }
    }

    /// The tasks each task blocks, derived from every active task's `blockedBy`.
    func blocksGraph() -> [String: [String]] {
        var graph: [String: [String]] = [:]
        for entry in entries where !entry.archived {
            for blocker in entry.blockers { graph[String(blocker), default: []].append(entry.id) }
        }
        return graph
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.up))
    }
}

extension TeamTask.Status {
    /// The position in `allCases`, for table lookups.
    var ordinal: Int {
        switch self {
        case .open: 0
        case .inProgress: 1
        case .resolved: 2
        case .failed: 3
        }
    }
}
