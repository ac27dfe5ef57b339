import CCCore
import CCSecrets
import Dispatch
import Foundation

/// Scans what a change added for secrets: the added lines of each changed file, the whole content of a
/// new file. Files are scanned in parallel; the scanner's compiled patterns are shared between threads.
struct ChangeScanner {
    /// One file's new content and the lines to report on (`nil`: all of them).
    struct Item {
        var path: String
        var content: Data
        var onlyLines: Set<Int>?
    }

    let scanner: SecretScanner

    /// The items worth scanning in a change, with content read by `content(path)`.
    static func items(for files: [ChangedFile], content: (String) -> Data?) -> [Item] {
        var items: [Item] = []
        for file in files {
            guard file.status != .deleted, file.newMode != .symlink, file.newMode != .submodule else { continue }
            let onlyLines: Set<Int>?
            if file.status == .added || file.status == .copied {
                onlyLines = nil
            } else {
                guard !file.addedLineNumbers.isEmpty else { continue }
                onlyLines = Set(file.addedLineNumbers)
            }
            guard let data = content(file.path) else { continue }
            items.append(Item(path: file.path, content: data, onlyLines: onlyLines))
        }
        return items
    }

    /// Scans every item, in parallel, and returns findings in item order.
    func scan(_ items: [Item]) -> [Finding] {
        let results = ResultSlots(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let item = items[index]
            results.set(
                index, scanner.scan(item.content, path: item.path, onlyLines: item.onlyLines).map { $0.finding() })
        }
        return results.all.flatMap { $0 }
    }
}

/// Per-index result slots written from many threads, each slot once.
final class ResultSlots: @unchecked Sendable {
    // Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var slots: [[Finding]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [Finding]) { lock.withLock { slots[index] = value } }

    var all: [[Finding]] { lock.withLock { slots } }
}
