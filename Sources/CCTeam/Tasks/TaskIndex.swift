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
///
/// The index is a cache of the (fsynced) task files, so it is written without fsync: it records
/// the boot it was written in, and an index from an earlier boot — possibly missing writes lost in
/// a crash of the machine — is rebuilt from the files. (A killed process loses nothing: its
/// writes are in the page cache.) Where the boot cannot be told, the index is fsynced too.
///
/// Every write reads and rewrites the whole index, so it is kept cheap: ids are numbers, entries
/// a sorted array searched by bisection, and the file is read and written byte by byte.
struct TaskIndex {
    struct Entry {
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
    /// Sorted by id.
    private(set) var entries: [Entry] = []

    private func position(of number: UInt64) -> (found: Bool, at: Int) {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return (low < entries.count && entries[low].number == number, low)
    }

    subscript(id: String) -> Entry? {
        guard let number = UInt64(id) else { return nil }
        let (found, at) = position(of: number)
        return found ? entries[at] : nil
    }

    /// Records a task's present state.
    mutating func apply(_ task: TeamTask, archived: Bool) {
        guard let number = UInt64(task.id) else { return }
        let entry = Entry(
            number: number, status: task.status, archived: archived,
            leaseExpiry: task.lease.map { Self.milliseconds($0.expiresAt) } ?? 0,
            blockers: task.blockedBy.compactMap { UInt64($0) })
        if let last = entries.last, last.number < number {
            entries.append(entry)
        } else {
            let (found, at) = position(of: number)
            if found { entries[at] = entry } else { entries.insert(entry, at: at) }
        }
        if number >= nextID { nextID = number + 1 }
        if let fence = task.fence, fence > lastToken { lastToken = fence }
    }

    mutating func markArchived(_ id: String) {
        guard let number = UInt64(id) else { return }
        let (found, at) = position(of: number)
        if found { entries[at].archived = true }
    }

    mutating func remove(_ id: String) {
        guard let number = UInt64(id) else { return }
        let (found, at) = position(of: number)
        if found { entries.remove(at: at) }
    }

    private func status(of number: UInt64) -> TeamTask.Status? {
        let (found, at) = position(of: number)
        return found ? entries[at].status : nil
    }

    /// Whether the entry is open and every task it waits for is resolved (archived ones count).
    func isReady(_ entry: Entry) -> Bool {
        entry.status == .open && !entry.archived && entry.blockers.allSatisfy { status(of: $0) == .resolved }
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

    // MARK: File format: a header line, counters, pending ids, then one line per task:
    // `<id> <status> <a|-> <lease expiry ms> <blockedBy,...|->`.

    static let header = "ccteam-task-index 2"

    func serialized() -> [UInt8] {
        let head = Array("\(Self.header)\nboot \(boot)\nnext \(nextID)\ntoken \(lastToken)\npending".utf8)
        // Upper bound per entry: id (20) + status (12) + flag (3) + expiry (20) + separators,
        // plus 21 bytes per blocker.
        var capacity = head.count + 2 + pending.reduce(0) { $0 + $1.utf8.count + 1 }
        for entry in entries { capacity += 60 + entry.blockers.count * 21 }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var at = 0
            func put(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            func put(_ bytes: [UInt8]) {
                for byte in bytes { put(byte) }
            }
            func put(number: UInt64) {
                var value = number, digits = 1
                while value >= 10 {
                    value /= 10
                    digits += 1
                }
                value = number
                for offset in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[at + offset] = 0x30 + UInt8(value % 10)
                    value /= 10
                }
                at += digits
            }
            put(head)
            for id in pending {
                put(0x20)
                put(Array(id.utf8))
            }
            put(0x0A)
            for entry in entries {
                put(number: entry.number)
                put(0x20)
                put(Self.statusBytes[entry.status.ordinal])
                put(0x20)
                put(entry.archived ? UInt8(ascii: "a") : UInt8(ascii: "-"))
                put(0x20)
                put(number: UInt64(max(0, entry.leaseExpiry)))
                put(0x20)
                if entry.blockers.isEmpty {
                    put(UInt8(ascii: "-"))
                } else {
                    for (offset, blocker) in entry.blockers.enumerated() {
                        if offset > 0 { put(UInt8(ascii: ",")) }
                        put(number: blocker)
                    }
                }
                put(0x0A)
            }
            count = at
        }
    }

