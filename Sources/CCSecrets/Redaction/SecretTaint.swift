import Foundation

/// A team's memory of the secrets it has seen, and the redaction that uses it.
///
/// A rule often needs context to find a secret (`AWS_SECRET_ACCESS_KEY=` before the value); once
/// found, the value is *tainted* and masked wherever it appears later, bare or escaped, with or
/// without that context. Text is also scanned after decoding — JSON string values and common
/// backslash escapes — so an escaped `\n` or `\"` cannot hide a value from a rule. Values are
/// held in memory only: never stored, encoded or printed.
///
/// Masks keep a value's length (see ``mask(_:)``), so a record can be rewritten in place while
/// another process appends to it.
public final class SecretTaint: @unchecked Sendable {
    // Sendable: `known` is only touched under the lock; the scanner is Sendable.
    /// Values shorter than this are masked where a rule finds them but not tainted: too short to
    /// mask everywhere without hitting innocent text.
    public static let minimumTaintLength = 8

    private let scanner: SecretScanner
    private let onLearn: @Sendable ([String]) -> Void
    private let lock = NSLock()
    private var known: Set<String> = []

    /// - Parameter onLearn: called with each batch of newly tainted values (outside any lock), so
    ///   records written before a value was known can be rewritten.
    public init(scanner: SecretScanner, onLearn: @escaping @Sendable ([String]) -> Void = { _ in }) {
        self.scanner = scanner
        self.onLearn = onLearn
    }

    /// Every tainted value, longest first.
    public var knownValues: [String] { Self.longestFirst(lock.withLock { known }) }

    /// Taints the secrets the rules find in `text` (raw and decoded) without redacting anything.
    public func learn(from text: String) {
        _ = learn(values: found(in: text))
    }

    /// Taints these exact values; returns the ones that were new.
    @discardableResult
    public func learn(values: some Sequence<String>) -> [String] {
        let fresh = lock.withLock {
            values.filter { $0.utf8.count >= Self.minimumTaintLength && known.insert($0).inserted }
        }
        if !fresh.isEmpty { onLearn(fresh) }
        return fresh
    }

    /// `text` with every secret masked: what the rules find in it (raw or decoded), and every value
    /// tainted before. What is found is tainted.
    public func redact(_ text: String) -> String {
        let local = found(in: text)
        learn(values: local)
        let values = Array(Set(local).union(lock.withLock { known }))
        guard !values.isEmpty else { return text }
        var bytes = Array(text.utf8)
        Self.mask(values, in: &bytes)
        let masked = String(decoding: bytes, as: UTF8.self)
        // `\u` escapes can spell a value in a form no byte search sees: check the decoded text.
        guard masked.contains("\\u") else { return masked }
        return JSONStrings.replacing(values, with: { Self.mask(Array($0.utf8)) }, inLines: masked)
    }

    /// Masks every tainted value in `bytes`, in each form it may take in a record; returns whether
    /// anything changed. The length stays the same.
    public func maskKnown(in bytes: inout [UInt8]) -> Bool {
        let values = knownValues
        guard !values.isEmpty else { return false }
        return Self.mask(values, in: &bytes)
    }

    /// The secrets in `text`: on the raw text, on it with backslash escapes undone, and in every
    /// JSON string value of each line that is JSON.
    private func found(in text: String) -> [String] {
        var values = scanner.secretValues(in: text)
        guard text.contains("\\") || text.contains("{") || text.contains("[") else { return values }
        if text.contains("\\") { values += scanner.secretValues(in: Unescaping.unescaped(text)) }
        for string in JSONStrings.strings(inLines: text) where string.utf8.count >= Self.minimumTaintLength {
            values += scanner.secretValues(in: string)
        }
        return values
    }

    /// Masks each value in every form: as is, and JSON-escaped with and without `\/`. Longest
    /// first, so a value inside a longer one cannot leave the longer one's rest in the clear.
    @discardableResult
    public static func mask(_ values: [String], in bytes: inout [UInt8]) -> Bool {
        var changed = false
        for value in longestFirst(values) {
            for form in Unescaping.encodedForms(of: value) {
                changed = replaceAll(form, in: &bytes) || changed
            }
        }
        return changed
    }

    /// A same-length mask: the first 4 and last 2 characters kept around stars for a printable
    /// ASCII value of 12 bytes or more, stars only otherwise (and wherever kept bytes would split
    /// an escape).
    public static func mask(_ value: [UInt8]) -> String {
        let keep =
            value.count >= 12
            && (value.prefix(4) + value.suffix(2)).allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x22 }
        guard keep else { return String(repeating: "*", count: value.count) }
        return String(decoding: value.prefix(4), as: UTF8.self) + String(repeating: "*", count: value.count - 6)
            + String(decoding: value.suffix(2), as: UTF8.self)
    }

    private static func longestFirst(_ values: some Sequence<String>) -> [String] {
        values.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
    }

    private static func replaceAll(_ needle: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return false }
        let replacement = Array(mask(needle).utf8)
        var offsets: [Int] = []
        bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                // memchr for the first byte, memcmp for the rest: memmem is not in Swift's Glibc.
                let base = haystack.baseAddress!
                let first = Int32(pattern[0])
                var start = 0
                while start + pattern.count <= haystack.count,
                    let hit = memchr(base + start, first, haystack.count - pattern.count + 1 - start)
                {
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pattern.baseAddress!, pattern.count) == 0 {
                        offsets.append(offset)
                        start = offset + pattern.count
                    } else {
                        start = offset + 1
                    }
                }
            }
        }
        for offset in offsets { bytes.replaceSubrange(offset..<offset + needle.count, with: replacement) }
        return !offsets.isEmpty
    }
}
