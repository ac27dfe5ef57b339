import CCCore

/// The index's two texts: a snapshot of every entry, and a record of one write's changes.
///
/// Snapshot: `ccteam-task-index 3`, then `boot <id>`, `generation <hex>`, and the shared head —
/// `next <id>`, `token <n>`, `pending <id>...` — then one line per task:
/// `<id> <status> <a|-> <lease expiry ms> <blockedBy,...|->`.
/// Record: the shared head, then a line per changed task (as above) or `x <id>` for one deleted.
extension TaskIndex {
    static let header = "ccteam-task-index 3"

    /// Every entry, as the base a journal of records follows.
    func snapshot() -> [UInt8] {
        var text = IndexText(capacity: 96 + entries.count * 40)
        text.put(Self.header + "\nboot \(boot)\ngeneration \(String(generation, radix: 16))\n")
        putHead(&text)
        for entry in entries { text.put(entry) }
        return text.bytes
    }

    /// The counters, the pending ids and the entries in `changed`.
    func record() -> [UInt8] {
        var text = IndexText(capacity: 64 + changed.count * 40)
        putHead(&text)
        for number in changed.sorted() {
            if let entry = entry(number) {
                text.put(entry)
            } else {
                text.put("x ")
                text.put(number: number)
                text.put(byte: 0x0A)
            }
        }
        return text.bytes
    }

    private func putHead(_ text: inout IndexText) {
        text.put("next ")
        text.put(number: nextID)
        text.put("\ntoken ")
        text.put(number: lastToken)
        text.put("\npending")
        for id in pending { text.put(" " + id) }
        text.put(byte: 0x0A)
    }

    /// Parses a snapshot; `nil` when it is not one (the caller rebuilds the index).
    static func parse(snapshot bytes: [UInt8]) -> TaskIndex? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = IndexReader(bytes: buffer)
            var index = TaskIndex()
            guard reader.expect(header + "\nboot "), let boot = reader.word(), reader.expect("\ngeneration "),
                let generation = reader.hexNumber(), reader.skip(0x0A)
            else { return nil }
            index.boot = boot
            index.generation = generation
            guard reader.readHead(into: &index) else { return nil }
            var entries: [Entry] = []
            entries.reserveCapacity((bytes.count - reader.position) / 16 + 1)
            while !reader.atEnd {
                guard let entry = reader.entry() else { return nil }
                entries.append(entry)
            }
            index.setEntries(entries)
            return index
        }
    }

    /// Applies a record written after this index's state; `false` (index unchanged) when `bytes`
    /// is not a record.
    mutating func replay(record bytes: ArraySlice<UInt8>) -> Bool {
        var head = TaskIndex()
        var entries: [Entry] = [], removed: [UInt64] = []
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            var reader = IndexReader(bytes: buffer)
            guard reader.readHead(into: &head) else { return false }
            while !reader.atEnd {
                if reader.skip(UInt8(ascii: "x")) {
                    guard reader.skip(0x20), let number = reader.number(), reader.skip(0x0A) else { return false }
                    removed.append(number)
                } else {
                    guard let entry = reader.entry() else { return false }
                    entries.append(entry)
                }
            }
            return true
        }
        guard parsed else { return false }
        nextID = head.nextID
        lastToken = head.lastToken
        pending = head.pending
        for entry in entries { put(entry) }
        for number in removed { remove(number: number) }
        markWritten()
        return true
    }
}

/// Builds index text byte by byte, without a string per number.
private struct IndexText {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func put(byte: UInt8) { bytes.append(byte) }

    mutating func put(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func put(number: UInt64) {
        var divisor: UInt64 = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    mutating func put(_ entry: TaskIndex.Entry) {
        put(number: entry.number)
        put(byte: 0x20)
        bytes.append(contentsOf: TaskIndex.statusBytes[entry.status.ordinal])
        put(byte: 0x20)
        put(byte: entry.archived ? UInt8(ascii: "a") : UInt8(ascii: "-"))
        put(byte: 0x20)
        put(number: UInt64(max(0, entry.leaseExpiry)))
        put(byte: 0x20)
        if entry.blockers.isEmpty {
            put(byte: UInt8(ascii: "-"))
        } else {
            for (offset, blocker) in entry.blockers.enumerated() {
                if offset > 0 { put(byte: UInt8(ascii: ",")) }
                put(number: blocker)
            }
        }
        put(byte: 0x0A)
    }
}

extension TaskIndex {
    fileprivate static let statusBytes: [[UInt8]] = TeamTask.Status.allCases.map { Array($0.rawValue.utf8) }
}

/// Reads index text field by field straight from the bytes.
private struct IndexReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    /// `next`, `token` and `pending`, the head shared by snapshots and records.
    mutating func readHead(into index: inout TaskIndex) -> Bool {
        guard expect("next "), let next = number(), expect("\ntoken "), let token = number(), expect("\npending")
        else { return false }
        index.nextID = next
        index.lastToken = token
        index.pending = []
        while skip(0x20) {
            guard let id = number(), id > 0 else { return false }
            index.pending.append(String(id))
        }
        return skip(0x0A)
    }

    /// One entry line.
    mutating func entry() -> TaskIndex.Entry? {
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
        return TaskIndex.Entry(
            number: number, status: status, archived: archived, leaseExpiry: Int64(expiry), blockers: blockers)
    }

    mutating func expect(_ text: String) -> Bool {
        // Only for the short header words.
        for byte in text.utf8 {
            guard skip(byte) else { return false }
        }
        return true
    }

    mutating func word() -> String? {
        let start = position
        while position < bytes.count && bytes[position] > 0x20 { position += 1 }
        guard position > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func skip(_ byte: UInt8) -> Bool {
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

    mutating func number() -> UInt64? { digits(base: 10) }

    mutating func hexNumber() -> UInt64? { digits(base: 16) }

    private mutating func digits(base: UInt64) -> UInt64? {
        var value: UInt64 = 0
        let start = position
        while position < bytes.count, let digit = Self.digit(bytes[position], base: base) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: base)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            position += 1
        }
        return position > start ? value : nil
    }

    private static func digit(_ byte: UInt8, base: UInt64) -> UInt64? {
        switch byte {
        case 0x30...0x39: UInt64(byte - 0x30)
        case 0x61...0x66 where base == 16: UInt64(byte - 0x61 + 10)
        default: nil
        }
    }
}
