import CCCore
import Foundation

/// SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules that fired, one result per finding.
enum SarifReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Log: Encodable {
        let schema = SarifReport.schema
        let version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        let name = "ccverify"
        let version = ReportRenderer.toolVersion
        let informationUri = "https://github.com/ccteam/ccteam"
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }
    struct Text: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]?
        var partialFingerprints: [String: String]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        let uriBaseId = "%SRCROOT%"
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }

    static func render(_ report: VerifyReport) -> String {
        var ruleIDs: [String] = []
        var levels: [String: String] = [:]
        for finding in report.findings where levels[finding.rule] == nil {
            ruleIDs.append(finding.rule)
            levels[finding.rule] = level(finding.severity)
        }
        let rules = ruleIDs.map { id in
            Rule(
                id: id, name: ruleName(id),
                shortDescription: Text(text: RuleCatalog.describe(id, extra: report.ruleDescriptions)),
                defaultConfiguration: Configuration(level: levels[id] ?? "error"))
        }
        let index = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        // GitHub rejects a whole SARIF file when one result has no location, so a finding about the whole
        // change (too many files, failed tests) is anchored at the first file the change touched.
        let anchor = report.changes.map(\.path).min()
        let results = report.findings.map { finding in
            var message = finding.message
            if let redacted = finding.redacted, !redacted.isEmpty, !message.contains(redacted) {
                message += " (" + redacted + ")"
            }
            let location = (finding.path ?? anchor).map { path in
                Location(
                    physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: uri(path)),
                        region: (finding.path == nil ? 1 : finding.line).map {
                            Region(startLine: $0, startColumn: finding.path == nil ? nil : finding.column)
                        }))
            }
            return Result(
                ruleId: finding.rule, ruleIndex: index[finding.rule] ?? 0, level: level(finding.severity),
                message: Text(text: message), locations: location.map { [$0] },
                partialFingerprints: finding.fingerprint.map { ["ccverify/v1": $0] })
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(rules: rules)), results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(log)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func level(_ severity: Finding.Severity) -> String {
        severity == .error ? "error" : "warning"
    }

    /// A rule's name in PascalCase, as SARIF viewers show it (`scope.max-files` → `ScopeMaxFiles`).
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A relative URI reference: percent-encodes what a URI path may not hold, keeps `/`.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":?#[]@")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
