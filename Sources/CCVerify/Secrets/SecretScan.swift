import CCCore
import CCGit
import CCSecrets
public import Foundation

/// What `ccverify scan` scans: files and folders, the staged change, or a commit range.
public struct ScanRequest: Sendable {
    /// Files and folders, as typed; folders are walked (skipping `.git`).
    public var paths: [String]
    /// Scan what the index adds over HEAD.
    public var staged: Bool
    /// Scan what each commit of a range adds (`A..B`, or one revision for its whole history).
    public var logRange: String?
    public var rulesFile: URL?
    /// Findings whose fingerprints this baseline holds are not reported.
    public var baselineFile: URL?
    /// Where relative paths start, and where to look for the repository.
    public var directory: URL

    public init(
        paths: [String] = [], staged: Bool = false, logRange: String? = nil, rulesFile: URL? = nil,
        baselineFile: URL? = nil, directory: URL
    ) {
        self.paths = paths
        self.staged = staged
        self.logRange = logRange
        self.rulesFile = rulesFile
        self.baselineFile = baselineFile
        self.directory = directory
    }
}

/// The library side of `ccverify scan`.
public enum SecretScan {
    /// Scans what the request names and reports every secret found (minus the baseline's).
    public static func run(_ request: ScanRequest) throws -> VerifyReport {
        let needsRepository = request.staged || request.logRange != nil
        let repository = needsRepository ? try Repository.discover(from: request.directory.path) : nil
        let rulesRoot = repository.map { URL(fileURLWithPath: $0.root) } ?? repositoryRootIfAny(request.directory)
        let rules = try SecretRules.load(file: request.rulesFile, repositoryRoot: rulesRoot)
        let scanner = SecretScanner(rules: rules)
        let baseline = try request.baselineFile.map { try SecretBaseline.load(contentsOf: $0) }
        var found: [SecretFinding] = []
        var scanned = 0

        if !request.paths.isEmpty || (!request.staged && request.logRange == nil) {
            let files = try walk(request.paths.isEmpty ? ["."] : request.paths, from: request.directory)
            scanned += files.count
            found += scanFiles(files, scanner: scanner, directory: request.directory)
        }
        if request.staged, let repository {
            let changes = try repository.diffStaged(options: DiffOptions(includeAddedLines: true))
            scanned += changes.count
            found += changes.flatMap { AddedLinesScan.scan($0, scanner: scanner, commit: nil) }
        }
        if let range = request.logRange, let repository {
            for commit in try repository.commits(inRange: range) {
                let changes = try repository.diff(
                    from: commit.parents.first, to: commit.id, options: DiffOptions(includeAddedLines: true))
                scanned += changes.count
                found += changes.flatMap { AddedLinesScan.scan($0, scanner: scanner, commit: commit.id.hex) }
            }
        }
        if let baseline { found = baseline.filter(found) }
        return VerifyReport(
            findings: found.map { $0.finding() }, summary: VerifyReport.Summary(filesScanned: scanned),
            verifiedAt: Date(), ruleDescriptions: SecretRules.descriptions(rules))
    }

    /// The repository around `directory`, if there is one, for its `.ccteam/policies/secrets.toml`.
    private static func repositoryRootIfAny(_ directory: URL) -> URL? {
        (try? Repository.discover(from: directory.path)).map { URL(fileURLWithPath: $0.root) }
    }

    /// Every regular file named or under a named folder, as display path → absolute path.
    static func walk(_ paths: [String], from directory: URL) throws -> [(display: String, url: URL)] {
        var files: [(String, URL)] = []
        for path in paths {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw ToolError(
                    "no such file or folder: \(path)", help: "check the path; it is relative to \(directory.path)")
            }
            guard isDirectory.boolValue else {
                files.append((path, url))
                continue
            }
            let prefix = path == "." ? "" : (path.hasSuffix("/") ? path : path + "/")
            guard
                let walker = FileManager.default.enumerator(
                    at: url, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
            else { continue }
            let base = url.standardizedFileURL.path
            for case let item as URL in walker {
                let values = try? item.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
                if values?.isDirectory == true, item.lastPathComponent == ".git" {
                    walker.skipDescendants()
                    continue
                }
                guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
                let full = item.standardizedFileURL.path
                let relative =
                    full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : item.lastPathComponent
                files.append((prefix + relative, item))
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Scans whole files in parallel.
    static func scanFiles(_ files: [(display: String, url: URL)], scanner: SecretScanner, directory: URL)
        -> [SecretFinding]
    {
        let slots = SecretSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            guard let data = FileManager.default.contents(atPath: file.url.path) else { return }
            slots.set(index, scanner.scan(data, path: file.display))
        }
        return slots.all.flatMap { $0 }
    }
}

/// Scans only the lines a diff entry adds, reporting them at their line numbers in the new file.
enum AddedLinesScan {
    static func scan(_ change: FileChange, scanner: SecretScanner, commit: String?) -> [SecretFinding] {
        guard change.newPath != nil, !change.isBinary, change.newMode != .symlink, change.newMode != .submodule,
            !change.addedLines.isEmpty
        else { return [] }
        // The added lines, one per line; finding line k maps back to the k-th added line.
        let text = change.addedLines.map(\.text).joined(separator: "\n")
        return scanner.scan(text, path: change.path, commit: commit).map { finding in
            var mapped = finding
            let index = min(max(finding.line - 1, 0), change.addedLines.count - 1)
            let endIndex = min(max(finding.endLine - 1, 0), change.addedLines.count - 1)
            mapped.line = change.addedLines[index].number
            mapped.endLine = change.addedLines[endIndex].number
            if let commit {
                mapped.description =
                    (finding.description.isEmpty ? "a secret" : finding.description) + " in commit "
                    + String(commit.prefix(12))
            }
            return mapped
        }
    }
}

/// Per-index secret findings written from many threads, each slot once.
final class SecretSlots: @unchecked Sendable {
    // Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var slots: [[SecretFinding]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [SecretFinding]) { lock.withLock { slots[index] = value } }

    var all: [[SecretFinding]] { lock.withLock { slots } }
}
