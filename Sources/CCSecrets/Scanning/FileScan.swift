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
    /// Found so far, with the rule's index to order ties.
    var found: [(finding: SecretFinding, rule: Int)] = []
    /// How far line breaks have been indexed into `workspace.newlines`.
    var indexedUpTo = 0

    init(
        scanner: SecretScanner, workspace: ScanWorkspace, bytes: UnsafeRawBufferPointer, path: String,
        onlyLines: Set<Int>?, commit: String?
    ) {
        self.scanner = scanner
        self.workspace = workspace
        // The caller guarantees an address, even for an empty buffer: PCRE2 needs one.
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        self.path = path
        self.onlyLines = onlyLines
        self.commit = commit
    }

    mutating func run() -> [SecretFinding] {
        if !scanner.options.scanBinaryFiles, SecretScanner.looksBinary(UnsafeRawBufferPointer(start: base, count: count)) {
            return []
        }
        workspace.newlines.removeAll(keepingCapacity: true)
        guard applyPathFilters() else { return [] }
        reportPathOnlyRules()
        if count > 0 {
            keywordPass()
            wholeFilePass()
        }
        found.sort { ($0.finding.line, $0.finding.column, $0.rule) < ($1.finding.line, $1.finding.column, $1.rule) }
        return found.map(\.finding)
    }

    // MARK: Paths

    /// Works out which rules this path disables; false when a global allowlist skips the file.
    mutating func applyPathFilters() -> Bool {
        guard scanner.anyRuleDependsOnPath else { return true }
        let scratch = workspace.scratch
        for index in scanner.rules.indices {
            let rule = scanner.rules[index]
            var on = rule.pathPattern?.matches(path, scratch: scratch) ?? true
            if on {
                on = !rule.allowlists.contains { list in
                    list.list.condition == .or && list.paths.contains { $0.matches(path, scratch: scratch) }
                }
            }
            workspace.enabled[index] = on
        }
        for list in scanner.ruleSet.compiledAllowlists
        where list.list.condition == .or && list.paths.contains(where: { $0.matches(path, scratch: scratch) }) {
            if list.targetRules.isEmpty { return false }
            for index in scanner.rules.indices where list.targetRules.contains(scanner.rules[index].rule.id) {
                workspace.enabled[index] = false
            }
        }
        return true
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
            if onlyLines == nil || onlyLines?.isEmpty == false { found.append((finding, index)) }
        }
    }

    // MARK: Keyword pass

    /// Runs the automaton over the bytes; at the first keyword of a line, finishes that line's
    /// keywords, runs the candidate rules on the line and resumes after it.
    mutating func keywordPass() {
        let automaton = scanner.automaton
        let classCount = automaton.classCount
        let acceptBit = KeywordAutomaton.acceptBit
        automaton.table.withUnsafeBufferPointer { table in
            automaton.classes.withUnsafeBufferPointer { classes in
                var row = 0
                var index = 0
                var previousLineEnd = 0
                while index < count {
                    let entry = table[row &+ Int(classes[Int(base[index])])]
                    index &+= 1
                    if entry < acceptBit {
                        row = Int(entry)
                        continue
                    }
                    row = Int(entry & ~acceptBit)
                    let state = row / classCount
                    if scanner.lineRulesByState[state].isEmpty {
                        markFileRules(state)
                        continue
                    }
                    let lineStart = startOfLine(containing: index - 1, notBefore: previousLineEnd)
                    let lineEnd = endOfLine(from: index)
                    beginCandidates()
                    addCandidates(state)
                    while index < lineEnd {
                        let next = table[row &+ Int(classes[Int(base[index])])]
                        index &+= 1
                        row = Int(next & ~acceptBit)
                        if next >= acceptBit { addCandidates(row / classCount) }
                    }
                    runCandidates(lineStart: lineStart, lineEnd: lineEnd)
                    row = 0
                    previousLineEnd = lineEnd
                }
            }
        }
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

    func addCandidates(_ state: Int) {
        for rule in scanner.lineRulesByState[state] where workspace.stamps[Int(rule)] != workspace.generation {
            workspace.stamps[Int(rule)] = workspace.generation
            workspace.candidates.append(rule)
        }
        markFileRules(state)
    }

    func markFileRules(_ state: Int) {
        for rule in scanner.fileRulesByState[state] { workspace.fileRuleOn[Int(rule)] = true }
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
