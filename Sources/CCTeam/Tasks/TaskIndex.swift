import CCCore
import Foundation

/// The store's private summary of every task (`tasks/.index`), read and rewritten under the lock.
///
/// It holds the two counters (next id, last fencing token) and, per task, just what claims and
/// cycle checks need (status, lease expiry, `blockedBy`), so a claim reads one small file instead
/// of every task. The task files stay the source of truth: each write first records the ids it is
/// about to touch in `pending`; whoever takes the lock next re-reads those files, so a writer killed
/// between the index and the task files leaves nothing stale behind. A missing or unreadable index
/// is rebuilt from the files (counters from the highest id and the highest `fence`).
struct TaskIndex {
    struct Entry {
        var id: String
        var status: TeamTask.Status
        var archived: Bool
        /// Milliseconds since 1970 at which the lease lapses; 0 without a lease.
        var leaseExpiry: Int64
        var blockedBy: [String]
    }

    var nextID: UInt64 = 1
    var lastToken: UInt64 = 0
    var pending: [String] = []
    /// Sorted by numeric id.
    private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    subscript(id: String) -> Entry? {
        positions[id].map { entries[$0] }
    }

    /// Records a task's present state.
    mutating func apply(_ task: TeamTask, archived: Bool) {
        let entry = Entry(
            id: task.id, status: task.status, archived: archived,
            leaseExpiry: task.lease.map { Self.milliseconds($0.expiresAt) } ?? 0, blockedBy: task.blockedBy)
        if let position = positions[task.id] {
            entries[position] = entry
        } else if let last = entries.last, !TeamTask.idPrecedes(last.id, task.id) {
            entries.append(entry)
            entries.sort { TeamTask.idPrecedes($0.id, $1.id) }
            reindex()
        } else {
            positions[task.id] = entries.count
            entries.append(entry)
        }
        if let number = UInt64(task.id), number >= nextID { nextID = number + 1 }
        if let fence = task.fence, fence > lastToken { lastToken = fence }
    }

    mutating func markArchived(_ id: String) {
        if let position = positions[id] { entries[position].archived = true }
    }

    mutating func remove(_ id: String) {
        guard let position = positions[id] else { return }
        entries.remove(at: position)
        reindex()
    }

    private mutating func reindex() {
        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
    }

    /// Whether every task `id` waits for is resolved (archived resolved tasks count).
    func isReady(_ entry: Entry) -> Bool {
        entry.status == .open && !entry.archived
            && entry.blockedBy.allSatisfy { self[$0]?.status == .resolved }
    }

    /// The tasks `id` blocks, derived from every task's `blockedBy`.
    func blocksGraph() -> [String: [String]] {
        var graph: [String: [String]] = [:]
        for entry in entries where !entry.archived {
            for blocker in entry.blockedBy { graph[blocker, default: []].append(entry.id) }
        }
        return graph
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.up))
    }

    // MARK: File format: a header line, counters, pending ids, then one line per task.

    private static let header = "ccteam-task-index 1"

    func serialized() -> [UInt8] {
        var text = Self.header + "\nnext \(nextID)\ntoken \(lastToken)\npending"
        for id in pending { text += " " + id }
        text += "\n"
        for entry in entries {
            text += entry.id + " " + entry.status.rawValue + (entry.archived ? " a " : " - ")
            text += String(entry.leaseExpiry) + " "
            text += entry.blockedBy.isEmpty ? "-" : entry.blockedBy.joined(separator: ",")
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// Parses an index file; `nil` when it is not one (the caller rebuilds it).
    static func parse(_ bytes: [UInt8]) -> TaskIndex? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 4, String(decoding: lines[0], as: UTF8.self) == header else { return nil }
        func words(_ line: ArraySlice<UInt8>) -> [String] {
            line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
        var index = TaskIndex()
        let next = words(lines[1]), token = words(lines[2]), pending = words(lines[3])
        guard next.count == 2, next[0] == "next", let nextID = UInt64(next[1]), token.count == 2,
            token[0] == "token", let lastToken = UInt64(token[1]), pending.first == "pending"
        else { return nil }
        index.nextID = nextID
        index.lastToken = lastToken
        index.pending = Array(pending.dropFirst())
        index.entries.reserveCapacity(lines.count - 4)
        for line in lines.dropFirst(4) {
            let fields = words(line)
            guard fields.count == 5, TeamTask.isValidID(fields[0]), let status = TeamTask.Status(rawValue: fields[1]),
                let expiry = Int64(fields[3])
            else { return nil }
            let blockedBy = fields[4] == "-" ? [] : fields[4].split(separator: ",").map(String.init)
            index.entries.append(
                Entry(id: fields[0], status: status, archived: fields[2] == "a", leaseExpiry: expiry, blockedBy: blockedBy))
        }
        index.entries.sort { TeamTask.idPrecedes($0.id, $1.id) }
        index.reindex()
        return index
    }
}
