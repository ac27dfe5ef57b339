public import CCCore
import Foundation

/// How tasks read on a terminal and as JSON: the text `ccteam tasks` prints.
public enum TaskText {
    /// Parses a status the way users type it (`in_progress`, `in-progress`, `inprogress`).
    public static func status(_ text: String) throws(TaskStoreError) -> TeamTask.Status {
        let normalized = text.lowercased().replacingOccurrences(of: "-", with: "_")
        if let status = TeamTask.Status(rawValue: normalized) { return status }
        if normalized == "inprogress" { return .inProgress }
        throw .unknownStatus(text)
    }

    /// A table of tasks, one per line: id, status (with `ready`/`blocked` for open ones), owner,
    /// subject and what an open task waits for.
    public static func table(_ graph: TaskGraph, team: String) -> String {
        guard !graph.tasks.isEmpty else { return "no tasks in team '\(team)'" }
        let idWidth = max(2, graph.tasks.map(\.task.id.utf8.count).max() ?? 0)
        let statusText = graph.tasks.map(stateLabel)
        let statusWidth = max(6, statusText.map(\.utf8.count).max() ?? 0)
        let ownerWidth = max(5, graph.tasks.map { width($0.task.owner ?? "-") }.max() ?? 0)
        var lines = [
            pad("ID", idWidth) + "  " + pad("STATUS", statusWidth) + "  " + pad("OWNER", ownerWidth) + "  SUBJECT"
        ]
        for (node, state) in zip(graph.tasks, statusText) {
            var line = pad(node.task.id, idWidth) + "  " + pad(state, statusWidth) + "  "
            line += pad(node.task.owner ?? "-", ownerWidth) + "  " + node.task.subject
            if !node.task.blockedBy.isEmpty { line += "  [after " + node.task.blockedBy.joined(separator: ", ") + "]" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `open (ready)`, `open (blocked)`, or the plain status.
    static func stateLabel(_ node: TaskGraph.Node) -> String {
        switch node.task.status {
        case .open: node.isReady ? "ready" : "blocked"
        default: node.task.status.rawValue
        }
    }

    /// Everything about one task, for `ccteam tasks show`.
    public static func detail(_ node: TaskGraph.Node) -> String {
        let task = node.task
        func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ", ") }
        var lines = [
            "task \(task.id): \(task.subject)",
            "status:     \(task.status.rawValue)"
                + (task.status == .open ? (node.isReady ? " (ready)" : " (blocked)") : ""),
            "owner:      \(task.owner ?? "-")",
            "blocked by: \(list(task.blockedBy))",
            "blocks:     \(list(task.blocks))",
            "scope:      \(list(task.scope))",
            "created:    \(Timestamp.format(task.createdAt))",
            "updated:    \(Timestamp.format(task.updatedAt))",
        ]
        if let model = task.model { lines.insert("model:      \(model)", at: 6) }
        if let lease = task.lease {
            lines.append("lease:      \(lease.owner), token \(lease.token), until \(Timestamp.format(lease.expiresAt))")
        }
        if !task.description.isEmpty { lines += ["", task.description] }
        if !task.comments.isEmpty {
            lines += ["", "comments:"]
            for comment in task.comments {
                lines.append("  \(Timestamp.format(comment.at)) \(comment.author): \(comment.content)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON document, in the toolkit's JSON dialect.
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder().encode(value), as: UTF8.self)
    }

    /// The `graph --json` document: each task with its readiness, plus the summary counts.
    public struct GraphDocument: Encodable {
        struct Entry: Encodable {
            var id, subject, status: String
            var owner: String?
            var ready: Bool
            var blockedBy, blocks: [String]
        }
        var tasks: [Entry]
        var summary: TaskGraph.Summary

        public init(_ graph: TaskGraph) {
            tasks = graph.tasks.map {
                Entry(
                    id: $0.task.id, subject: $0.task.subject, status: $0.task.status.rawValue, owner: $0.task.owner,
                    ready: $0.isReady, blockedBy: $0.task.blockedBy, blocks: $0.task.blocks)
            }
            summary = graph.summary
        }
    }

    private static func pad(_ text: String, _ columns: Int) -> String {
        let used = width(text)
        return used >= columns ? text : text + String(repeating: " ", count: columns - used)
    }

    /// Columns a string takes, counting scalars (cheap) rather than grapheme clusters.
    private static func width(_ text: String) -> Int { text.unicodeScalars.count }
}
