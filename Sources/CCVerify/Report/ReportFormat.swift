import CCCore
import Foundation

/// The contract's `--format` values.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, sarif, github
}

/// Prints a ``VerifyReport`` in one of the ``ReportFormat``s.
public enum ReportRenderer {
    /// The version reported to SARIF consumers.
    public static let toolVersion = "0.1.0"

    /// Renders `report`; `color` adds ANSI colors to the text format (only on a terminal).
    public static func render(_ report: VerifyReport, as format: ReportFormat, color: Bool = false) -> String {
        switch format {
        case .text: TextReport(color: color).render(report)
        case .json: json(report)
        case .markdown: MarkdownReport().render(report)
        case .sarif: SarifReport.render(report)
        case .github: GitHubAnnotations.render(report)
        }
    }

    /// The contract's JSON document, keys sorted, pretty-printed.
    public static func json(_ report: VerifyReport) -> String {
        let data = (try? JSONCoding.encoder().encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `path:line:col`, as much of it as a finding has.
    static func place(_ finding: Finding) -> String? {
        guard let path = finding.path else { return nil }
        var text = path
        if let line = finding.line {
            text += ":\(line)"
            if let column = finding.column { text += ":\(column)" }
        }
        return text
    }

    /// `N files changed, +A -D` for a change, `N files scanned` for a scan (which has no base).
    static func sizeLine(_ summary: VerifyReport.Summary, findings: Int) -> String {
        if let scanned = summary.filesScanned, summary.base == nil, summary.filesChanged == 0 {
            return "\(scanned) file\(scanned == 1 ? "" : "s") scanned"
        }
        return "\(summary.filesChanged) file\(summary.filesChanged == 1 ? "" : "s") changed, "
            + "+\(summary.linesAdded) -\(summary.linesDeleted)"
    }

    static func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }
}
