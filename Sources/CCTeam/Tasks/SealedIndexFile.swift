#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the task index is kept on disk: rewritten in place under the store lock, behind a seal line
/// (`seal <length> <fnv-1a 64>`), rather than replaced by rename.
///
/// A rename needs a new inode for every commit, and on some file systems allocating inodes is most
/// of what a claim costs. Writing in place is safe here because the index is only ever read under
/// the lock, and a writer killed halfway (mid-write, or between the write and the truncate) leaves
/// a file whose seal does not match: it is then rebuilt from the task files, as an index from an
/// earlier boot is.
enum SealedIndexFile {
    /// The body behind a valid seal, or `nil` for a file that is unsealed, torn or tampered with.
    static func unseal(_ bytes: [UInt8]) -> [UInt8]? {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let fields = bytes[..<newline].split(separator: 0x20)
        guard fields.count == 3, Array(fields[0]) == Array("seal".utf8),
            let length = Int(String(decoding: fields[1], as: UTF8.self)),
            let checksum = UInt64(String(decoding: fields[2], as: UTF8.self), radix: 16)
        else { return nil }
        let body = Array(bytes[(newline + 1)...])
        guard body.count == length, fnv1a(body) == checksum else { return nil }
        return body
    }

    /// `body` behind its seal line.
    static func seal(_ body: [UInt8]) -> [UInt8] {
        Array("seal \(body.count) \(String(fnv1a(body), radix: 16))\n".utf8) + body
    }

    /// Writes `bytes` over the file at `path` in place (created if missing), then cuts it to length.
    static func overwrite(_ bytes: [UInt8], at path: String) throws(TaskStoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        if ftruncate(fd, off_t(bytes.count)) != 0 {
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// 64-bit FNV-1a: enough to tell a torn or mixed file from the one that was written.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
