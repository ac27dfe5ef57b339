public import Foundation

/// Scans bytes for secrets with a ``RuleSet``: a keyword prefilter picks the lines worth running
/// rules on, rules without keywords and multi-line rules see the whole file.
///
/// One scanner serves many threads at once: compiled patterns are shared, and each scan borrows
/// per-thread match state from a pool. Build it once per rule set and reuse it.
public final class SecretScanner: Sendable {
    /// Choices that change what is scanned.
    public struct Options: Sendable {
        /// Scan files that look binary (a NUL byte in the first 8 KiB) instead of skipping them.
        public var scanBinaryFiles: Bool

        /// The defaults: binary files are skipped.
        public init(scanBinaryFiles: Bool = false) {
            self.scanBinaryFiles = scanBinaryFiles
        }
    }

    /// The marker that, anywhere on a line (normally in a comment), silences findings on that line.
    public static let allowMarker = "ccverify:allow"
    /// How many leading bytes are inspected for a NUL when deciding a file is binary.
    public static let binaryProbeLength = 8192

    /// The rules this scanner runs.
    public let ruleSet: RuleSet
    /// The choices this scanner was made with.
    public let options: Options

    let rules: [CompiledRule]
    let matcher: KeywordMatcher
    /// Per keyword: line-scoped rules to run on a line where the keyword occurs.
    let lineRulesByKeyword: [[Int32]]
    /// Per keyword: whole-file rules the keyword switches on.
    let fileRulesByKeyword: [[Int32]]
    /// Rules without keywords: they always run over the whole file.
    let alwaysRules: [Int]
    let anyRuleDependsOnPath: Bool
    /// Rules whose own path pattern or allowlists look at the path.
    let pathDependentRules: [Int]
    let maxCapturePairs: Int
    private let pool = WorkspacePool()

    /// Prepares a scanner: builds the keyword automaton over every rule's keywords.
    public init(rules: RuleSet, options: Options = Options()) {
        ruleSet = rules
        self.options = options
        let compiled = rules.compiledRules
        self.rules = compiled
        var owners: [[UInt8]: Set<Int>] = [:]
        var always: [Int] = []
        for (index, rule) in compiled.enumerated() where rule.pattern != nil {
            // A keyword with a line break could never be found on one line; such rules run always.
            let usable = rule.keywords.filter { !$0.contains(0x0A) && !$0.contains(0x0D) }
            if usable.isEmpty {
                always.append(index)
                continue
            }
            for keyword in usable { owners[keyword, default: []].insert(index) }
        }
        let keywords = owners.keys.sorted { $0.lexicographicallyPrecedes($1) }
        matcher = KeywordMatcher(keywords: keywords)
        lineRulesByKeyword = keywords.map { keyword in
            owners[keyword]!.sorted().filter { !compiled[$0].spansLines }.map(Int32.init)
        }
        fileRulesByKeyword = keywords.map { keyword in
            owners[keyword]!.sorted().filter { compiled[$0].spansLines }.map(Int32.init)
        }
        alwaysRules = always
        pathDependentRules = compiled.indices.filter { compiled[$0].dependsOnPath }
        anyRuleDependsOnPath =
            compiled.contains { $0.dependsOnPath } || rules.compiledAllowlists.contains { !$0.paths.isEmpty }
        maxCapturePairs = (compiled.compactMap { $0.pattern?.captureCount }.max() ?? 0) + 1
    }

    /// Scans one file's bytes in place.
    ///
    /// - Parameters:
    ///   - path: the file's path as it should appear in findings (and in fingerprints).
    ///   - onlyLines: keep only findings whose match touches one of these 1-based lines (the added
    ///     lines of a diff); multi-line rules still see the whole file.
    ///   - commit: the commit the bytes come from, for allowlists that name commits.
    /// - Returns: the findings, ordered by line, column and rule order.
    public func scan(
        _ bytes: UnsafeRawBufferPointer, path: String, onlyLines: Set<Int>? = nil, commit: String? = nil
    ) -> [SecretFinding] {
        guard bytes.baseAddress != nil else {
            // An empty buffer may have no address; PCRE2 needs one.
            let placeholder: [UInt8] = [0]
            return placeholder.withUnsafeBytes { placeholder in
                scan(
                    UnsafeRawBufferPointer(start: placeholder.baseAddress, count: 0), path: path,
                    onlyLines: onlyLines, commit: commit)
            }
        }
        let workspace = pool.take(for: self)
        defer { pool.give(workspace) }
        var fileScan = FileScan(
            scanner: self, workspace: workspace, bytes: bytes, path: path, onlyLines: onlyLines, commit: commit,
            scanBinary: options.scanBinaryFiles)
        return fileScan.run()
    }

