import CCCore
import CCTestSupport
import Foundation
import Testing

@testable import CCSecrets

/// Redaction, fingerprints, entropy and baselines: what may be said about a secret.
@Suite struct SecretTextTests {
    func with<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        Array(text.utf8).withUnsafeBytes(body)
    }

    @Test func sha256MatchesTheStandardTestVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test(arguments: [
        "ab", "hunter2", "12345678901", "abcdefghijkl", "sk_live_0123456789abcdef", "ключ-секрет-значение",
    ])
    func redactionNeverContainsTheSecret(_ secret: String) {
        let redacted = with(secret) { SecretText.redact($0) }
        #expect(!redacted.contains(secret))
        #expect(redacted.count <= 8)
        if secret.count < SecretText.shortLength {
            #expect(redacted == "********")
        } else {
            #expect(redacted == String(secret.prefix(4)) + "…" + String(secret.suffix(2)))
        }
    }

    @Test func fingerprintsAreStableAndDependOnRulePathAndSecret() {
        let one = with("secret-value-1") { SecretText.fingerprint(ruleID: "r", path: "a", secret: $0) }
        #expect(one == with("secret-value-1") { SecretText.fingerprint(ruleID: "r", path: "a", secret: $0) })
        #expect(one.count == 32)
        #expect(one != with("secret-value-2") { SecretText.fingerprint(ruleID: "r", path: "a", secret: $0) })
        #expect(one != with("secret-value-1") { SecretText.fingerprint(ruleID: "r", path: "b", secret: $0) })
        #expect(one != with("secret-value-1") { SecretText.fingerprint(ruleID: "s", path: "a", secret: $0) })
    }

    @Test func entropyIsShannonBitsPerByte() {
        #expect(with("") { SecretText.entropy($0) } == 0)
        #expect(with("aaaa") { SecretText.entropy($0) } == 0)
        #expect(with("abab") { SecretText.entropy($0) } == 1)
        #expect(with("abcdefgh") { SecretText.entropy($0) } == 3)
    }

    @Test func aBaselineRoundTripsAndFiltersAcceptedFindings() throws {
        var fake = FakeCredential(seed: 11)
        let scanner = SecretScanner(rules: try RuleSet.builtin())
        let first = "a = ghp_" + fake.alnum(36) + "\n"
        let second = "b = ghp_" + fake.alnum(36) + "\n"
        let accepted = scanner.scan(first, path: "fixtures/a.txt")
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("secrets-baseline.json")
        try SecretBaseline(accepting: accepted).save(to: url)
        let saved = try directory.read("secrets-baseline.json")
        #expect(saved.contains("\"fingerprint\""))
        #expect(!saved.contains(String(first.dropFirst(8).prefix(10))))

        let baseline = try SecretBaseline.load(contentsOf: url)
        #expect(baseline == SecretBaseline(accepting: accepted))
        // A moved line keeps its fingerprint; a new secret does not.
        let later = scanner.scan("\n\n" + first + second, path: "fixtures/a.txt")
        #expect(later.count == 2)
        #expect(baseline.filter(later).map(\.line) == [4])
        #expect(baseline.contains(later[0]))
    }

    @Test func aMalformedBaselineIsAUserError() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write("baseline.json", "{\"version\": 1}")
        #expect(throws: ToolError.self) { _ = try SecretBaseline.load(contentsOf: url) }
        let future = try directory.write("future.json", "{\"version\": 2, \"findings\": []}")
        #expect(throws: ToolError.self) { _ = try SecretBaseline.load(contentsOf: future) }
        #expect(throws: ToolError.self) {
            _ = try SecretBaseline.load(contentsOf: directory.url.appendingPathComponent("none.json"))
        }
    }
}
