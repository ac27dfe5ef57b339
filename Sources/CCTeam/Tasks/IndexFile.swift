import CCCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the task index lives in `tasks/.index`: a snapshot, then a journal with one record per
/// write, each behind a seal line (`seal|record <length> <checksum>`). Read and written only under
/// the store lock.
///
/// Why a journal: rewriting the whole index made every claim cost O(tasks) in reading, checking
/// and writing bytes. A record costs O(change), and a process keeps the index it last read or
/// wrote in memory, so its next transaction reads only the records appended since — after checking
/// the file is the same one (device, inode and the snapshot's seal line, which carries a random
/// generation).
///
/// Crash safety: a torn snapshot (its seal does not match) is rebuilt from the task files. A torn
/// record can only be the last one, and its writer died before touching any task file (the index
/// is written first), so it is cut off and the next record takes its place. When the journal
/// outgrows the snapshot, a new snapshot replaces the file by rename, so the file stays within
/// about twice the index's size and a reader never sees a half-written snapshot.
enum IndexFile {
    /// Where a loaded index came from, and where its next record goes.
    struct Position: Equatable {
        var device: UInt64
        var inode: UInt64
        /// The snapshot's seal line, newline included.
        var seal: [UInt8]
        var snapshotEnd: Int
        /// The end of the last valid record.
        var end: Int
        /// The file's size when read: more than `end` when a torn record follows.
        var size: Int
    }

    /// The index in the file at `path` and its position; `nil` when there is no file or its
    /// snapshot is torn or unreadable (the caller rebuilds it).
    static func load(_ path: String) throws(TaskStoreError) -> (TaskIndex, Position)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        let device = UInt64(info.st_dev), inode = UInt64(info.st_ino), size = Int(info.st_size)

        // Taken out of the memory, so the caller's index is the only copy and changes in place.
        if var (index, cached) = cache.withLock({ $0.removeValue(forKey: path) }), cached.device == device,
            cached.inode == inode, size >= cached.end,
            try StoreFiles.readBytes(fd, from: 0, count: cached.seal.count, path: path) == cached.seal
        {
            let tail = try StoreFiles.readBytes(fd, from: cached.end, count: size - cached.end, path: path)
            cached.end += replay(tail[...], onto: &index)
            cached.size = size
            return (index, cached)
        }

