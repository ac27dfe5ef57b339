import CCCore
import CFileExchange
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX file operations the task store is built on: whole-file reads without Foundation
/// overhead, atomic replacement (written aside, then renamed or exchanged in), directory listing
/// and `flock`.
enum StoreFiles {
    /// Reads a whole file; `nil` when it does not exist.
    static func contents(of path: String) throws(TaskStoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Replaces `path` atomically: writes a temp file in the same folder, fsyncs it (unless
    /// `sync` is false), renames it over `path`. Readers see the old content or the new, never a mix.
    static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(TaskStoreError) {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temp = String(path[..<slash]) + ".tmp-\(getpid())-" + String(path[slash...])
        try writeWhole(bytes, to: temp, sync: sync)
        if rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw .io(path: path, reason: reason)
        }
    }

    /// Replaces `path` atomically, as ``writeAtomically(_:to:sync:)`` does, but recycles inodes:
    /// the new content goes into `spare`, which is then exchanged with `path` in one step, so the
    /// old file becomes the next write's spare. Only one writer may use a spare at a time (the
    /// store writes under its lock).
    ///
    /// Why: creating a file per write makes the file system allocate an inode and free another one
    /// per claim, and on ext4 without a journal (common on cloud VMs) each allocation scans past
    /// every inode freed in the last `dirtytime_expire_seconds` — 12 hours by default — so claims
    /// got slower the longer a machine ran. The spare is truncated before it is written, which on
    /// ext4 orders its data before the exchange as a rename over a file would.
    static func replace(_ path: String, with bytes: [UInt8], spare: String, sync: Bool) throws(TaskStoreError) {
        try writeWhole(bytes, to: spare, sync: sync)
        if ccfile_exchange(spare, path) == 0 { return }
        switch errno {
        case ENOENT, EINVAL, ENOSYS, EOPNOTSUPP:
            // A new file (nothing to exchange with), or a file system that cannot exchange.
            if rename(spare, path) == 0 { return }
        default: break
        }
        throw .io(path: path, reason: String(cString: strerror(errno)))
    }

    /// Writes `bytes` to `path`, created or truncated, and fsyncs it when `sync`. A file that could
    /// not be written whole is removed.
    private static func writeWhole(_ bytes: [UInt8], to path: String, sync: Bool) throws(TaskStoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        do throws(TaskStoreError) {
            try writeBytes(bytes, to: fd, at: 0, path: path)
            if sync && fsync(fd) != 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Writes all of `bytes` into the open file `fd` from `offset` on.
    static func writeBytes(_ bytes: [UInt8], to fd: Int32, at offset: Int, path: String) throws(TaskStoreError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }

    /// Reads up to `count` bytes of the open file `fd` from `offset` on (fewer at its end).
    static func readBytes(_ fd: Int32, from offset: Int, count: Int, path: String) throws(TaskStoreError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + got, count - got, off_t(offset + got))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            if result == 0 { break }
            got += result
        }
        bytes.removeSubrange(got...)
        return bytes
    }

    /// Removes a file; a file already gone is fine.
    static func remove(_ path: String) throws(TaskStoreError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Moves a file within one file system, atomically.
    static func move(_ from: String, to: String) throws(TaskStoreError) {
        if rename(from, to) != 0 { throw .io(path: from, reason: String(cString: strerror(errno))) }
    }

    /// Creates a folder and its parents; an existing folder is fine.
    static func makeDirectory(_ path: String) throws(TaskStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
    }

    /// The names in a folder (no `.` or `..`); empty when the folder does not exist.
    static func names(in directory: String) throws(TaskStoreError) -> [String] {
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw .io(path: directory, reason: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The task id a file name holds (`"12.json"` → `"12"`), or `nil` for any other file.
    static func taskID(fromFileName name: String) -> String? {
        guard name.hasSuffix(".json") else { return nil }
        let id = String(name.dropLast(5))
        return TeamTaskID.isValid(id) ? id : nil
    }
}

/// This boot of the machine (Linux's `boot_id`); `nil` where the system does not say.
///
/// Unsynced writes are lost only when the machine goes down, never when a process dies: a file
/// stamped with the boot it was written in can skip fsync and be distrusted after a reboot.
let currentBootID: String? = {
    guard let bytes = try? StoreFiles.contents(of: "/proc/sys/kernel/random/boot_id") else { return nil }
    let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty || text.contains(" ") ? nil : text
}()

/// Task-id helpers shared by the store (CCCore's `TeamTask` holds the public ones).
enum TeamTaskID {
    static func isValid(_ id: String) -> Bool { TeamTask.isValidID(id) }
}

/// An exclusive `flock` on the store's lock file, held for one read-modify-write.
///
/// `flock` locks belong to the open file description, so the kernel drops the lock the moment
/// the holder dies (even by SIGKILL): a dead claimant can never wedge the store.
final class StoreLock {
    private let fd: Int32

    init(path: String) throws(TaskStoreError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .io(path: path, reason: reason)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
