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

    /// Replaces every entry (the reader's bulk load), keeping them sorted by id.
    mutating func setEntries(_ newEntries: [Entry]) {
        entries = newEntries
        if !entries.indices.dropLast().allSatisfy({ TeamTask.idPrecedes(entries[$0].id, entries[$0 + 1].id) }) {
            entries.sort { TeamTask.idPrecedes($0.id, $1.id) }
        }
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
        var out: [UInt8] = []
        out.reserveCapacity(64 + entries.count * 24)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        append(Self.header + "\nnext \(nextID)\ntoken \(lastToken)\npending")
        for id in pending { append(" " + id) }
        out.append(0x0A)
        for entry in entries {
            append(entry.id)
            out.append(0x20)
            append(entry.status.rawValue)
            append(entry.archived ? " a " : " - ")
            append(String(entry.leaseExpiry))
            out.append(0x20)
            if entry.blockedBy.isEmpty {
                out.append(UInt8(ascii: "-"))
            } else {
                for (offset, id) in entry.blockedBy.enumerated() {
                    if offset > 0 { out.append(UInt8(ascii: ",")) }
                    append(id)
                }
            }
            out.append(0x0A)
        }
        return out
    }

    /// Parses an index file; `nil` when it is not one (the caller rebuilds it).
    static func parse(_ bytes: [UInt8]) -> TaskIndex? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = IndexReader(bytes: buffer)
            return reader.read()
        }
    }
}

/// Reads the index's lines field by field straight from the bytes: the index is read on every
/// write, so it must not cost a string per field.
private struct IndexReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func read() -> TaskIndex? {
        guard line() == Array("ccteam-task-index 1".utf8)[...] else { return nil }
        var index = TaskIndex()
        guard word() == "next", skipSpace(), let next = number(), endOfLine(), word() == "token", skipSpace(),
            let token = number(),
            endOfLine(), word() == "pending"
        else { return nil }
        index.nextID = next
        index.lastToken = token
        while position < bytes.count && bytes[position] == 0x20 {
            position += 1
            guard let id = word() else { return nil }
            index.pending.append(id)
        }
        guard endOfLine() else { return nil }
        var entries: [TaskIndex.Entry] = []
        while position < bytes.count {
            guard let id = word(), TeamTask.isValidID(id), skipSpace(), let statusText = word(),
                let status = TeamTask.Status(rawValue: statusText), skipSpace(), let flag = word(), skipSpace(),
                let expiry = number(), skipSpace(), let blockers = word(), endOfLine()
            else { return nil }
            let blockedBy = blockers == "-" ? [] : blockers.split(separator: ",").map(String.init)
            entries.append(
                TaskIndex.Entry(
                    id: id, status: status, archived: flag == "a", leaseExpiry: Int64(expiry), blockedBy: blockedBy))
        }
        index.setEntries(entries)
        return index
    }

    private mutating func line() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
        let result = Array(bytes[start..<position])[...]
        if position < bytes.count { position += 1 }
        return result
    }

    private mutating func word() -> String? {
        let start = position
        while position < bytes.count && bytes[position] != 0x20 && bytes[position] != 0x0A { position += 1 }
        guard position > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func number() -> UInt64? {
        var value: UInt64 = 0
        let start = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[position] - 0x30))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            position += 1
        }
        return position > start ? value : nil
    }

    private mutating func skipSpace() -> Bool {
        guard position < bytes.count, bytes[position] == 0x20 else { return false }
        position += 1
        return true
    }

    private mutating func endOfLine() -> Bool {
        guard position < bytes.count, bytes[position] == 0x0A else { return position == bytes.count }
        position += 1
        return true
    }
}