    /// The text with every secret the rules find replaced by its redacted form, for logs and event
    /// streams that must be kept (`runs/<id>/events.ndjson`). The allow marker is honoured.
    public func redacting(_ text: String) -> String {
        var bytes = Array(text.utf8)
        // Replace from the end so earlier offsets stay valid; skip a range overlapping a later one.
        var lowestReplaced = Int.max
        for range in secretRanges(in: bytes).sorted(by: { $0.lowerBound > $1.lowerBound })
        where range.upperBound <= lowestReplaced {
            let replacement = bytes[range].withUnsafeBytes { Array(SecretText.redact($0).utf8) }
            bytes.replaceSubrange(range, with: replacement)
            lowestReplaced = range.lowerBound
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The exact secret values the rules find in `text`, for a team's taint list (a value found
    /// once is masked wherever it appears later, context or not). The allow marker is honoured.
    public func secretValues(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        return secretRanges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Byte ranges of the secrets in `bytes`, binary or not, with no path.
    private func secretRanges(in bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBytes { buffer in
            guard buffer.baseAddress != nil else { return [] }
            let workspace = pool.take(for: self)
            defer { pool.give(workspace) }
            var fileScan = FileScan(
                scanner: self, workspace: workspace, bytes: buffer, path: "", onlyLines: nil, commit: nil,
                scanBinary: true)
            _ = fileScan.run()
            return fileScan.found.map(\.secret).filter { !$0.isEmpty }
        }
    }

    /// Scans an array of bytes; see ``scan(_:path:onlyLines:commit:)-(UnsafeRawBufferPointer,_,_,_)``.
    public func scan(_ bytes: [UInt8], path: String, onlyLines: Set<Int>? = nil, commit: String? = nil)
        -> [SecretFinding]
    {
        bytes.withUnsafeBytes { scan($0, path: path, onlyLines: onlyLines, commit: commit) }
    }

    /// Scans `Data` without copying it.
    public func scan(_ data: Data, path: String, onlyLines: Set<Int>? = nil, commit: String? = nil)
        -> [SecretFinding]
    {
        data.withUnsafeBytes { scan($0, path: path, onlyLines: onlyLines, commit: commit) }
    }

    /// Scans text (for example a diff hunk or a tool's output).
    public func scan(_ text: String, path: String, onlyLines: Set<Int>? = nil, commit: String? = nil)
        -> [SecretFinding]
    {
        scan(Array(text.utf8), path: path, onlyLines: onlyLines, commit: commit)
    }

    /// Whether bytes look binary: a NUL byte among the first ``binaryProbeLength`` bytes.
    public static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, min(bytes.count, binaryProbeLength)) != nil
    }
}

/// Per-thread scan state, reused across files so a scan allocates almost nothing.
///
/// Not Sendable: it holds PCRE2 match data, which one thread at a time may use.
final class ScanWorkspace {
    let scratch: MatchScratch
    /// Per rule: the line generation in which it was last made a candidate.
    var stamps: [UInt32]
    var generation: UInt32 = 0
    var candidates: [Int32] = []
    /// Per rule: whether a keyword switched this whole-file rule on in the current file.
    var fileRuleOn: [Bool]
    /// Per rule: false when the current file's path disables it.
    var enabled: [Bool]
    /// Rules a global allowlist disabled for the previous file, to switch back on.
    var disabledByGlobal: [Int] = []
    /// Offsets of the line breaks seen so far in the current file.
    var newlines: [Int] = []

    init(ruleCount: Int, capturePairs: Int) {
        scratch = MatchScratch(pairs: capturePairs)
        stamps = [UInt32](repeating: 0, count: ruleCount)
        fileRuleOn = [Bool](repeating: false, count: ruleCount)
        enabled = [Bool](repeating: true, count: ruleCount)
        candidates.reserveCapacity(ruleCount)
    }
}

/// A lock-guarded stack of workspaces, one lent to each concurrent scan.
final class WorkspacePool: @unchecked Sendable {
    // Sendable: the stack is only touched under the lock, and a workspace taken from it is used by
    // exactly one thread until it is given back — the per-thread rule PCRE2 sets for match data.
    private let lock = NSLock()
    private var idle: [ScanWorkspace] = []

    func take(for scanner: SecretScanner) -> ScanWorkspace {
        if let workspace = lock.withLock({ idle.popLast() }) { return workspace }
        return ScanWorkspace(ruleCount: scanner.rules.count, capturePairs: scanner.maxCapturePairs)
    }

    func give(_ workspace: ScanWorkspace) {
        lock.withLock { idle.append(workspace) }
    }
}
