public import CCCore
public import Foundation
import Yams

/// A task graph given up front with `ccteam launch --plan FILE`, so the team skips the lead.
///
/// The file is YAML or JSON:
/// ```yaml
/// tasks:
///   - key: models                 # optional: a name other tasks can depend on
///     subject: Define the models
///     description: ...
///     scope: ["Sources/Models/**"]
///     model: claude-haiku-4-5      # optional: this task's worker model
///   - subject: Add the REST API
///     blockedBy: [models]         # keys, or 1-based positions in this list
/// ```
public struct TeamPlan: Sendable, Equatable {
    /// One task to create, with its dependencies as positions in ``tasks``.
    public struct Entry: Sendable, Equatable {
        public var subject: String
        public var description: String
        public var scope: [String]
        /// The model this task's worker should use; `nil` for the team's.
        public var model: String?
        /// 0-based indices of the entries this one waits for; always earlier-created is not required.
        public var blockedBy: [Int]
    }

    public var tasks: [Entry]

    /// Reads and checks a plan file: every task has a subject, dependencies exist, and there is no cycle.
    public static func load(contentsOf url: URL) throws -> TeamPlan {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PlanError(file: url.path, line: nil, problem: "cannot be read as UTF-8 text")
        }
        return try parse(text, file: url.path)
    }

    /// Parses plan text; `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> TeamPlan {
        func fail(_ node: Node?, _ problem: String) -> PlanError {
            PlanError(file: file, line: node?.mark?.line, problem: problem)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PlanError(file: file, line: Self.line(of: error), problem: "is not valid YAML or JSON")
        }
        guard let root, let list = root.mapping?["tasks"] ?? root.sequence.map({ Node.sequence($0) }),
            let items = list.sequence
        else { throw fail(root, "needs a 'tasks' list") }
        guard !items.isEmpty else { throw fail(list, "'tasks' is empty: a plan needs at least one task") }

        var keys: [String: Int] = [:]
        var drafts: [(subject: String, description: String, scope: [String], model: String?, deps: [Node])] = []
        for (index, item) in items.enumerated() {
            guard let mapping = item.mapping else { throw fail(item, "task \(index + 1) is not a mapping") }
            let known: Set = ["key", "subject", "description", "scope", "blockedBy", "model"]
            for key in mapping.keys {
                guard let name = key.string, known.contains(name) else {
                    throw fail(
                        key,
                        "task \(index + 1) has an unknown field '\(key.string ?? "?")' (known: \(known.sorted().joined(separator: ", ")))"
                    )
                }
            }
            guard let subject = mapping["subject"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines),
                !subject.isEmpty
            else { throw fail(item, "task \(index + 1) needs a 'subject'") }
            if let key = mapping["key"]?.string {
                if keys[key] != nil { throw fail(mapping["key"], "the key '\(key)' is used twice") }
                keys[key] = index
            }
            let scope = try (mapping["scope"]?.sequence ?? []).map { node -> String in
                guard let glob = node.string, !glob.isEmpty else {
                    throw fail(node, "a scope entry must be a glob string")
                }
                return glob
            }
            let model = mapping["model"]?.string?.trimmingCharacters(in: .whitespaces)
            if let node = mapping["model"], model?.isEmpty ?? true {
                throw fail(node, "task \(index + 1) has an empty or non-text 'model'")
            }
            drafts.append(
                (
                    subject, mapping["description"]?.string ?? "", scope, model,
                    Array(mapping["blockedBy"]?.sequence ?? [])
                ))
        }

        var entries: [Entry] = []
        for (index, draft) in drafts.enumerated() {
            let deps = try draft.deps.map { node -> Int in
                guard let reference = node.string else {
                    throw fail(node, "a blockedBy entry must be a key or a position")
                }
                if let target = keys[reference] { return target }
                if let position = Int(reference), (1...drafts.count).contains(position) { return position - 1 }
                throw fail(
                    node,
                    "task \(index + 1) waits for '\(reference)', which is neither a key nor a position 1...\(drafts.count)"
                )
            }
            if deps.contains(index) { throw fail(draft.deps.first, "task \(index + 1) cannot wait for itself") }
            entries.append(
                Entry(
                    subject: draft.subject, description: draft.description, scope: draft.scope, model: draft.model,
                    blockedBy: deps))
        }
        if let cycle = Self.cycle(in: entries) {
            let names = cycle.map { entries[$0].subject }
            throw PlanError(file: file, line: nil, problem: "has a dependency cycle: " + names.joined(separator: " → "))
        }
        return TeamPlan(tasks: entries)
    }

    /// One cycle among the entries (as indices, first repeated at the end), or `nil`.
    static func cycle(in entries: [Entry]) -> [Int]? {
        var state = [UInt8](repeating: 0, count: entries.count)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        func visit(_ node: Int) -> [Int]? {
            state[node] = 1
            stack.append(node)
            for next in entries[node].blockedBy {
                if state[next] == 1, let start = stack.firstIndex(of: next) { return Array(stack[start...]) + [next] }
                if state[next] == 0, let found = visit(next) { return found }
            }
            stack.removeLast()
            state[node] = 2
            return nil
        }
        for node in entries.indices where state[node] == 0 {
            if let found = visit(node) { return found }
        }
        return nil
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }
}

/// A plan file that cannot be used, with where and why.
public struct PlanError: UserFacingError, Equatable {
    public var file: String
    public var line: Int?
    public var problem: String

    public var message: String {
        "plan \(file)\(line.map { ":\($0)" } ?? "") \(problem)"
    }
    public var help: String? {
        "a plan is a 'tasks' list of {subject, description, scope, blockedBy, key, model}; fix the file and launch again"
    }
}
