import Yams

/// Splits a pack file into YAML front matter and a Mustache body, and types the front matter.
///
/// Never throws: every problem becomes a ``LintFinding``, and a document comes back whenever the
/// front matter could be read at all, so one bad key does not hide every other finding.
enum DocumentParser {
    struct Result {
        var document: PromptDocument?
        var findings: [LintFinding]
    }

    static func parse(_ file: PackFile, kind: DocumentKind) -> Result {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ column: Int, _ rule: String, _ message: String) {
            findings.append(
                LintFinding(path: file.displayPath, line: line, column: column, rule: rule, message: message))
        }
        guard let split = splitFrontMatter(file.text) else {
            report(1, 1, "front-matter.missing", "the file must start with a '---' line opening YAML front matter")
            return Result(document: nil, findings: findings)
        }
        guard let yaml = split.yaml else {
            report(1, 1, "front-matter.unterminated", "the front matter opened on line 1 has no closing '---' line")
            return Result(document: nil, findings: findings)
        }
        // The YAML starts on line 2 of the file.
        let lineOffset = 1
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (mark, problem) = describe(error)
            report(
                (mark?.line ?? 1) + lineOffset, mark?.column ?? 1, "front-matter.invalid-yaml",
                "the front matter is not valid YAML: \(problem)")
            return Result(document: nil, findings: findings)
        } catch {
            report(2, 1, "front-matter.invalid-yaml", "the front matter is not valid YAML: \(error)")
            return Result(document: nil, findings: findings)
        }
        guard let mapping = root?.mapping else {
            report(2, 1, "front-matter.not-a-mapping", "the front matter must be a YAML mapping of keys to values")
            return Result(document: nil, findings: findings)
        }

        var name: String?
        var description: String?
        var variables: [VariableSpec] = []
        var role: String?
        var model: ModelTier?
        var keyLines: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = (keyNode.mark?.line ?? 1) + lineOffset
            let column = keyNode.mark?.column ?? 1
            guard kind.allowedKeys.contains(key) else {
                report(
                    line, column, "front-matter.unknown-key",
                    "unknown key '\(key)' for a \(kind.rawValue); allowed: \(kind.allowedKeys.joined(separator: ", "))")
                continue
            }
            keyLines[key] = line
            let position = value.mark.map { ($0.line + lineOffset, $0.column) } ?? (line, column)
            switch key {
            case "name", "description", "role":
                guard let text = value.scalar?.string, !text.isEmpty else {
                    report(position.0, position.1, "front-matter.invalid-value", "'\(key)' must be non-empty text")
                    continue
                }
                if key == "name" {
                    name = text
                } else if key == "description" {
                    description = text
                } else {
                    role = text
                }
            case "model":
                let text = value.scalar?.string ?? ""
                guard let tier = ModelTier(rawValue: text) else {
                    report(
                        position.0, position.1, "front-matter.unknown-model",
                        "model '\(text)' is not a model tier; use one of: "
                            + ModelTier.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                model = tier
            default:  // "variables"
                variables = parseVariables(value, lineOffset: lineOffset, at: position, report: report)
            }
        }
        if name == nil, !mapping.keys.contains(where: { $0.string == "name" }) {
            report(2, 1, "front-matter.missing-key", "the front matter has no 'name'")
        }
        if description == nil, !mapping.keys.contains(where: { $0.string == "description" }) {
            report(2, 1, "front-matter.missing-key", "the front matter has no 'description'")
        }
        let document = PromptDocument(
            kind: kind, name: name ?? file.stem, description: description ?? "", variables: variables, role: role,
            model: model, body: split.body, bodyStartLine: split.bodyStartLine, file: file, keyLines: keyLines)
        return Result(document: document, findings: findings)
    }

    /// The keys a variable declaration may carry.
    static let variableKeys = ["description", "required", "default"]

    private static func parseVariables(
        _ node: Node, lineOffset: Int, at position: (Int, Int),
        report: (Int, Int, String, String) -> Void
    ) -> [VariableSpec] {
        guard let mapping = node.mapping else {
            report(
                position.0, position.1, "front-matter.invalid-value",
                "'variables' must map each variable name to its description, required and default")
            return []
        }
        var specs: [VariableSpec] = []
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            let line = (keyNode.mark?.line ?? 1) + lineOffset
            let column = keyNode.mark?.column ?? 1
            guard isValidVariableName(name) else {
                report(
                    line, column, "variable.invalid-name",
                    "variable name '\(name)' must be lower-case letters, digits and '_', starting with a letter")
                continue
            }
            guard let fields = value.mapping else {
                report(
                    line, column, "front-matter.invalid-value",
                    "variable '\(name)' must be a mapping with 'description' and optionally 'required' and 'default'")
                continue
            }
            var spec = VariableSpec(name: name, description: "", line: line, column: column)
            var hasDescription = false
            for (fieldNode, fieldValue) in fields {
                let field = fieldNode.string ?? ""
                let fieldLine = (fieldNode.mark?.line ?? 1) + lineOffset
                let fieldColumn = fieldNode.mark?.column ?? 1
                switch field {
                case "description":
                    if let text = fieldValue.scalar?.string, !text.isEmpty {
                        spec.description = text
                        hasDescription = true
                    }
                case "required":
                    guard let flag = fieldValue.bool else {
                        report(
                            fieldLine, fieldColumn, "front-matter.invalid-value",
                            "'required' of variable '\(name)' must be true or false")
                        continue
                    }
                    spec.required = flag
                case "default":
                    guard let text = fieldValue.scalar?.string else {
                        report(
                            fieldLine, fieldColumn, "front-matter.invalid-value",
                            "'default' of variable '\(name)' must be text")
                        continue
                    }
                    spec.defaultValue = text
                default:
                    report(
                        fieldLine, fieldColumn, "front-matter.unknown-key",
                        "unknown key '\(field)' in variable '\(name)'; allowed: \(variableKeys.joined(separator: ", "))"
                    )
                }
            }
            if !hasDescription {
                report(line, column, "front-matter.missing-key", "variable '\(name)' has no 'description'")
            }
            if spec.required, spec.defaultValue != nil {
                report(
                    line, column, "variable.required-with-default",
                    "variable '\(name)' is required and has a default; drop one of them")
            }
            specs.append(spec)
        }
        return specs
    }

    /// Whether `name` is a usable variable name: `[a-z][a-z0-9_]*`.
    static func isValidVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    struct Split {
        /// `nil` when the front matter is never closed.
        var yaml: String?
        var body: String
        var bodyStartLine: Int
    }

    /// Finds `---` on the first line and the next line that is exactly `---`; `nil` without an opening line.
    static func splitFrontMatter(_ text: String) -> Split? {
        var lines: [Substring] = []
        var remainder = Substring(text)
        // Split keeping track of where each line ends, without losing the body's own bytes.
        var lineEnds: [String.Index] = []
        // "\r\n" is one Character in Swift, so match it as well as "\n".
        while let newline = remainder.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            lines.append(remainder[..<newline])
            lineEnds.append(remainder.index(after: newline))
            remainder = remainder[remainder.index(after: newline)...]
        }
        lines.append(remainder)
        lineEnds.append(text.endIndex)
        func isFence(_ line: Substring) -> Bool {
            line.trimmingSuffix { $0 == " " || $0 == "\t" } == "---"
        }
        guard let first = lines.first, isFence(first) else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return Split(yaml: nil, body: "", bodyStartLine: 1)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = String(text[lineEnds[close]...])
        return Split(yaml: yaml, body: body, bodyStartLine: close + 2)
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            (mark, problem)
        default:
            (nil, "\(error)")
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
