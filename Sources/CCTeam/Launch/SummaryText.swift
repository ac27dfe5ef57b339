import Foundation

/// The end-of-launch summary as people read it: what got done, what it cost, how to take the work.
public enum SummaryText {
    public static func render(_ summary: LaunchSummary) -> String {
        var lines: [String] = []
        if summary.tasks == 0 {
            lines.append("Team \(summary.team): the lead planned no tasks.")
            if let text = summary.leadText {
                lines.append("The lead's final message:")
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            }
            return lines.joined(separator: "\n")
        }
        let verdict = summary.state == .finished ? "finished" : "stopped"
        lines.append(
            "Team \(summary.team) \(verdict): \(summary.resolved.count) of \(summary.tasks) task"
                + "\(summary.tasks == 1 ? "" : "s") resolved, \(summary.failed.count) failed, "
                + "\(summary.notStarted.count) not started.")
        lines.append(
            "Runs: \(summary.runs), tokens: \(StatusBoard.tokens(summary.tokens)), cost: "
                + String(format: "$%.4f", summary.costUSD))
        lines += summary.spending.lines()
        if !summary.failed.isEmpty {
            lines.append("Failed: " + ids(summary.failed) + " (see 'ccteam tasks show ID' for the reasons)")
        }
        if !summary.notStarted.isEmpty {
            let why = summary.state == .finished ? "waiting on failed tasks" : "'ccteam resume' continues"
            lines.append("Not started: " + ids(summary.notStarted) + " (\(why))")
        }
        if let tampering = summary.tampering {
            lines.append("Stopped because the repository was changed outside the launcher:")
            lines += tampering.differences.map { "  - " + $0 }
            lines.append(
                "Runs live then: " + (tampering.liveRuns.isEmpty ? "none" : tampering.liveRuns.joined(separator: ", ")))
            lines.append(
                "The integration branch was restored to \(tampering.restoredIntegration.prefix(12)), with everything "
                    + "merged before; .git/config and .git/hooks were put back (changed files kept under .ccteam/teams/"
                    + "\(summary.team)/).")
        }
        lines.append("Integration branch: \(summary.integrationBranch)")
        if !summary.resolved.isEmpty {
            lines.append("Take the work with: git merge \(summary.integrationBranch)")
        }
        if let report = summary.reportPath { lines.append("Report: \(report)") }
        return lines.joined(separator: "\n")
    }

    static func ids(_ ids: [String]) -> String { ids.map { "#" + $0 }.joined(separator: ", ") }
}
