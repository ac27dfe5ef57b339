import CPCRE2
import Foundation

/// Turning a match into a finding: entropy, the allow marker, allowlists, lines, redaction.
extension FileScan {
    private static let marker = Array(SecretScanner.allowMarker.utf8)

    mutating func report(rule index: Int, match: Range<Int>, secret: Range<Int>, line knownLine: Range<Int>?) {
        guard !secret.isEmpty else { return }
        let rule = scanner.rules[index]
        let secretBytes = UnsafeRawBufferPointer(start: base + secret.lowerBound, count: secret.count)
        if let threshold = rule.rule.entropy, threshold > 0, SecretText.entropy(secretBytes) < threshold { return }
        let line =
            knownLine.flatMap { $0.contains(secret.lowerBound) ? $0 : nil }
            ?? (startOfLine(containing: secret.lowerBound, notBefore: 0)..<endOfLine(from: secret.lowerBound))
        let lineBytes = UnsafeRawBufferPointer(start: base + line.lowerBound, count: line.count)
        if contains(lineBytes, Self.marker) { return }
        let matchBytes = UnsafeRawBufferPointer(start: base + match.lowerBound, count: match.count)
        let texts = AllowTexts(secret: secretBytes, match: matchBytes, line: lineBytes)
        for list in rule.allowlists where allows(list, texts) { return }
        for list in scanner.ruleSet.compiledAllowlists where list.targets(rule.rule.id) && allows(list, texts) {
            return
        }
        let firstLine = lineNumber(at: secret.lowerBound)
        let matchFirstLine = lineNumber(at: match.lowerBound)
        let lastLine = lineNumber(at: max(match.lowerBound, match.upperBound - 1))
        if let onlyLines, !(min(firstLine, matchFirstLine)...lastLine).contains(where: onlyLines.contains) { return }
        var finding = SecretFinding(
            ruleID: rule.rule.id, description: rule.rule.description, path: path, line: firstLine,
            column: secret.lowerBound - line.lowerBound + 1, endLine: lastLine,
            redacted: SecretText.redact(secretBytes),
            fingerprint: SecretText.fingerprint(ruleID: rule.rule.id, path: path, secret: secretBytes),
            tags: rule.rule.tags)
        finding.byteRange = secret
        found.append((finding, index, secret))
    }

    /// The three texts an allowlist's regexes may look at.
    struct AllowTexts {
        var secret: UnsafeRawBufferPointer
        var match: UnsafeRawBufferPointer
        var line: UnsafeRawBufferPointer
    }

    /// Whether an allowlist allows a finding: any criterion (OR) or every given criterion (AND).
    func allows(_ list: CompiledAllowlist, _ texts: AllowTexts) -> Bool {
        let scratch = workspace.scratch
        var given = 0
        var met = 0
        if !list.commits.isEmpty {
            given += 1
            if let commit, list.commits.contains(commit) { met += 1 }
        }
        if !list.paths.isEmpty {
            given += 1
            if list.paths.contains(where: { $0.matches(path, scratch: scratch) }) { met += 1 }
        }
        if !list.regexes.isEmpty {
            given += 1
            let target: UnsafeRawBufferPointer
            switch list.list.regexTarget {
            case .secret: target = texts.secret
            case .match: target = texts.match
            case .line: target = texts.line
            }
            if list.regexes.contains(where: { $0.matches(target, scratch: scratch) }) { met += 1 }
        }
        if !list.stopwords.isEmpty {
            given += 1
            if list.stopwords.contains(where: { containsFolded(texts.secret, $0) }) { met += 1 }
        }
        switch list.list.condition {
        case .or: return met > 0
        case .and: return given > 0 && met == given
        }
    }

    // MARK: Lines

    /// The 1-based line holding `offset`, indexing line breaks only as far as needed.
    mutating func lineNumber(at offset: Int) -> Int {
        while indexedUpTo <= offset && indexedUpTo < count {
            guard let hit = memchr(base + indexedUpTo, 0x0A, count - indexedUpTo) else {
                indexedUpTo = count
                break
            }
            let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            workspace.newlines.append(position)
            indexedUpTo = position + 1
        }
        // Count the line breaks before `offset`.
        var low = 0
        var high = workspace.newlines.count
        while low < high {
            let middle = (low + high) / 2
            if workspace.newlines[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }

    // MARK: Byte search

    func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let start = haystack.baseAddress, haystack.count >= needle.count else { return false }
        return needle.withUnsafeBytes { memmem(start, haystack.count, $0.baseAddress, needle.count) } != nil
    }

    /// Whether `haystack`, folded to lower case, contains the lower-case `needle`.
    func containsFolded(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) {
            var index = 0
            while index < needle.count && KeywordMatcher.fold(haystack[start + index]) == needle[index] {
                index += 1
            }
            if index == needle.count { return true }
        }
        return false
    }
}
