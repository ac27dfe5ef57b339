import CGit2
import Foundation

/// Rename similarity computed the way git's `diffcore-delta.c` does, plugged into libgit2's rename finder.
///
/// libgit2's own metric samples hashes differently and disagrees with `git diff -M` on small or
/// borderline files; counts must match git exactly, so renames must pair exactly as git pairs them.
/// Content is cut into spans ending at a newline or after 64 bytes (CR of CRLF skipped in text); the
/// score is the bytes of the old file found again in the new one, over the larger size.
final class SpanSignature {
    /// Span hashes ascending, each with the total length of spans that hashed to it.
    let hashes: [UInt32]
    let counts: [UInt32]
    /// The file's size in bytes (git's `size`).
    let size: Int
    /// The path it was read for, so ``RenamePolicy`` can recognise pairs.
    let path: String
    /// git scores only regular files (executable or not) inexactly.
    let isRegular: Bool
    /// The blob id of the content, for exact matches.
    let blobID: ObjectID?

    init(_ bytes: UnsafeRawBufferPointer, path: String, isRegular: Bool, blobID: ObjectID?) {
        size = bytes.count
        self.path = path
        self.isRegular = isRegular
        self.blobID = blobID
        let isText = !bytes.prefix(8000).contains(0)
        var spans: [UInt32: UInt32] = [:]
        var accumulator1: UInt32 = 0
        var accumulator2: UInt32 = 0
        var length: UInt32 = 0
        var position = 0
        let end = bytes.count
        while position < end {
            let byte = bytes[position]
            position += 1
            if isText, byte == 0x0D, position < end, bytes[position] == 0x0A { continue }
            let previous = accumulator1
            accumulator1 = (accumulator1 &<< 7) ^ (accumulator2 >> 25)
            accumulator2 = (accumulator2 &<< 7) ^ (previous >> 25)
            accumulator1 &+= UInt32(byte)
            length += 1
            if length < 64, byte != 0x0A { continue }
            spans[(accumulator1 &+ accumulator2 &* 0x61) % 107_927, default: 0] += length
            length = 0
            accumulator1 = 0
            accumulator2 = 0
        }
        if length > 0 { spans[(accumulator1 &+ accumulator2 &* 0x61) % 107_927, default: 0] += length }
        let sorted = spans.sorted { $0.key < $1.key }
        hashes = sorted.map(\.key)
        counts = sorted.map(\.value)
    }

    /// git's similarity score (0–100) of `source` reappearing in `destination`.
    static func score(source: SpanSignature, destination: SpanSignature) -> Int32 {
        let largest = max(source.size, destination.size)
        guard destination.size > 0, largest > 0 else { return 0 }
        var copied = 0
        var sourceIndex = 0
        var destinationIndex = 0
        while sourceIndex < source.hashes.count {
            let hash = source.hashes[sourceIndex]
            while destinationIndex < destination.hashes.count, destination.hashes[destinationIndex] < hash {
                destinationIndex += 1
            }
            if destinationIndex < destination.hashes.count, destination.hashes[destinationIndex] == hash {
                copied += Int(min(source.counts[sourceIndex], destination.counts[destinationIndex]))
                destinationIndex += 1
            }
            sourceIndex += 1
        }
        return Int32(copied * 100 / largest)
    }
}

/// The C callbacks handing ``SpanSignature`` to libgit2; signatures travel as retained opaque pointers and
/// the ``RenamePolicy`` as the (unretained) payload, alive for the duration of `git_diff_find_similar`.
enum GitSimilarity {
    static func metric(_ policy: RenamePolicy) -> git_diff_similarity_metric {
        git_diff_similarity_metric(
            file_signature: { out, file, path, _ in
                guard let out, let file, let path else { return -1 }
                let fullPath = String(cString: path)
                // A symlink's content is its target, as git stores it.
                let data =
                    FileMode(gitMode: file.pointee.mode) == .symlink
                    ? (try? FileManager.default.destinationOfSymbolicLink(atPath: fullPath)).map { Data($0.utf8) }
                    : FileManager.default.contents(atPath: fullPath)
                guard let data else { return -1 }
                out.pointee = data.withUnsafeBytes { makeSignature($0, file.pointee) }
                return 0
            },
            buffer_signature: { out, file, buffer, length, _ in
                guard let out, let file else { return -1 }
                out.pointee = makeSignature(
                    UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length), file.pointee)
                return 0
            },
            free_signature: { signature, _ in
                guard let signature else { return }
                Unmanaged<SpanSignature>.fromOpaque(signature).release()
            },
            similarity: { score, first, second, payload in
                guard let score, let first, let second, let payload else { return -1 }
                // libgit2 passes (source, target) in rename order.
                score.pointee = Unmanaged<RenamePolicy>.fromOpaque(payload).takeUnretainedValue().constrain(
                    source: Unmanaged<SpanSignature>.fromOpaque(first).takeUnretainedValue(),
                    destination: Unmanaged<SpanSignature>.fromOpaque(second).takeUnretainedValue())
                return 0
            },
            payload: Unmanaged.passUnretained(policy).toOpaque())
    }
}

/// Builds a retained signature for libgit2, which gives it back to `free_signature`.
private func makeSignature(_ bytes: UnsafeRawBufferPointer, _ file: git_diff_file) -> UnsafeMutableRawPointer {
    var oid = git_oid()
    let hashed = git_odb_hash(&oid, bytes.baseAddress, bytes.count, GIT_OBJECT_BLOB) == 0
    let mode = FileMode(gitMode: file.mode)
    let signature = SpanSignature(
        bytes, path: String(cString: file.path), isRegular: mode == .regular || mode == .executable,
        blobID: hashed ? ObjectID(oid) : nil)
    return Unmanaged.passRetained(signature).toOpaque()
}
