import CCCore
import Foundation

/// A Markdown summary for pull-request comments: a verdict heading and a table of findings.
struct MarkdownReport {
    func render(_ report: VerifyReport) -> String {
        let counts = report.counts
        var lines = [
            "### ccverify: \(report.passed ? "✅ passed" : "❌ failed")",
            "",
            ReportRenderer.sizeLine(report.summary, findings: report.findings.count) + "; "
                + ReportRenderer.plural(counts.errors, "error") + ", "
                + ReportRenderer.plural(counts.warnings, "warning")
                + ".",
        ]
        if !report.findings.isEmpty {
            lines += ["", "| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
            for finding in report.findings {
                let place = ReportRenderer.place(finding).map { "`\(cell($0))`" } ?? "—"
                var message = cell(finding.message)
                if let redacted = finding.redacted, !redacted.isEmpty, !finding.message.contains(redacted) {
                    message += " (`\(cell(redacted))`)"
                }
                lines.append("| \(finding.severity.rawValue) | `\(finding.rule)` | \(place) | \(message) |")
            }
        }
        if let test = report.test {
            lines += [
                "",
                "Tests (`\(cell(test.command))`): " + (test.passed ? "passed" : test.timedOut ? "timed out" : "failed"),
            ]
            if !test.passed, !test.outputTail.isEmpty {
                let fence = test.outputTail.contains("```") ? "~~~~" : "```"
                lines += [
                    "", "<details><summary>Test output (last lines)</summary>", "", fence, test.outputTail, fence, "",
                    "</details>",
                ]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Escapes what would break a table cell: pipes, backticks' neighbours and line breaks.
    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
