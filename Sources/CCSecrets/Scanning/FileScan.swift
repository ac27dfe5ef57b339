import CPCRE2
import Foundation

/// One scan of one file's bytes, in place: the keyword pass over lines, then the whole-file rules.
struct FileScan {
    let scanner: SecretScanner
    let workspace: ScanWorkspace
    let base: UnsafePointer<UInt8>
    let count: Int
    let path: String
    let onlyLines: Set<Int>?
    let commit: String?
    let scanBinary: Bool
    /// Found so far, with the rule's index to order ties and the secret's byte range.
    var found: [(finding: SecretFinding, rule: Int, secret: Range<Int>)] = []
    /// How far line breaks have been indexed into `workspace.newlines`.
    var indexedUpTo = 0

    init(
        scanner: SecretScanner, workspace: ScanWorkspace, bytes: UnsafeRawBufferPointer, path: String,
        onlyLines: Set<Int>?, commit: String?, scanBinary: Bool
    ) {
        self.scanner = scanner
        self.workspace = workspace
        // The caller guarantees an address, even for an empty buffer: PCRE2 needs one.
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        self.path = path
        self.onlyLines = onlyLines
        self.commit = commit
        self.scanBinary = scanBinary
    }

    mutating func run() -> [SecretFinding] {
        if !scanBinary,
            SecretScanner.looksBinary(UnsafeRawBufferPointer(start: base, count: count))
        {
            return []
        }
        workspace.newlines.removeAll(keepingCapacity: true)
        guard applyPathFilters() else { return [] }
        reportPathOnlyRules()
        if count > 0 {
            keywordPass()
            wholeFilePass()
        }
        dropGenericDuplicates()
        found.sort { ($0.finding.line, $0.finding.column, $0.rule) < ($1.finding.line, $1.finding.column, $1.rule) }
        return found.map(\.finding)
    }

    /// A generic rule (tagged `generic`, or with "generic" in its id, as gitleaks decides) that flags
    /// bytes inside a specific rule's secret adds nothing: drop it. A longer generic secret stays.
    mutating func dropGenericDuplicates() {
        guard found.count > 1 else { return }
        let isGeneric = found.map {
            let rule = scanner.rules[$0.rule].rule
            return rule.tags.contains("generic") || rule.id.lowercased().contains("generic")
        }
        guard isGeneric.contains(true) else { return }
        var keep: [(finding: SecretFinding, rule: Int, secret: Range<Int>)] = []
        for (index, entry) in found.enumerated() {
            let duplicate =
                isGeneric[index]
                && found.indices.contains { other in
                    !isGeneric[other] && found[other].secret.lowerBound <= entry.secret.lowerBound
                        && entry.secret.upperBound <= found[other].secret.upperBound
                }
            if !duplicate { keep.append(entry) }
        }
        found = keep
    }

    // MARK: Paths

    /// Works out which rules this path disables; false when a global allowlist skips the file.
    mutating func applyPathFilters() -> Bool {
        guard scanner.anyRuleDependsOnPath else { return true }
        let scratch = workspace.scratch
        let pathBytes = Array(path.utf8)
        return pathBytes.withUnsafeBytes { pathBuffer in
            for index in scanner.pathDependentRules {
                let rule = scanner.rules[index]
                var on = rule.pathPattern?.matches(pathBuffer, scratch: scratch) ?? true
                if on {
                    on = !rule.allowlists.contains { list in
                        list.list.condition == .or && list.paths.contains { $0.matches(pathBuffer, scratch: scratch) }
                    }
                }
                workspace.enabled[index] = on
            }
            for index in workspace.disabledByGlobal { workspace.enabled[index] = true }
            workspace.disabledByGlobal.removeAll(keepingCapacity: true)
            for list in scanner.ruleSet.compiledAllowlists
            where list.list.condition == .or && list.paths.contains(where: { $0.matches(pathBuffer, scratch: scratch) })
            {
                if list.targetRules.isEmpty { return false }
                for index in scanner.rules.indices where list.targetRules.contains(scanner.rules[index].rule.id) {
                    workspace.enabled[index] = false
                    workspace.disabledByGlobal.append(index)
                }
            }
            return true
        }
    }

