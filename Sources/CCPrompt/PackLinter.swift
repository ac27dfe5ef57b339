import CCCore
import Mustache

/// The checks `ccprompt validate` runs, and that rendering runs on the documents it needs.
struct PackLinter {
    let pack: PromptPack

    /// The variables every task template must declare, so every task states its job and its bounds.
    static let requiredTemplateVariables = ["task", "write_scope"]

    /// Every finding for the whole pack, sorted by place.
    func findings() -> [LintFinding] {
        var findings = pack.parseFindings
        for file in pack.files where file.kind == nil {
            findings.append(
                LintFinding(
                    path: file.displayPath, line: 1, column: 1, severity: .warning, rule: "pack.unknown-file",
                    message:
                        "'\(file.relativePath)' is not part of a pack; documents go in templates/, roles/, domains/, "
                        + "partials/ as NAME.md, or preamble.md"))
        }
        var firstByName: [String: PromptDocument] = [:]
        for document in pack.documents {
            let key = "\(document.kind.rawValue)/\(document.name)"
            if let first = firstByName[key] {
                findings.append(
                    finding(
                        document, line: document.line(ofKey: "name"), column: 1, rule: "name.duplicate",
                        "another \(document.kind.rawValue) is already named '\(document.name)' "
                            + "(\(first.file.displayPath)); rename one of them"))
            } else {
                firstByName[key] = document
            }
            findings += checks(of: document)
        }
        return Array(Set(findings)).sorted()
    }

    /// The findings that decide whether `document` can be rendered: its file's parse findings, its
    /// own checks, and the errors of the partials it includes.
    func findings(for document: PromptDocument) -> [LintFinding] {
        var findings = pack.parseFindings.filter { $0.path == document.file.displayPath }
        findings += checks(of: document)
        var seen: Set<String> = []
        var pending = includedPartials(of: document)
        while let name = pending.popLast() {
            guard seen.insert(name).inserted, let partial = pack.partials[name] else { continue }
            findings += pack.parseFindings.filter { $0.path == partial.file.displayPath }
            findings += checks(of: partial).filter { $0.severity == .error }
            pending += includedPartials(of: partial)
        }
        return findings.sorted()
    }

    private func includedPartials(of document: PromptDocument) -> [String] {
        ((try? MustacheScanner.scan(document.body)) ?? []).filter { $0.kind == .partial }.map(\.name)
    }

    /// The checks of one document against its own declarations and the rest of the pack.
    private func checks(of document: PromptDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        if document.name != document.file.stem, document.kind != .preamble {
            findings.append(
                finding(
                    document, line: document.line(ofKey: "name"), column: 1, severity: .warning,
                    rule: "name.mismatch",
                    "name '\(document.name)' differs from the file name '\(document.file.stem).md'; "
                        + "overrides replace files by path, so keep them equal"))
        }
        if document.kind == .template {
            for name in Self.requiredTemplateVariables where document.variable(named: name) == nil {
                findings.append(
                    finding(
                        document, line: document.line(ofKey: "variables"), column: 1,
                        rule: "template.missing-variable",
                        "a template must declare the variable '\(name)' (every task states its job and write scope)"
                    ))
            }
            if let role = document.role, pack.document(.role, named: role) == nil {
                findings.append(
                    finding(
                        document, line: document.line(ofKey: "role"), column: 1, rule: "template.unknown-role",
                        "role '\(role)' is not in the pack; roles: "
                            + pack.documents(.role).map(\.name).joined(separator: ", ")))
            }
        }
        if document.kind == .role || document.kind == .domain {
            for variable in document.variables where variable.required {
                findings.append(
                    finding(
                        document, line: variable.line, column: variable.column, rule: "variable.required-in-guide",
                        "a \(document.kind.rawValue) is rendered with defaults only, so variable "
                            + "'\(variable.name)' cannot be required; give it a default instead"))
            }
        }
        findings += bodyChecks(of: document)
        return findings
    }

