import CCCore
public import Foundation

/// Findings a team has accepted (for example test fixtures), by fingerprint, so later scans report
/// only new ones. Stored as JSON: `{"version": 1, "findings": [{"fingerprint", "rule", "path"}]}`.
public struct SecretBaseline: Sendable, Equatable, Codable {
    /// One accepted finding; rule and path are kept for people reading the file.
    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var rule: String
        public var path: String

        public init(fingerprint: String, rule: String, path: String) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.path = path
        }
    }

    /// The format version; 1 is the only one.
    public var version: Int
    /// The accepted findings, sorted by path, rule and fingerprint.
    public var findings: [Entry]

    /// A baseline accepting exactly the given findings.
    public init(accepting findings: [SecretFinding] = []) {
        version = 1
        self.findings = Set(findings.map { Entry(fingerprint: $0.fingerprint, rule: $0.ruleID, path: $0.path) })
            .sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
    }

    /// Whether a finding is accepted.
    public func contains(_ finding: SecretFinding) -> Bool {
        fingerprints.contains(finding.fingerprint)
    }

    /// The findings that are not accepted, in their order.
    public func filter(_ findings: [SecretFinding]) -> [SecretFinding] {
        let accepted = fingerprints
        return findings.filter { !accepted.contains($0.fingerprint) }
    }

    private var fingerprints: Set<String> { Set(findings.map(\.fingerprint)) }

    /// Reads a baseline file; a missing or malformed file is a user error naming the file.
    public static func load(contentsOf url: URL) throws -> SecretBaseline {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ToolError(
                "cannot read the secrets baseline \(url.path)",
                help: "create one with the current findings, or remove the option naming it")
        }
        do {
            let baseline = try JSONDecoder().decode(SecretBaseline.self, from: data)
            guard baseline.version == 1 else {
                throw ToolError(
                    "the secrets baseline \(url.path) has version \(baseline.version); only version 1 is known")
            }
            return baseline
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError(
                "the secrets baseline \(url.path) is not valid baseline JSON",
                help: "expected {\"version\": 1, \"findings\": [{\"fingerprint\", \"rule\", \"path\"}]}")
        }
    }

    /// Writes the baseline as stable, pretty JSON (sorted keys) that diffs well.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ToolError("cannot write the secrets baseline \(url.path)", help: "check that the folder is writable")
        }
    }
}
