import Foundation
import Testing

@testable import CCSecrets

/// The built-in rules against the labeled corpus: they find the planted fakes in every assignment
/// syntax and pass the look-alikes. A failure prints which rules and contexts fall short.
@Suite struct SecretsCorpusTests {
    /// One sample and the rules that flagged it.
    struct Outcome: Sendable {
        var sample: CorpusSample
        var rules: [String]
        var flagged: Bool { !rules.isEmpty }
    }

    static let outcomes: [Outcome] = {
        let scanner = SecretScanner(rules: try! RuleSet.builtin())
        return Corpus.samples.map { Outcome(sample: $0, rules: scanner.scan($0.text, path: $0.path).map(\.ruleID)) }
    }()

    static var positives: [Outcome] { outcomes.filter(\.sample.isPositive) }
    static var negatives: [Outcome] { outcomes.filter { !$0.sample.isPositive } }

    @Test func theCorpusIsLargeAndCoversEveryContext() {
        #expect(Self.positives.count >= 10_000)
        #expect(Self.negatives.count >= 2_000)
        let families = Set(Self.positives.map(\.sample.family))
        #expect(families.isSuperset(of: ["shell", "env", "yaml", "json", "xml", "makefile", "php", "go", "csharp"]))
    }

    @Test func everyPlantedSecretIsForARuleThatExists() throws {
        let ids = Set(try RuleSet.builtin().rules.map(\.id))
        let planted = Set(Self.positives.map(\.sample.subject))
        #expect(planted.subtracting(ids).sorted() == [], "samples for rules that do not exist")
    }

    @Test func findsAtLeast99PercentOfThePlantedSecrets() {
        let missed = Self.positives.filter { !$0.flagged }
        let recall = 1 - Double(missed.count) / Double(Self.positives.count)
        #expect(recall >= 0.99, "recall \(percent(recall)); missed by rule: \(tally(missed, \.sample.subject))")
    }

    /// Recall counted per rule, and only when the planted rule itself reports the secret (not a generic
    /// rule standing in for it): every rule finds at least 90% (or all but one) of its own secrets.
    /// Settings named only by a generic word may be reported by the generic rule for that word instead.
    @Test func everyRuleFindsItsOwnPlantedSecrets() {
        let reportedByGenericRules: Set = ["ansible-password", "generic-env-secret", "gradle-credential"]
        var weak: [String] = []
        for (rule, outcomes) in Dictionary(grouping: Self.positives, by: \.sample.subject)
        where !reportedByGenericRules.contains(rule) {
            let own = outcomes.filter { $0.rules.contains(rule) }.count
            if Double(own) < 0.9 * Double(outcomes.count) && own < outcomes.count - 1 {
                weak.append("\(rule) \(own)/\(outcomes.count)")
            }
        }
        #expect(weak.sorted() == [], "rules that find too few of their own planted secrets")
    }

    @Test func everyContextFamilyFindsAtLeast97Percent() {
        for (family, outcomes) in Dictionary(grouping: Self.positives, by: \.sample.family) {
            let missed = outcomes.filter { !$0.flagged }
            let recall = 1 - Double(missed.count) / Double(outcomes.count)
            #expect(
                recall >= 0.97,
                "\(family): recall \(percent(recall)); missed: \(tally(missed) { "\($0.sample.context) \($0.sample.subject)" })"
            )
        }
    }

    @Test func flagsAtMostOnePercentOfTheLookAlikes() {
        let flagged = Self.negatives.filter(\.flagged)
        let rate = Double(flagged.count) / Double(Self.negatives.count)
        #expect(
            rate <= 0.01,
            "false-positive rate \(percent(rate)); by rule: \(tally(flagged) { $0.rules.joined(separator: "+") }); first: \(flagged.prefix(5).map(\.sample.text))"
        )
    }

    @Test func theDocumentedExampleKeysAreNeverFlagged() {
        let examples = Self.negatives.filter { $0.sample.text.contains("EXAMPLE") }
        #expect(!examples.isEmpty)
        #expect(examples.filter(\.flagged).map(\.sample.text) == [])
    }

    /// Writes the corpus to `CCSECRETS_CORPUS_DIR` for the differential against other scanners
    /// (`scripts/secrets-differential.sh`): one folder per sample, keeping its file name, and a
    /// `manifest.json` with each sample's label.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CCSECRETS_CORPUS_DIR"] != nil))
    func writesTheCorpusWhenAskedTo() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CCSECRETS_CORPUS_DIR"]!)
        let files = FileManager.default
        var manifest: [[String: String]] = []
        for (index, sample) in Corpus.samples.enumerated() {
            let folder = String(format: "%@/%05d", sample.isPositive ? "positive" : "negative", index)
            let file = root.appendingPathComponent(folder).appendingPathComponent(sample.path)
            try files.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(sample.text.utf8).write(to: file)
            manifest.append([
                "file": folder + "/" + sample.path, "positive": sample.isPositive ? "1" : "0",
                "subject": sample.subject, "family": sample.family, "context": sample.context,
            ])
        }
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
        try json.write(to: root.appendingPathComponent("manifest.json"))
    }
}

private func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

/// "name ×count" for the most frequent names, most frequent first.
private func tally(_ outcomes: [SecretsCorpusTests.Outcome], _ name: (SecretsCorpusTests.Outcome) -> String) -> String {
    let counts = Dictionary(grouping: outcomes, by: name).mapValues(\.count)
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(40).map { "\($0.key) ×\($0.value)" }
        .joined(separator: ", ")
}
