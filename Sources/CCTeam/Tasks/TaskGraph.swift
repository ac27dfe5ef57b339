public import CCCore

/// A team's tasks with their dependencies worked out: which are ready, which blocked, and how to
/// draw them as a tree.
public struct TaskGraph: Sendable, Equatable {
    /// One task and what the graph says about it.
    public struct Node: Sendable, Equatable {
        public var task: TeamTask
        /// Open, and every blocker resolved.
        public var isReady: Bool
        /// Open, and waiting for at least one unresolved blocker.
        public var isBlocked: Bool { task.status == .open && !isReady }

        public init(task: TeamTask, isReady: Bool) {
            self.task = task
            self.isReady = isReady
        }
    }

    /// Counts for the summary line.
    public struct Summary: Codable, Sendable, Equatable {
        public var total = 0
        public var open = 0
        public var ready = 0
        public var blocked = 0
        public var inProgress = 0
        public var resolved = 0
        public var failed = 0
    }

    public var tasks: [Node]

    /// `statuses` maps every id the tasks mention (archived blockers included) to its status.
    init(tasks: [TeamTask], statuses: [String: TeamTask.Status]) {
        self.tasks = tasks.map { task in
            Node(task: task, isReady: task.status == .open && task.blockedBy.allSatisfy { statuses[$0] == .resolved })
        }
    }

    public var summary: Summary {
        var summary = Summary()
        for node in tasks {
            summary.total += 1
            switch node.task.status {
            case .open:
                summary.open += 1
                if node.isReady { summary.ready += 1 } else { summary.blocked += 1 }
            case .inProgress: summary.inProgress += 1
            case .resolved: summary.resolved += 1
            case .failed: summary.failed += 1
            }
        }
        return summary
    }

    /// A path of `blocks` edges from `start` to `goal` (both included), if there is one.
    static func path(from start: String, to goal: String, blocks: [String: [String]]) -> [String]? {
        var parent: [String: String] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            if current == goal {
                var path = [goal]
                while let previous = parent[path[0]], previous != path[0] { path.insert(previous, at: 0) }
                return path
            }
            for next in blocks[current] ?? [] where parent[next] == nil {
                parent[next] = current
                queue.append(next)
            }
        }
        return nil
    }

    // MARK: Drawing

    /// Draws the graph as a tree (each task under the tasks it waits for) with a summary line.
    /// `unicode` picks ✔ ✘ ◐ ○ ⊘ and box-drawing lines; otherwise plain ASCII.
    public func render(unicode: Bool) -> String {
        let byID = Dictionary(tasks.map { ($0.task.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        var drawn = Set<String>()

        func mark(_ node: Node) -> String {
            switch node.task.status {
            case .resolved: unicode ? "✔" : "[x]"
            case .failed: unicode ? "✘" : "[!]"
            case .inProgress: unicode ? "◐" : "[~]"
            case .open: node.isReady ? (unicode ? "○" : "[ ]") : (unicode ? "⊘" : "[-]")
            }
        }
        func label(_ node: Node) -> String {
            var text = "\(mark(node)) \(node.task.id) \(node.task.subject)"
            if let owner = node.task.owner { text += " (\(owner))" }
            return text
        }
        func draw(_ id: String, prefix: String, connector: String, path: Set<String>) {
            guard let node = byID[id] else { return }
            if drawn.contains(id) || path.contains(id) {
                lines.append(prefix + connector + label(node) + (unicode ? " ↑" : " (see above)"))
                return
            }
            drawn.insert(id)
            lines.append(prefix + connector + label(node))
            let children = node.task.blocks.filter { byID[$0] != nil }.sorted(by: TeamTask.idPrecedes)
            let childPrefix: String
            if connector.isEmpty {
                childPrefix = prefix
            } else {
                let isLast = connector.hasPrefix(unicode ? "└" : "`")
                childPrefix = prefix + (isLast ? "   " : (unicode ? "│  " : "|  "))
            }
            for (offset, child) in children.enumerated() {
                let last = offset == children.count - 1
                draw(
                    child, prefix: childPrefix, connector: last ? (unicode ? "└─ " : "`- ") : (unicode ? "├─ " : "|- "),
                    path: path.union([id]))
            }
        }

        let roots = tasks.filter { node in !node.task.blockedBy.contains { byID[$0] != nil } }
        for root in roots { draw(root.task.id, prefix: "", connector: "", path: []) }
        // Tasks only reachable through a cycle (possible only in hand-edited files) still show.
        for node in tasks where !drawn.contains(node.task.id) {
            draw(node.task.id, prefix: "", connector: "", path: [])
        }

        let s = summary
        lines.append(
            "\(s.total) tasks: \(s.open) open (\(s.ready) ready, \(s.blocked) blocked), \(s.inProgress) in progress, "
                + "\(s.resolved) resolved, \(s.failed) failed")
        return lines.joined(separator: "\n")
    }
}