    fileprivate static let statusBytes: [[UInt8]] = TeamTask.Status.allCases.map { Array($0.rawValue.utf8) }

    /// Parses an index file; `nil` when it is not one (the caller rebuilds it).
    static func parse(_ bytes: [UInt8]) -> TaskIndex? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = IndexReader(bytes: buffer)
            return reader.read()
        }
    }

    /// Replaces every entry (the reader's bulk load), keeping them sorted by id.
    fileprivate mutating func setEntries(_ newEntries: [Entry]) {
        entries = newEntries
        if !entries.indices.dropLast().allSatisfy({ entries[$0].number < entries[$0 + 1].number }) {
            entries.sort { $0.number < $1.number }
        }
    }
}

/// Reads the index's lines field by field straight from the bytes, without a string per field.
private struct IndexReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func read() -> TaskIndex? {
        guard expect(TaskIndex.header + "\nboot "), let boot = word(), expect("\nnext "), let next = number(),
            expect("\ntoken "), let token = number(),
            expect("\npending")
        else { return nil }
        var index = TaskIndex()
        index.boot = boot
        index.nextID = next
        index.lastToken = token
        while skip(0x20) {
            guard let id = number(), id > 0 else { return nil }
            index.pending.append(String(id))
        }
        guard skip(0x0A) else { return nil }
        var entries: [TaskIndex.Entry] = []
        entries.reserveCapacity((bytes.count - position) / 16 + 1)
        while position < bytes.count {
            guard let number = number(), number > 0, skip(0x20), let status = status(), skip(0x20) else { return nil }
            let archived: Bool
            if skip(UInt8(ascii: "a")) {
                archived = true
            } else if skip(UInt8(ascii: "-")) {
                archived = false
            } else {
                return nil
            }
            guard skip(0x20), let expiry = self.number(), expiry <= UInt64(Int64.max), skip(0x20) else { return nil }
            var blockers: [UInt64] = []
            if !skip(UInt8(ascii: "-")) {
                repeat {
                    guard let blocker = self.number(), blocker > 0 else { return nil }
                    blockers.append(blocker)
                } while skip(UInt8(ascii: ","))
            }
            guard skip(0x0A) else { return nil }
            entries.append(
                TaskIndex.Entry(
                    number: number, status: status, archived: archived, leaseExpiry: Int64(expiry), blockers: blockers))
        }
        index.setEntries(entries)
        return index
    }

    private mutating func expect(_ text: String) -> Bool {
        // Only for the short header lines.
        for byte in text.utf8 {
            guard skip(byte) else { return false }
        }
        return true
    }

    private mutating func word() -> String? {
        let start = position
        while position < bytes.count && bytes[position] > 0x20 { position += 1 }
        guard position > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func skip(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func status() -> TeamTask.Status? {
        guard position < bytes.count else { return nil }
        let status: TeamTask.Status
        switch bytes[position] {
        case UInt8(ascii: "o"): status = .open
        case UInt8(ascii: "i"): status = .inProgress
        case UInt8(ascii: "r"): status = .resolved
        case UInt8(ascii: "f"): status = .failed
        default: return nil
        }
        let expected = TaskIndex.statusBytes[status.ordinal]
        guard position + expected.count <= bytes.count else { return nil }
        for (offset, byte) in expected.enumerated() where bytes[position + offset] != byte { return nil }
        position += expected.count
        return status
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
}

extension TeamTask.Status {
    /// The position in `allCases`, for table lookups.
    fileprivate var ordinal: Int {
        switch self {
        case .open: 0
        case .inProgress: 1
        case .resolved: 2
        case .failed: 3
        }
    }
}
