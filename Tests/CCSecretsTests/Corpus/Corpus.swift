import Foundation

/// The labeled secrets corpus: every credential format in every assignment syntax, the
/// self-contained formats in a few containers, and look-alikes that must not be flagged. Built
/// from a fixed seed, so every run sees the same texts; nothing in it is a real secret.
enum Corpus {
    static let seed: UInt64 = 10

    static let samples: [CorpusSample] = positives() + negatives()

    static var keyedSecrets: [CorpusSecret] {
        CorpusSecret.cloudAndSourceHosts + CorpusSecret.servicesAndObservability
            + CorpusSecret.aiPaymentAndMessaging + CorpusSecret.registriesAndGeneric
            + CorpusSecret.namedByTheirSetting + CorpusSecret.newerPrefixedFormats
    }

    static func positives() -> [CorpusSample] {
        var g = FakeCredential(seed: seed)
        var samples: [CorpusSample] = []
        for secret in keyedSecrets {
            for context in AssignmentContext.all {
                let value = secret.make(&g)
                if value.contains(" ") && !context.delimited { continue }
                samples.append(
                    CorpusSample(
                        family: context.family, context: context.name, label: .positive(ruleID: secret.ruleID),
                        path: context.path, text: context.render(secret.key, value)))
            }
        }
        for secret in EmbeddedSecret.all {
            let containers = secret.isBlock ? blockContainers(secret.ruleID) : lineContainers
            for (family, path, wrap) in containers {
                guard let text = wrap(secret.make(&g)) else { continue }
                samples.append(
                    CorpusSample(
                        family: family, context: "embedded", label: .positive(ruleID: secret.ruleID), path: path,
                        text: text))
            }
        }
        return samples
    }

    typealias Container = (family: String, path: String, wrap: @Sendable (String) -> String?)

    /// Where a one-line secret is written: alone, and as the value of a neutral setting.
    static let lineContainers: [Container] = [
        ("plain", "notes.txt", { $0 + "\n" }),
        ("env", ".env", { "SERVICE_ENDPOINT='" + $0 + "'\n" }),
        ("yaml", "config.yaml", { "service:\n  endpoint: '" + $0.replacingOccurrences(of: "'", with: "''") + "'\n" }),
        ("json", "config.json", { "{\"endpoint\": \"" + jsonEscaped($0) + "\"}\n" }),
        ("python", "client.py", { $0.contains("'") ? nil : "ENDPOINT = '" + $0 + "'\n" }),
        ("markdown", "README.md", { "Run this:\n\n    " + $0 + "\n" }),
    ]

    /// Where a key block is written: as a file, JSON-escaped in a string, and as a YAML block scalar.
    static func blockContainers(_ ruleID: String) -> [Container] {
        if ruleID.hasPrefix("kubernetes") { return [("kubernetes", "secret.yaml", { $0 + "\n" })] }
        return [
            ("plain", "id_key", { $0 + "\n" }),
            ("json", "service-account.json", { "{\"type\": \"service\", \"key\": \"" + jsonEscaped($0) + "\\n\"}\n" }),
            (
                "yaml", "values.yaml",
                { "tls:\n  key: |\n" + $0.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n" }
            ),
        ]
    }

    static func negatives() -> [CorpusSample] {
        var g = FakeCredential(seed: seed &+ 1)
        var samples: [CorpusSample] = []
        for (index, value) in NegativeSamples.placeholders.enumerated() {
            for (offset, context) in AssignmentContext.all.enumerated() {
                if value.contains(" ") && !context.delimited { continue }
                let name = NegativeSamples.secretNames[(index + offset) % NegativeSamples.secretNames.count]
                samples.append(
                    CorpusSample(
                        family: context.family, context: context.name, label: .negative(kind: "placeholder"),
                        path: context.path, text: context.render(name, value)))
            }
        }
        for lookup in NegativeSamples.lookups {
            samples.append(
                CorpusSample(
                    family: lookup.family, context: "lookup", label: .negative(kind: "lookup"), path: lookup.path,
                    text: lookup.text + "\n"))
        }
        for context in AssignmentContext.all {
            for (name, value) in NegativeSamples.lookAlikes(&g) {
                if value.contains(" ") && !context.delimited { continue }
                samples.append(
                    CorpusSample(
                        family: context.family, context: context.name, label: .negative(kind: "look-alike"),
                        path: context.path, text: context.render(name, value)))
            }
        }
        return samples
    }

    // MARK: Building blocks

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func base64URL(_ text: String) -> String {
        base64(text).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A JSON Web Token of the usual shape (HS256 header, a small payload, a random signature).
    static func fakeJWT(_ g: inout FakeCredential) -> String {
        let header = base64URL(#"{"alg":"HS256","typ":"JWT"}"#)
        let payload = base64URL(
            #"{"sub":""# + g.digits(10) + #"","name":""# + g.letters(8) + #"","iat":"# + g.digits(10) + "}")
        return header + "." + payload + "." + g.urlSafe(43)
    }

    /// An ordinary English sentence, whose base64 form has the alphabet of a key and none of its randomness.
    static func proseLine(_ g: inout FakeCredential) -> String {
        let words = ["the", "service", "returns", "a", "list", "of", "items", "for", "each", "user", "account", "page"]
        return (0..<12).map { _ in words[Int(g.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
