/// Keeps the last `capacity` bytes written to it, in order: a bounded tail of a child's output.
struct ByteTail {
    let capacity: Int
    private var storage: [UInt8] = []
    private var start = 0
    private(set) var totalBytes = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        guard capacity > 0 else { return }
        let kept = bytes.count > capacity ? UnsafeRawBufferPointer(rebasing: bytes.suffix(capacity)) : bytes
        if storage.count < capacity {
            let room = capacity - storage.count
            storage.append(contentsOf: kept.prefix(room))
            if kept.count <= room { return }
            write(UnsafeRawBufferPointer(rebasing: kept.dropFirst(room)))
        } else {
            write(kept)
        }
    }

    /// Overwrites the oldest bytes of a full ring.
    private mutating func write(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            storage[start] = byte
            start = (start + 1) % capacity
        }
    }

    /// The kept bytes, oldest first.
    var bytes: [UInt8] { Array(storage[start...] + storage[..<start]) }
    /// Whether earlier bytes were dropped.
    var truncated: Bool { totalBytes > storage.count }
}

/// One line of a child's output, without its newline.
public struct OutputLine: Sendable, Equatable {
    /// The line's text (invalid UTF-8 replaced); cut at the line limit when ``truncated``.
    public var text: String
    /// Whether the line was longer than the limit and its end was dropped.
    public var truncated: Bool

    /// A line.
    public init(_ text: String, truncated: Bool = false) {
        self.text = text
        self.truncated = truncated
    }
}

/// Splits a byte stream into lines, across reads; bounds memory for a line that never ends.
struct LineSplitter {
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    /// Set after an over-long line was delivered cut: its rest is dropped until the next newline.
    private var discarding = false

    init(maxLineBytes: Int) { self.maxLineBytes = max(1, maxLineBytes) }

    mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (OutputLine) -> Void) {
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: 0x0A) {
            let piece = rest[rest.startIndex..<newline]
            if discarding {
                discarding = false
            } else if pending.count + piece.count > maxLineBytes {
                pending.append(contentsOf: piece.prefix(maxLineBytes - pending.count))
                emit(OutputLine(String(decoding: pending, as: UTF8.self), truncated: true))
            } else {
                pending.append(contentsOf: piece)
                emit(OutputLine(String(decoding: pending, as: UTF8.self)))
            }
            pending.removeAll(keepingCapacity: true)
            rest = rest[(newline + 1)...]
        }
        guard !discarding, !rest.isEmpty else { return }
        if pending.count + rest.count > maxLineBytes {
            pending.append(contentsOf: rest.prefix(maxLineBytes - pending.count))
            emit(OutputLine(String(decoding: pending, as: UTF8.self), truncated: true))
            pending.removeAll(keepingCapacity: true)
            discarding = true
        } else {
            pending.append(contentsOf: rest)
        }
    }

    /// Delivers a last line that had no newline.
    mutating func finish(emit: (OutputLine) -> Void) {
        if !pending.isEmpty, !discarding {
            emit(OutputLine(String(decoding: pending, as: UTF8.self)))
        }
        pending.removeAll()
        discarding = false
    }
}
