import CCCore

/// Compiler-style lines, `path:line:col: error: [rule] message`, then one summary line.
struct TextReport {
    var color: Bool

    func render(_ report: VerifyReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
            let severity =
                finding.severity == .error ? paint("error:", "31") : paint("warning:", "33")
            var line = ReportRenderer.place(finding).map { paint($0 + ":", "1") + " " } ?? ""
            line += "\(severity) [\(finding.rule)] \(finding.message)"
            lines.append(line)
            if let redacted = finding.redacted, !redacted.isEmpty, !finding.message.contains(redacted) {
                lines.append("    " + paint(redacted, "2"))
            }
        }
        if let test = report.test, !test.passed, !test.outputTail.isEmpty {
            lines.append(paint("test output (last lines):", "2"))
            lines.append(
                contentsOf: test.outputTail.split(separator: "\n", omittingEmptySubsequences: false).map {
                    "    " + $0
                })
        }
        let counts = report.counts
        let verdict = report.passed ? paint("passed", "32") : paint("failed", "31")
        var summary =
            "ccverify: \(verdict): " + ReportRenderer.sizeLine(report.summary, findings: report.findings.count)
        summary +=
            "; \(ReportRenderer.plural(counts.errors, "error")), \(ReportRenderer.plural(counts.warnings, "warning"))"
        if let test = report.test {
            summary += test.passed ? "; tests passed" : (test.timedOut ? "; tests timed out" : "; tests failed")
        }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
