import CCCore
import CCTeam
import Foundation

/// The report sized for a pull-request comment: the header, failures first, one row per task and
/// per attempt, findings, and spending. Recorded text is escaped so it cannot add markup, links
/// or HTML to the comment.
public enum MarkdownReport {
    public static func render(_ report: TeamReport) -> String {
        let head = report.header
        var lines: [String] = [
            "## ccteam report: \(cell(head.team))", "",
            "**Goal:** \(cell(head.goal))", "",
            "| Outcome | Base | Integration tip | Wall time | Tokens | Cost |",
            "| --- | --- | --- | --- | --- | --- |",
            "| \(cell(head.outcome)) | `\(HTMLNodes.short(head.baseCommit))` | `\(HTMLNodes.short(head.integrationTip))` "
                + "| \(HTMLNodes.duration(head.wallSeconds)) | \(HTMLNodes.tokens(head.tokens)) "
                + "| \(HTMLNodes.cost(head.costUSD)) |",
        ]
        if !report.warnings.isEmpty {
            lines += [""] + report.warnings.map { "> warning: \(cell($0))" }
        }
        let failedRuns = report.failedRuns
        let failedTasks = report.tasks.filter { $0.status == .failed }
        if !failedTasks.isEmpty || !failedRuns.isEmpty {
            lines += ["", "### Failures", ""]
            lines += failedTasks.map { "- task #\(cell($0.id)) \(cell($0.subject)) failed" }
            lines += failedRuns.map { run in
                "- run `\(code(run.runId))` by \(cell(run.agentId))" + (run.taskId.map { " on #\(cell($0))" } ?? "")
                    + (run.attempt.map { ", attempt \($0)" } ?? "") + ": \(run.outcome.label)"
                    + (run.findings.first.map { " — \(cell($0.rule)): \(cell($0.message))" } ?? "")
            }
        }
        lines += [
            "", "### Tasks", "",
            "| Task | Status | Attempt | Run | Agent | Model | Outcome | Duration | Tokens | Cost | Findings | Merged as |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for task in report.tasksFailuresFirst {
            let runs = task.runIds.compactMap(report.run)
            let title = "#\(cell(task.id)) \(cell(task.subject))"
            if runs.isEmpty {
                lines.append("| \(title) | \(task.status.rawValue) | - | - | - | - | - | - | - | - | - | - |")
            }
            for (index, run) in runs.enumerated() {
                lines.append(
                    "| \(index == 0 ? title : "") | \(index == 0 ? task.status.rawValue : "") "
                        + "| \(run.attempt.map { "\($0)" } ?? "-") | `\(code(run.runId))` | \(cell(run.agentId)) "
                        + "| \(cell(run.model ?? "unknown")) | \(run.outcome.label) | \(HTMLNodes.duration(run.durationSeconds)) "
                        + "| \(HTMLNodes.tokens(run.tokens)) | \(HTMLNodes.cost(run.costUSD)) | \(run.findings.count) "
                        + "| `\(HTMLNodes.short(run.mergeCommit))` |")
            }
        }
        let findings = report.runs.flatMap { run in run.findings.map { (run, $0) } }
        if !findings.isEmpty {
            lines += [
                "", "### Findings", "", "| Run | Rule | Path | Line | Message |", "| --- | --- | --- | --- | --- |",
            ]
            lines += findings.map { run, finding in
                "| `\(code(run.runId))` | `\(code(finding.rule))` | `\(code(finding.path ?? "-"))` "
                    + "| \(finding.line.map { "\($0)" } ?? "-") | \(cell(finding.message)) |"
            }
        }
        lines += [
            "", "### Cost and tokens", "", "| By | Name | Runs | Tokens | Cost |", "| --- | --- | --- | --- | --- |",
        ]
        let groups: [(kind: String, rows: [String: Spending.Line], keys: [String])] = [
            ("model", report.spending.byModel, report.spending.byModel.keys.sorted()),
            ("agent", report.spending.byAgent, report.spending.byAgent.keys.sorted(by: TeamStatus.agentPrecedes)),
        ]
        for (kind, rows, keys) in groups {
            for key in keys {
                let line = rows[key]!
                lines.append(
                    "| \(kind) | \(cell(key)) | \(line.runs) | \(HTMLNodes.tokens(line.tokens)) "
                        + "| \(HTMLNodes.cost(line.costUSD)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a table cell: Markdown and HTML punctuation escaped, on one line.
    static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\n", "\r": escaped += " "
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "|", "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "~":
                escaped += "\\" + String(character)
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Text inside a code span: backticks and line breaks cannot end it early.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