    /// Mustache syntax, variables used against variables declared, and partials.
    private func bodyChecks(of document: PromptDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        let tags: [MustacheScanner.Tag]
        do {
            tags = try MustacheScanner.scan(document.body)
        } catch {
            return [
                finding(
                    document, line: document.bodyStartLine + error.line - 1, column: error.column,
                    rule: "mustache.syntax", "this tag is never closed")
            ]
        }
        let sectionFindings = sectionBalance(of: tags, in: document)
        findings += sectionFindings
        do {
            _ = try MustacheTemplate(string: document.body)
        } catch _ where !sectionFindings.isEmpty {
            // Already reported at the section's own tag, which is more useful than where parsing stopped.
        } catch let error as MustacheTemplate.ParserError {
            findings.append(
                finding(
                    document, line: document.bodyStartLine + error.context.lineNumber - 1,
                    column: error.context.columnNumber, rule: "mustache.syntax",
                    "Mustache cannot parse the body: \(Self.explain(error.error))"))
        } catch {
            findings.append(
                finding(
                    document, line: document.bodyStartLine, column: 1, rule: "mustache.syntax",
                    "Mustache cannot parse the body: \(error)"))
        }
        let declared = Set(document.variables.map(\.name))
        var used: Set<String> = []
        for tag in tags {
            let line = document.bodyStartLine + tag.line - 1
            switch tag.kind {
            case .parent, .block:
                findings.append(
                    finding(
                        document, line: line, column: tag.column, rule: "mustache.unsupported",
                        "template inheritance ({{< }} and {{$ }}) is not supported in a prompt pack; use a partial"))
            case .partial:
                guard !tag.name.hasPrefix("*") else {
                    findings.append(
                        finding(
                            document, line: line, column: tag.column, rule: "mustache.unsupported",
                            "dynamic partial names are not supported; name the partial"))
                    continue
                }
                guard pack.partials[tag.name] != nil else {
                    let names = pack.partials.keys.sorted()
                    findings.append(
                        finding(
                            document, line: line, column: tag.column, rule: "partial.unknown",
                            "no partial named '\(tag.name)' (partials/\(tag.name).md)"
                                + (names.isEmpty ? "" : "; partials: " + names.joined(separator: ", "))))
                    continue
                }
                let (variables, cycle) = variablesUsed(
                    byPartial: tag.name, path: document.kind == .partial ? [document.name] : [])
                if let cycle {
                    findings.append(
                        finding(
                            document, line: line, column: tag.column, rule: "partial.recursive",
                            "partial '\(tag.name)' includes itself: \(cycle.joined(separator: " -> "))"))
                }
                used.formUnion(variables)
                guard document.kind != .partial else { continue }
                for variable in variables.sorted() where !declared.contains(variable) {
                    findings.append(
                        finding(
                            document, line: line, column: tag.column, rule: "variable.undeclared",
                            "partial '\(tag.name)' uses variable '\(variable)', which \(document.kind.rawValue) "
                                + "'\(document.name)' does not declare"))
                }
            default:
                guard let variable = tag.variable else { continue }
                used.insert(variable)
                if document.kind != .partial, !declared.contains(variable) {
                    findings.append(
                        finding(
                            document, line: line, column: tag.column, rule: "variable.undeclared",
                            "variable '\(variable)' is used but not declared in the front matter's 'variables'"))
                }
            }
        }
        for variable in document.variables where !used.contains(variable.name) {
            findings.append(
                finding(
                    document, line: variable.line, column: variable.column, severity: .warning,
                    rule: "variable.unused", "variable '\(variable.name)' is declared but never used"))
        }
        return findings
    }

    /// Sections opened and never closed, or closed under another name, at the tag at fault.
    private func sectionBalance(of tags: [MustacheScanner.Tag], in document: PromptDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        var open: [MustacheScanner.Tag] = []
        for tag in tags {
            switch tag.kind {
            case .section, .invertedSection, .parent, .block:
                open.append(tag)
            case .sectionEnd:
                guard let last = open.last else {
                    findings.append(
                        finding(
                            document, line: document.bodyStartLine + tag.line - 1, column: tag.column,
                            rule: "mustache.syntax", "'{{/\(tag.name)}}' closes a section that was never opened"))
                    continue
                }
                if last.name != tag.name {
                    findings.append(
                        finding(
                            document, line: document.bodyStartLine + tag.line - 1, column: tag.column,
                            rule: "mustache.syntax",
                            "'{{/\(tag.name)}}' closes the section '\(last.name)' opened on line "
                                + "\(document.bodyStartLine + last.line - 1); close it with '{{/\(last.name)}}'"))
                }
                open.removeLast()
            default:
                break
            }
        }
        for tag in open {
            findings.append(
                finding(
                    document, line: document.bodyStartLine + tag.line - 1, column: tag.column, rule: "mustache.syntax",
                    "section '\(tag.name)' is never closed; add '{{/\(tag.name)}}'"))
        }
        return findings
    }

    /// The variables a partial reads, following the partials it includes; and the include cycle, if any.
    private func variablesUsed(byPartial name: String, path: [String]) -> (Set<String>, [String]?) {
        guard let partial = pack.partials[name] else { return ([], nil) }
        // `path` holds the partials being expanded, outermost first.
        if path.contains(name) { return ([], path + [name]) }
        var variables: Set<String> = []
        var cycle: [String]?
        for tag in (try? MustacheScanner.scan(partial.body)) ?? [] {
            if tag.kind == .partial {
                let (nested, nestedCycle) = variablesUsed(byPartial: tag.name, path: path + [name])
                variables.formUnion(nested)
                cycle = cycle ?? nestedCycle
            } else if let variable = tag.variable {
                variables.insert(variable)
            }
        }
        return (variables, cycle)
    }

    private func finding(
        _ document: PromptDocument, line: Int, column: Int, severity: Finding.Severity = .error, rule: String,
        _ message: String
    ) -> LintFinding {
        LintFinding(
            path: document.file.displayPath, line: line, column: column, severity: severity, rule: rule,
            message: message)
    }

    /// A readable sentence for swift-mustache's parser error cases.
    private static func explain(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag name is not finished"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .unrecognisedConfigVariable, .invalidConfigVariableSyntax: return "a pragma tag ({{% }}) is malformed"
        default: return "\(error)"
        }
    }
}
