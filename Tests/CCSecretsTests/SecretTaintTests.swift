import CCCore
import CCSecrets
import Foundation
import Testing

/// A found secret is never kept: not in its context, not escaped inside JSON, not bare later on.
@Suite struct SecretTaintTests {
    static let scanner = SecretScanner(rules: try! RuleSet.builtin())

    /// The ways a record can carry a sample: as written, and the encodings an event stream adds.
    enum Context: String, CaseIterable, CustomTestStringConvertible {
        /// The sample as an agent wrote it.
        case plain
        /// Inside a JSON string, ended by an escaped newline (an env blob in a tool result).
        case jsonEscapedNewline
        /// Inside a JSON string that is itself the value of a JSON string (a tool result holding JSON).
        case nestedJSON
        /// A Python-style repr of a file's lines: single quotes, `\n` and `\'` escapes.
        case repr
        /// Every character of the whole line spelled as a `\u` escape.
        case unicodeEscaped

        var testDescription: String { rawValue }

        func wrap(_ sample: String) -> String {
            switch self {
            case .plain: return sample
            case .jsonEscapedNewline:
                return Self.json(["type": "tool_result", "content": "cat .env\n\(sample)\nNEXT=1\n"])
            case .nestedJSON: return Self.json(["type": "user", "content": Self.json(["stdout": sample + "\n"])])
            case .repr: return "'cat .env\\n" + sample.replacingOccurrences(of: "'", with: "\\'") + "\\nDEBUG=1'"
            case .unicodeEscaped:
                let escaped = (sample + "\n").unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
                return "{\"type\":\"assistant\",\"text\":\"" + escaped + "\"}"
            }
        }

        private static func json(_ object: [String: String]) -> String {
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The value the built-in rules find in a rule's own sample.
    static func value(of sample: RuleSample) -> String? {
        scanner.secretValues(in: sample.truePositive).max { $0.utf8.count < $1.utf8.count }
    }

    /// Every decoded string of a JSON text, or the text itself: where a reader would see a value.
    static func readable(_ text: String) -> String {
        ([text] + strings(in: text)).joined(separator: "\n")
    }

    private static func strings(in text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return [] }
        func strings(_ object: Any) -> [String] {
            switch object {
            case let string as String: [string] + Self.strings(in: string)
            case let array as [Any]: array.flatMap(strings)
            case let dictionary as [String: Any]: dictionary.flatMap { [$0.key] + strings($0.value) }
            default: []
            }
        }
        return strings(object)
    }

    @Test(arguments: RuleSample.all, Context.allCases)
    func noValueSurvivesItsRecord(sample: RuleSample, context: Context) throws {
        let value = try #require(Self.value(of: sample), "the built-in rules find \(sample.ruleID)'s sample")
        let taint = SecretTaint(scanner: Self.scanner)
        let record = taint.redact(context.wrap(sample.truePositive))
        #expect(!Self.readable(record).contains(value), "\(sample.ruleID) in \(context)")
        // Once found, the bare value is masked in any later text, with no context around it.
        guard value.utf8.count >= SecretTaint.minimumTaintLength else { return }
        let later = taint.redact("Done. I used the key " + value + " as asked.")
        #expect(!later.contains(value), "\(sample.ruleID) repeated bare")
    }

    @Test func aJSONLineStaysValidJSONAndKeepsItsLength() throws {
        var fake = FakeCredential(seed: 7)
        let secret = fake.base64(40)
        let line = #"{"type":"tool_result","content":"AWS_SECRET_ACCESS_KEY=\#(secret)\nREGION=eu"}"#
        let taint = SecretTaint(scanner: Self.scanner)
        let redacted = taint.redact(line)
        #expect(redacted.utf8.count == line.utf8.count)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(redacted.utf8)) as? [String: String])
        #expect(object["content"]?.hasSuffix("\nREGION=eu") == true)
        #expect(object["content"]?.contains(secret) == false)
        #expect(taint.knownValues == [secret])
    }

    @Test func aValueLearnedLaterIsMaskedInEarlierRecordsInPlace() throws {
        var fake = FakeCredential(seed: 11)
        let secret = "ghp_" + fake.alnum(36)
        let learned = Locked<[String]>([])
        let taint = SecretTaint(scanner: Self.scanner) { values in learned.withLock { $0 += values } }
        // Written before anything was found: a bare token the rules also find, kept as it was.
        var earlier = Array("first line\nthe value \(secret) bare\n".utf8)
        #expect(!taint.maskKnown(in: &earlier))
        _ = taint.redact("GITHUB_TOKEN=\(secret)")
        _ = taint.redact("GITHUB_TOKEN=\(secret)")
        #expect(learned.withLock { $0 } == [secret], "each value is reported once")
        let length = earlier.count
        #expect(taint.maskKnown(in: &earlier))
        #expect(earlier.count == length)
        #expect(!String(decoding: earlier, as: UTF8.self).contains(secret))
        #expect(String(decoding: earlier, as: UTF8.self).hasPrefix("first line\nthe value ghp_*"))
    }

    @Test func masksKeepLengthAndNeverSplitAnEscape() {
        #expect(SecretTaint.mask(Array("abcdefghijklmnop".utf8)) == "abcd**********op")
        #expect(SecretTaint.mask(Array("short-one".utf8)) == "*********")
        #expect(SecretTaint.mask(Array(#"ab\/cdefghijklmnop"#.utf8)) == String(repeating: "*", count: 18))
        #expect(SecretTaint.mask(Array("ключ-секрет-значение".utf8)).utf8.count == "ключ-секрет-значение".utf8.count)
    }

    @Test func textWithoutSecretsIsUntouched() {
        let taint = SecretTaint(scanner: Self.scanner)
        let line = #"{"type":"assistant","text":"All tests pass.\nNothing to add."}"#
        #expect(taint.redact(line) == line)
        #expect(taint.knownValues.isEmpty)
    }
}
