import CCCore
import Foundation
import Plot

/// The task graph: a box per task coloured by status, in columns by dependency depth, with an
/// arrow from each blocker to the task that waits on it. Each box links to its task's section.
enum TaskGraphSVG {
    static let boxWidth = 250.0
    static let boxHeight = 40.0
    static let columnGap = 70.0
    static let rowGap = 18.0
    static let margin = 10.0

    static func render(_ tasks: [TeamReport.Task]) -> Body {
        let depth = depths(tasks)
        let columns = Dictionary(grouping: tasks, by: { depth[$0.id] ?? 0 })
        var place: [String: (x: Double, y: Double)] = [:]
        for (column, members) in columns {
            for (row, task) in members.sorted(by: { numeric($0.id) < numeric($1.id) }).enumerated() {
                place[task.id] = (
                    margin + Double(column) * (boxWidth + columnGap), margin + Double(row) * (boxHeight + rowGap)
                )
            }
        }
        let width = margin * 2 + Double((columns.keys.max() ?? 0) + 1) * (boxWidth + columnGap) - columnGap
        let rows = columns.values.map(\.count).max() ?? 1
        let height = margin * 2 + Double(rows) * (boxHeight + rowGap) - rowGap
        var nodes: [Body] = [
            HTMLNodes.el(
                "defs", [],
                [
                    HTMLNodes.el(
                        "marker",
                        [
                            ("id", "arrow"), ("viewBox", "0 0 10 10"), ("refX", "9"), ("refY", "5"),
                            ("markerWidth", "7"), ("markerHeight", "7"), ("orient", "auto-start-reverse"),
                        ], [HTMLNodes.el("path", [("d", "M 0 0 L 10 5 L 0 10 z"), ("class", "arrow-head")])])
                ])
        ]
        for task in tasks {
            guard let to = place[task.id] else { continue }
            for blocker in task.blockedBy {
                guard let from = place[blocker] else { continue }
                let (x1, y1) = (from.x + boxWidth, from.y + boxHeight / 2)
                let (x2, y2) = (to.x - 2, to.y + boxHeight / 2)
                let bend = (x2 - x1) / 2
                let path =
                    "M \(f(x1)) \(f(y1)) C \(f(x1 + bend)) \(f(y1)), \(f(x2 - bend)) \(f(y2)), \(f(x2)) \(f(y2))"
                nodes.append(
                    HTMLNodes.el(
                        "path", [("d", path), ("class", "edge"), ("marker-end", "url(#arrow)")],
                        [HTMLNodes.el("title", text: "#\(task.id) waits on #\(blocker)")]))
            }
        }
        for task in tasks {
            guard let at = place[task.id] else { continue }
            nodes.append(box(task, x: at.x, y: at.y))
        }
        return HTMLNodes.el(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(f(width)) \(f(height))"),
                ("width", f(width)), ("class", "task-graph"), ("role", "img"),
                ("aria-label", "Task graph: arrows point at the task that waits"),
            ], nodes)
    }

    static func box(_ task: TeamReport.Task, x: Double, y: Double) -> Body {
        let label = "#\(task.id) " + task.subject
        let shown = label.count > 31 ? String(label.prefix(30)) + "…" : label
        return HTMLNodes.el(
            "a", [("href", "#" + anchor(task)), ("class", "task-link")],
            [
                HTMLNodes.el("title", text: "\(label) (\(task.status.rawValue))"),
                HTMLNodes.el(
                    "rect",
                    [
                        ("x", f(x)), ("y", f(y)), ("width", f(boxWidth)), ("height", f(boxHeight)), ("rx", "6"),
                        ("class", "task-box task-\(task.status.rawValue)"),
                    ]),
                HTMLNodes.el("text", [("x", f(x + 8)), ("y", f(y + 17)), ("class", "task-label")], text: shown),
                HTMLNodes.el(
                    "text", [("x", f(x + 8)), ("y", f(y + 32)), ("class", "task-status")],
                    text: task.status.rawValue.replacingOccurrences(of: "_", with: " ")
                        + " · \(task.runIds.count) run\(task.runIds.count == 1 ? "" : "s")"),
            ])
    }

    /// Each task's column: one more than its deepest blocker (cycles, which the store refuses,
    /// would stop at the task count).
    static func depths(_ tasks: [TeamReport.Task]) -> [String: Int] {
        let byID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var depth: [String: Int] = [:]
        func visit(_ id: String, _ guardCount: Int) -> Int {
            if let known = depth[id] { return known }
            guard guardCount < tasks.count, let task = byID[id] else { return 0 }
            let value = task.blockedBy.filter { byID[$0] != nil }.map { visit($0, guardCount + 1) + 1 }.max() ?? 0
            depth[id] = value
            return value
        }
        for task in tasks { _ = visit(task.id, 0) }
        return depth
    }

    /// The task's section anchor: `task-3`.
    static func anchor(_ task: TeamReport.Task) -> String {
        "task-" + (task.id.allSatisfy { $0.isASCII && $0.isNumber } ? task.id : "x")
    }

    static func numeric(_ id: String) -> (Int, String) { (Int(id) ?? .max, id) }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
