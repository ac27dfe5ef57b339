import CCCore
import Foundation
import Plot

/// Per task: its status, what it waited on, and every run that worked on it, each run's details
/// (findings, diff, merge commit, final report) in a `<details>` the timeline bars open.
enum HTMLTaskSections {
    typealias N = HTMLNodes

    static func render(_ report: TeamReport) -> Body {
        let sections = report.tasksFailuresFirst.map { task($0, in: report) }
        let taskless = report.runs.filter { $0.taskId == nil }
        var children: [Body] = [N.el("h2", text: "Tasks")] + sections
        if !taskless.isEmpty {
            children.append(
                N.el(
                    "section", [("class", "task"), ("id", "runs-without-task")],
                    [N.el("h3", text: "Runs without a task (lead)"), attemptsTable(taskless)]
                        + taskless.map(details)))
        }
        return N.el("section", [("id", "tasks")], children)
    }

    static func task(_ task: TeamReport.Task, in report: TeamReport) -> Body {
        let runs = task.runIds.compactMap(report.run)
        var children: [Body] = [
            N.el(
                "h3", [],
                [
                    N.text("#\(task.id) \(task.subject) "),
                    N.badge(
                        task.status.rawValue.replacingOccurrences(of: "_", with: " "),
                        kind: "task-\(task.status.rawValue)"),
                ])
        ]
        var facts: [String] = []
        if !task.blockedBy.isEmpty {
            facts.append("waits on " + task.blockedBy.map { "#" + $0 }.joined(separator: ", "))
        }
        if let model = task.model { facts.append("model " + model) }
        facts.append("\(runs.count) run\(runs.count == 1 ? "" : "s")")
        children.append(N.el("p", [("class", "facts")], text: facts.joined(separator: " · ")))
        if !task.description.isEmpty {
            children.append(
                N.el("details", [], [N.el("summary", text: "Description"), N.el("pre", text: task.description)]))
        }
        if !task.comments.isEmpty {
            children.append(
                N.el(
                    "details", [],
                    [N.el("summary", text: "Notes (\(task.comments.count))")]
                        + [
                            N.el(
                                "ul", [],
                                task.comments.map {
                                    N.el("li", [], [N.el("b", text: $0.author + ": "), N.el("span", text: $0.content)])
                                })
                        ]))
        }
        if !runs.isEmpty { children.append(attemptsTable(runs)) }
        children += runs.map(details)
        return N.el(
            "section", [("class", "task task-\(task.status.rawValue)"), ("id", TaskGraphSVG.anchor(task))], children)
    }

    static func attemptsTable(_ runs: [TeamReport.Run]) -> Body {
        N.table(
            ["Attempt", "Run", "Agent", "Model", "Outcome", "Duration", "Tokens", "Cost", "Findings", "Merged as"],
            runs.map { run in
                [
                    N.text(run.attempt.map { "\($0)" } ?? "-"),
                    N.el(
                        "a", [("href", "#" + run.anchor), ("class", "run-link"), ("data-run", run.anchor)],
                        text: run.runId),
                    figure(run.agentId),
                    model(run),
                    N.badge(run.outcome.label, kind: "outcome-\(run.outcome.rawValue)"),
                    figure(N.duration(run.durationSeconds)),
                    figure(N.tokens(run.tokens)),
                    figure(N.cost(run.costUSD)),
                    figure("\(run.findings.count)"),
                    N.el("code", text: N.short(run.mergeCommit)),
                ]
            })
    }

    /// A short value that must not wrap (an id, a cost).
    static func figure(_ text: String) -> Body { N.el("span", [("class", "n")], text: text) }

    static func model(_ run: TeamReport.Run) -> Body {
        var nodes: [Body] = [N.text(run.model ?? "unknown")]
        if let requested = run.requestedModel, requested != run.model {
            nodes.append(N.el("span", [("class", "muted")], text: " (asked for \(requested))"))
        }
        if run.modelWarning != nil { nodes.append(N.badge("mismatch", kind: "warn")) }
        return N.el("span", [], nodes)
    }

    /// One run's details, closed until its bar or row is clicked.
    static func details(_ run: TeamReport.Run) -> Body {
        let title =
            "\(run.runId) — \(run.agentId)" + (run.attempt.map { ", attempt \($0)" } ?? "") + " — \(run.outcome.label)"
        var body: [Body] = [
            N.el(
                "summary", [],
                [N.badge(run.outcome.label, kind: "outcome-\(run.outcome.rawValue)"), N.text(" " + title)]),
            N.el(
                "dl", [],
                [
                    fact("Run", run.runId), fact("Agent", "\(run.agentId) (\(run.agentType))"),
                    fact("Model", (run.model ?? "unknown") + (run.requestedModel.map { ", asked for \($0)" } ?? "")),
                    fact("Started", N.time(run.startedAt)),
                    fact("Duration", N.duration(run.durationSeconds)),
                    fact(
                        "Tokens", "\(run.inputTokens) in, \(run.outputTokens) out (\(N.tokens(run.tokens)) total)"),
                    fact("Cost", N.cost(run.costUSD)), fact("Run status", run.status.rawValue),
                    fact("Work commit", run.workCommit ?? "-"), fact("Merge commit", run.mergeCommit ?? "-"),
                ]),
        ]
        if let warning = run.modelWarning {
            body.append(N.el("p", [("class", "warning")], text: "warning: " + warning))
        }
        body.append(N.el("h4", text: "Verification findings"))
        if run.findings.isEmpty {
            body.append(N.el("p", [("class", "muted")], text: "none"))
        } else {
            body.append(
                N.table(
                    ["Severity", "Rule", "Path", "Line", "Message"],
                    run.findings.map { finding in
                        [
                            N.badge(finding.severity.rawValue, kind: "severity-\(finding.severity.rawValue)"),
                            N.el("code", text: finding.rule), N.el("code", text: finding.path ?? "-"),
                            N.text(finding.line.map { "\($0)" } ?? "-"), N.text(finding.message),
                        ]
                    }, classes: "grid wrap"))
        }
        body.append(N.el("h4", text: "Diff"))
        if let diff = run.diff {
            body.append(
                N.el(
                    "p", [],
                    text: "\(diff.filesChanged) file\(diff.filesChanged == 1 ? "" : "s") changed, "
                        + "+\(diff.linesAdded) −\(diff.linesDeleted)"))
            if !diff.files.isEmpty {
                body.append(
                    N.table(
                        ["File", "Change", "Added", "Deleted"],
                        diff.files.map {
                            [
                                N.el("code", text: $0.path), N.text($0.status), N.text("+\($0.linesAdded)"),
                                N.text("−\($0.linesDeleted)"),
                            ]
                        }, classes: "grid wrap"))
            }
        } else {
            body.append(N.el("p", [("class", "muted")], text: "not verified"))
        }
        body.append(
            N.el(
                "details", [("class", "final-report")],
                [
                    N.el("summary", text: "Final report"),
                    N.el("pre", text: run.finalText?.isEmpty == false ? run.finalText! : "(the agent said nothing)"),
                ]))
        return N.el("details", [("class", "run outcome-\(run.outcome.rawValue)"), ("id", run.anchor)], body)
    }

    static func fact(_ term: String, _ value: String) -> Body {
        .group([N.el("dt", text: term), N.el("dd", text: value)])
    }
}
