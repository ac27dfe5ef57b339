import Foundation
import Plot

/// The timeline: one lane per agent, each run a bar from its start to its end, coloured by how it
/// ended; a retry says which attempt it is, and every bar links to its run's details.
enum TimelineSVG {
    static let width = 1000.0
    static let gutter = 120.0
    static let laneHeight = 34.0
    static let barHeight = 22.0
    static let axisHeight = 26.0

    static func render(_ report: TeamReport) -> Body {
        let start = report.header.startedAt
        let span = max(1, report.header.endedAt.timeIntervalSince(start))
        let plot = width - gutter - 10
        func x(_ date: Date) -> Double { gutter + plot * min(1, max(0, date.timeIntervalSince(start) / span)) }
        let height = axisHeight + Double(report.lanes.count) * laneHeight + 6
        var nodes: [Body] = axis(span: span, plot: plot, height: height)
        for (index, lane) in report.lanes.enumerated() {
            let top = axisHeight + Double(index) * laneHeight
            nodes.append(
                svg(
                    "text", [("x", "8"), ("y", f(top + laneHeight / 2 + 4)), ("class", "lane-label")],
                    text: lane.agentId))
            nodes.append(
                svg(
                    "line",
                    [
                        ("x1", f(gutter)), ("x2", f(width - 10)), ("y1", f(top + laneHeight)),
                        ("y2", f(top + laneHeight)),
                    ],
                    [], classes: "lane-rule"))
            for run in lane.runIds.compactMap(report.run) {
                let left = x(run.startedAt)
                let right = x(run.endedAt ?? report.header.endedAt)
                nodes.append(bar(run, left: left, width: max(4, right - left), top: top + (laneHeight - barHeight) / 2))
            }
        }
        return HTMLNodes.el(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(f(width)) \(f(height))"),
                ("class", "timeline"), ("role", "img"), ("aria-label", "Timeline of every run, one lane per agent"),
            ], nodes)
    }

    static func bar(_ run: TeamReport.Run, left: Double, width: Double, top: Double) -> Body {
        let retry = (run.attempt ?? 1) > 1
        var label = run.taskId.map { "#\($0)" } ?? run.agentType
        if let attempt = run.attempt, attempt > 1 { label += " try \(attempt)" }
        let title =
            "\(run.runId) · \(run.agentId)" + (run.taskId.map { " · task #\($0)" } ?? "")
            + (run.attempt.map { " · attempt \($0)" } ?? "") + " · \(run.outcome.label) · "
            + HTMLNodes.duration(run.durationSeconds)
        var children: [Body] = [
            svg("title", [], text: title),
            svg(
                "rect",
                [("x", f(left)), ("y", f(top)), ("width", f(width)), ("height", f(barHeight)), ("rx", "4")],
                [], classes: "bar outcome-\(run.outcome.rawValue)" + (retry ? " retry" : "")),
        ]
        if width > Double(label.count) * 7 + 8 {
            children.append(
                svg(
                    "text", [("x", f(left + 5)), ("y", f(top + barHeight / 2 + 4)), ("class", "bar-label")], text: label
                ))
        }
        return HTMLNodes.el(
            "a", [("href", "#" + run.anchor), ("class", "run-link"), ("data-run", run.anchor)], children)
    }

    /// Elapsed-time ticks along the top.
    static func axis(span: Double, plot: Double, height: Double) -> [Body] {
        let steps = 5
        return (0...steps).flatMap { step -> [Body] in
            let xPos = gutter + plot * Double(step) / Double(steps)
            return [
                svg(
                    "line", [("x1", f(xPos)), ("x2", f(xPos)), ("y1", f(axisHeight - 6)), ("y2", f(height))], [],
                    classes: "tick"),
                svg(
                    "text",
                    [
                        ("x", f(xPos)), ("y", "14"), ("class", "tick-label"),
                        ("text-anchor", step == steps ? "end" : "middle"),
                    ],
                    text: "+" + HTMLNodes.duration(span * Double(step) / Double(steps))),
            ]
        }
    }

    static func svg(_ name: String, _ attributes: [(String, String)], _ children: [Body], classes: String) -> Body {
        HTMLNodes.el(name, attributes + [("class", classes)], children)
    }

    static func svg(_ name: String, _ attributes: [(String, String)], text: String) -> Body {
        HTMLNodes.el(name, attributes, text: text)
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
