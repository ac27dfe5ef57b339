import CCCore
public import Foundation

/// One file to scan: where to read it, how to name it, and (for a diff) which lines count.
public struct ScanTarget: Sendable, Hashable {
    /// The file on disk.
    public var url: URL
    /// The path shown in findings and used in fingerprints (repository-relative, or as given).
    public var path: String
    /// Keep only findings touching these 1-based lines; nil keeps every finding.
    public var onlyLines: Set<Int>?

    public init(url: URL, path: String, onlyLines: Set<Int>? = nil) {
        self.url = url
        self.path = path
        self.onlyLines = onlyLines
    }
}

extension SecretScanner {
    /// Reads and scans one file (memory-mapped, never decoded as text).
    public func scanFile(_ target: ScanTarget, commit: String? = nil) throws -> [SecretFinding] {
        let data: Data
        do {
            data = try Data(contentsOf: target.url, options: .mappedIfSafe)
        } catch {
            throw ToolError(
                "cannot read \(target.path) to scan it for secrets", help: "check that the file exists and is readable")
        }
        return scan(data, path: target.path, onlyLines: target.onlyLines, commit: commit)
    }

    /// Scans many files on up to `maxConcurrency` threads, each with its own match state.
    ///
    /// - Returns: the findings of every file, in the order of `targets`, each file's in line order.
    /// - Throws: the first file that cannot be read, as a user-facing error naming it.
    public func scanFiles(
        _ targets: [ScanTarget], commit: String? = nil,
        maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> [SecretFinding] {
        let results = ResultSlots(count: targets.count)
        let workers = max(1, min(maxConcurrency, targets.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < targets.count {
                results.set(index, Result { try scanFile(targets[index], commit: commit) })
                index += workers
            }
        }
        return try results.values.flatMap { try $0.get() }
    }
}

/// Per-file results written from several threads.
private final class ResultSlots: @unchecked Sendable {
    // Sendable: every access to the slots goes through the lock.
    private let lock = NSLock()
    private var slots: [Result<[SecretFinding], any Error>]

    init(count: Int) {
        slots = Array(repeating: .success([]), count: count)
    }

    func set(_ index: Int, _ result: Result<[SecretFinding], any Error>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<[SecretFinding], any Error>] { lock.withLock { slots } }
}