        let bytes = try StoreFiles.readBytes(fd, from: 0, count: size, path: path)
        guard let (sealLength, bodyLength) = sealLine(bytes[...], word: "seal") else { return nil }
        let snapshotEnd = sealLength + bodyLength
        guard snapshotEnd <= bytes.count,
            checksum(bytes[sealLength..<snapshotEnd]) == expectedChecksum(bytes[..<sealLength]),
            var index = TaskIndex.parse(snapshot: Array(bytes[sealLength..<snapshotEnd]))
        else { return nil }
        let replayed = replay(bytes[snapshotEnd...], onto: &index)
        let position = Position(
            device: device, inode: inode, seal: Array(bytes[..<sealLength]), snapshotEnd: snapshotEnd,
            end: snapshotEnd + replayed, size: size)
        return (index, position)
    }

    /// Writes `index` back: appends a record of its changes after `position`, or, without a
    /// position or once the journal outgrows the snapshot, replaces the file with a new snapshot.
    /// `sync` makes it durable before returning. Returns the new position; `index` has its
    /// changes marked written.
    static func write(_ index: inout TaskIndex, after position: Position?, to path: String, sync: Bool)
        throws(TaskStoreError) -> Position
    {
        if let position {
            let record = sealed(index.record(), word: "record")
            let journal = position.end - position.snapshotEnd + record.count
            if journal <= max(position.snapshotEnd, 64 * 1024) {
                let written = try append(record, at: position, to: path, sync: sync)
                index.markWritten()
                return written
            }
        }
        index.generation = UInt64.random(in: 1...UInt64.max)
        let bytes = sealed(index.snapshot(), word: "seal")
        try StoreFiles.writeAtomically(bytes, to: path, sync: sync)
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        let sealLength = bytes.firstIndex(of: 0x0A)! + 1
        index.markWritten()
        return Position(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), seal: Array(bytes[..<sealLength]),
            snapshotEnd: bytes.count, end: bytes.count, size: bytes.count)
    }

    /// Keeps `index` in this process's memory as the state of the file at `position`, for the
    /// next transaction to start from. Only for an index that matches the file (every change
    /// written) and whose pending ids are settled.
    static func remember(_ index: TaskIndex, _ position: Position, path: String) {
        cache.withLock { $0[path] = (index, position) }
    }

    private static func append(_ record: [UInt8], at position: Position, to path: String, sync: Bool)
        throws(TaskStoreError) -> Position
    {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try StoreFiles.writeBytes(record, to: fd, at: position.end, path: path)
        var next = position
        next.end += record.count
        // Cut off a torn record this one was written over, so nothing follows the last good one.
        if position.size > next.end && ftruncate(fd, off_t(next.end)) != 0 {
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        next.size = next.end
        if sync && fsync(fd) != 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        return next
    }

    // MARK: Seals and records

    /// `body` behind a seal line: `<word> <length> <checksum>`.
    static func sealed(_ body: [UInt8], word: String) -> [UInt8] {
        Array("\(word) \(body.count) \(String(checksum(body[...]), radix: 16))\n".utf8) + body
    }

    /// Applies every valid record at the start of `bytes`; returns how many bytes they took.
    private static func replay(_ bytes: ArraySlice<UInt8>, onto index: inout TaskIndex) -> Int {
        var at = bytes.startIndex
        while at < bytes.endIndex, let (sealLength, bodyLength) = sealLine(bytes[at...], word: "record") {
            let body = (at + sealLength)..<(at + sealLength + bodyLength)
            guard body.upperBound <= bytes.endIndex,
                checksum(bytes[body]) == expectedChecksum(bytes[at..<(at + sealLength)]),
                index.replay(record: bytes[body])
            else { break }
            at = body.upperBound
        }
        return at - bytes.startIndex
    }

    /// The seal line at the start of `bytes` (`<word> <length> <checksum>\n`): its length with the
    /// newline, and the length of the body it seals.
    private static func sealLine(_ bytes: ArraySlice<UInt8>, word: String) -> (Int, Int)? {
        guard let newline = bytes.prefix(64).firstIndex(of: 0x0A) else { return nil }
        let fields = bytes[bytes.startIndex..<newline].split(separator: 0x20)
        guard fields.count == 3, fields[0].elementsEqual(word.utf8),
            let length = Int(String(decoding: fields[1], as: UTF8.self)), length >= 0,
            UInt64(String(decoding: fields[2], as: UTF8.self), radix: 16) != nil
        else { return nil }
        return (newline + 1 - bytes.startIndex, length)
    }

    private static func expectedChecksum(_ sealLine: ArraySlice<UInt8>) -> UInt64? {
        sealLine.dropLast().split(separator: 0x20).last.flatMap {
            UInt64(String(decoding: $0, as: UTF8.self), radix: 16)
        }
    }

    /// A fast 64-bit checksum, eight bytes at a time: enough to tell a torn or mixed write from the
    /// one that was made (not a defence against tampering).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            var offset = 0
            while offset + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 32
                offset += 8
            }
            var last: UInt64 = 0
            for (shift, index) in (offset..<raw.count).enumerated() { last |= UInt64(raw[index]) << (shift * 8) }
            hash = (hash ^ last) &* multiplier
            return hash ^ (hash >> 29)
        }
    }

    // MARK: The process's memory

    /// The index each store's file held when this process last read or wrote it.
    private static let cache = Locked<[String: (TaskIndex, Position)]>([:])
}
