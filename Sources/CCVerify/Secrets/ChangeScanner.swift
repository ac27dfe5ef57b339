import CCCore
import CCSecrets
import Dispatch
import Foundation

/// Scans what a change added for secrets: the added lines of each changed file, the whole content of a
/// new file. Files are scanned in parallel; the scanner's compiled patterns are shared between threads.
struct ChangeScanner {
    /// Where a file's new content comes from.
    enum Content {
        /// Already read (for example a blob from a commit).
        case data(Data)
        /// A file on disk, read by the scanning thread itself.
        case file(String)
    }

    /// One file's new content and the lines to report on (`nil`: all of them).
    struct Item {
        var path: String
        var content: Content
        var onlyLines: Set<Int>?
    }

    let scanner: SecretScanner

    /// The items worth scanning in a change; `content(path)` says where each file's new content is.
    static func items(for files: [ChangedFile], content: (String) -> Content?) -> [Item] {
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
            guard let source = content(file.path) else { continue }
            items.append(Item(path: file.path, content: source, onlyLines: onlyLines))
        }
        return items
    }

    /// Reads (where needed) and scans every item, in parallel, and returns findings in item order.
    func scan(_ items: [Item]) -> [Finding] {
        let results = ResultSlots<[Finding]>(count: items.count, empty: [])
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let item = items[index]
            let data: Data?
            switch item.content {
            case .data(let bytes): data = bytes
            case .file(let path): data = FileManager.default.contents(atPath: path)
            }
            guard let data else { return }
            results.set(index, scanner.scan(data, path: item.path, onlyLines: item.onlyLines).map { $0.finding() })
        }
        return results.all.flatMap { $0 }
    }
}

/// Per-index results written from many threads, each slot once, read after all writers are done.
final class ResultSlots<Value>: @unchecked Sendable {
    // Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var slots: [Value]

    init(count: Int, empty: Value) { slots = Array(repeating: empty, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var all: [Value] { lock.withLock { slots } }
}