    /// Rules with a path pattern and no regex flag the whole file.
    mutating func reportPathOnlyRules() {
        for (index, rule) in scanner.rules.enumerated() where rule.pattern == nil && workspace.enabled[index] {
            guard rule.pathPattern?.matches(path, scratch: workspace.scratch) == true else { continue }
            let fingerprint = SecretText.fingerprint(
                ruleID: rule.rule.id, path: path, secret: UnsafeRawBufferPointer(start: nil, count: 0))
            let finding = SecretFinding(
                ruleID: rule.rule.id, description: rule.rule.description, path: path, line: 1, column: 1, endLine: 1,
                redacted: "(whole file)", fingerprint: fingerprint, tags: rule.rule.tags)
            if onlyLines == nil || onlyLines?.isEmpty == false { found.append((finding, index, 0..<0)) }
        }
    }

    // MARK: Keyword pass

    /// Finds keywords with the matcher's filter. At the first keyword of a line that has line
    /// rules, it collects the rest of that line's keywords, runs the candidate rules on the line
    /// and resumes after it; keywords of whole-file rules only switch those rules on.
    mutating func keywordPass() {
        let matcher = scanner.matcher
        matcher.windowBits.withUnsafeBufferPointer { bitsBuffer in
            let bits = bitsBuffer.baseAddress!
            let mask = matcher.windowMask
            var index = 0
            var previousLineEnd = 0
            while let position = nextCandidate(from: index, before: count, bits: bits, mask: mask) {
                index = position + 1
                var opened = false
                var keywordStart = position
                matcher.keywords(withWindowAt: position, in: base, count: count) { keyword, start in
                    markFileRules(keyword)
                    guard !scanner.lineRulesByKeyword[keyword].isEmpty else { return }
                    if !opened {
                        beginCandidates()
                        opened = true
                    }
                    keywordStart = min(keywordStart, start)
                    addCandidates(keyword)
                }
                guard opened else { continue }
                let lineStart = startOfLine(containing: keywordStart, notBefore: previousLineEnd)
                let lineEnd = endOfLine(from: position)
                while let next = nextCandidate(from: index, before: lineEnd, bits: bits, mask: mask) {
                    index = next + 1
                    matcher.keywords(withWindowAt: next, in: base, count: lineEnd) { keyword, _ in
                        markFileRules(keyword)
                        addCandidates(keyword)
                    }
                }
                runCandidates(lineStart: lineStart, lineEnd: lineEnd)
                index = lineEnd
                previousLineEnd = lineEnd
            }
        }
    }

