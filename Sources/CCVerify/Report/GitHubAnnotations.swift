public import CCCore
import Foundation

/// GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::message`.
public enum GitHubAnnotations {
    static func render(_ report: VerifyReport) -> String {
        var lines = report.findings.map(annotation)
        let counts = report.counts
        lines.append(
            "ccverify: \(report.passed ? "passed" : "failed"): "
                + ReportRenderer.sizeLine(report.summary, findings: report.findings.count) + "; "
                + ReportRenderer.plural(counts.errors, "error") + ", "
                + ReportRenderer.plural(counts.warnings, "warning"))
        return lines.joined(separator: "\n")
    }

    /// One annotation line for a finding.
    public static func annotation(_ finding: Finding) -> String {
        var properties: [String] = []
        if let path = finding.path { properties.append("file=" + escapeProperty(path)) }
        if let line = finding.line { properties.append("line=\(line)") }
        if let column = finding.column { properties.append("col=\(column)") }
        properties.append("title=" + escapeProperty("ccverify " + finding.rule))
        var message = finding.message
        if let redacted = finding.redacted, !redacted.isEmpty, !message.contains(redacted) {
            message += " (" + redacted + ")"
        }
        let command = finding.severity == .error ? "error" : "warning"
        return "::\(command) \(properties.joined(separator: ","))::" + escapeData(message)
    }

    /// Escapes a message: `%`, CR and LF.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value: as a message, plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