    /// The filter: the first position in `start..<limit` whose hashed prefix is in the set. Each
    /// test is independent of the others, so the CPU overlaps them (four bytes loaded at once,
    /// little-endian as on every platform Swift runs on).
    @inline(__always)
    func nextCandidate(from start: Int, before limit: Int, bits: UnsafePointer<UInt64>, mask: UInt32) -> Int? {
        let raw = UnsafeRawPointer(base)
        var index = start
        // Four positions per step from one 8-byte load, with one branch for all four.
        while index &+ 3 < limit && index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | 0x2020_2020_2020_2020
            let h0 = KeywordMatcher.foldedHash(UInt32(truncatingIfNeeded: word) & mask)
            let h1 = KeywordMatcher.foldedHash(UInt32(truncatingIfNeeded: word &>> 8) & mask)
            let h2 = KeywordMatcher.foldedHash(UInt32(truncatingIfNeeded: word &>> 16) & mask)
            let h3 = KeywordMatcher.foldedHash(UInt32(truncatingIfNeeded: word &>> 24) & mask)
            let t0 = (bits[h0 &>> 6] &>> UInt64(h0 & 63)) & 1
            let t1 = (bits[h1 &>> 6] &>> UInt64(h1 & 63)) & 1
            let t2 = (bits[h2 &>> 6] &>> UInt64(h2 & 63)) & 1
            let t3 = (bits[h3 &>> 6] &>> UInt64(h3 & 63)) & 1
            if t0 | t1 | t2 | t3 != 0 {
                if t0 != 0 { return index }
                if t1 != 0 { return index &+ 1 }
                if t2 != 0 { return index &+ 2 }
                return index &+ 3
            }
            index &+= 4
        }
        let lastFullLoad = limit &- 4
        while index <= lastFullLoad {
            let value = raw.loadUnaligned(fromByteOffset: index, as: UInt32.self)
            let hash = KeywordMatcher.windowHash(value, mask: mask)
            if bits[hash &>> 6] & (1 &<< UInt64(hash & 63)) != 0 { return index }
            index &+= 1
        }
        while index < limit {
            var value: UInt32 = 0
            for offset in 0..<min(4, count - index) { value |= UInt32(base[index + offset]) << (8 * offset) }
            let hash = KeywordMatcher.windowHash(value, mask: mask)
            if bits[hash >> 6] & (1 << UInt64(hash & 63)) != 0 { return index }
            index += 1
        }
        return nil
    }

    @inline(__always)
    func startOfLine(containing offset: Int, notBefore floor: Int) -> Int {
        var start = offset
        while start > floor && base[start - 1] != 0x0A { start -= 1 }
        return start
    }

    /// The offset of the line break ending the line at `offset`, or the end of the buffer.
    @inline(__always)
    func endOfLine(from offset: Int) -> Int {
        guard offset < count, let found = memchr(base + offset, 0x0A, count - offset) else { return count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    func beginCandidates() {
        workspace.generation &+= 1
        if workspace.generation == 0 {
            for index in workspace.stamps.indices { workspace.stamps[index] = 0 }
            workspace.generation = 1
        }
        workspace.candidates.removeAll(keepingCapacity: true)
    }

    func addCandidates(_ keyword: Int) {
        for rule in scanner.lineRulesByKeyword[keyword] where workspace.stamps[Int(rule)] != workspace.generation {
            workspace.stamps[Int(rule)] = workspace.generation
            workspace.candidates.append(rule)
        }
    }

    func markFileRules(_ keyword: Int) {
        for rule in scanner.fileRulesByKeyword[keyword] { workspace.fileRuleOn[Int(rule)] = true }
    }

    mutating func runCandidates(lineStart: Int, lineEnd: Int) {
        if workspace.candidates.count > 1 { workspace.candidates.sort() }
        var end = lineEnd
        if end > lineStart && base[end - 1] == 0x0D { end -= 1 }
        for rule in workspace.candidates where workspace.enabled[Int(rule)] {
            runRule(Int(rule), subjectStart: lineStart, subjectEnd: end, line: lineStart..<lineEnd)
        }
    }

    // MARK: Whole-file rules

    mutating func wholeFilePass() {
        for index in scanner.alwaysRules where workspace.enabled[index] {
            runRule(index, subjectStart: 0, subjectEnd: count, line: nil)
        }
        for index in scanner.rules.indices where workspace.fileRuleOn[index] {
            workspace.fileRuleOn[index] = false
            if workspace.enabled[index] { runRule(index, subjectStart: 0, subjectEnd: count, line: nil) }
        }
    }

    /// Runs one rule over `base[subjectStart..<subjectEnd]`, reporting each match.
    mutating func runRule(_ index: Int, subjectStart: Int, subjectEnd: Int, line: Range<Int>?) {
        guard let pattern = scanner.rules[index].pattern else { return }
        let scratch = workspace.scratch
        let subject = base + subjectStart
        let length = subjectEnd - subjectStart
        var offset = 0
        while offset <= length, pattern.firstMatch(in: subject, length: length, from: offset, scratch: scratch) {
            guard let whole = scratch.range(ofGroup: 0) else { break }
            let secret = secretRange(of: scanner.rules[index], pattern: pattern, whole: whole)
            offset = whole.upperBound > whole.lowerBound ? whole.upperBound : whole.upperBound + 1
            let shifted = (whole.lowerBound + subjectStart)..<(whole.upperBound + subjectStart)
            let shiftedSecret = (secret.lowerBound + subjectStart)..<(secret.upperBound + subjectStart)
            report(rule: index, match: shifted, secret: shiftedSecret, line: line)
        }
    }

    func secretRange(of rule: CompiledRule, pattern: CompiledPattern, whole: Range<Int>) -> Range<Int> {
        let scratch = workspace.scratch
        if let group = rule.rule.secretGroup, group > 0 {
            return scratch.range(ofGroup: group) ?? whole.upperBound..<whole.upperBound
        }
        if pattern.captureCount > 0 {
            for group in 1...pattern.captureCount {
                if let range = scratch.range(ofGroup: group), !range.isEmpty { return range }
            }
        }
        return whole
    }
}
