import CCCore
import Mustache

/// Rendering, strictly: Mustache itself renders an unknown name as empty text, so every value is
/// checked against the documents' declarations before anything is rendered.
extension PromptPack {
    /// Renders a task template, optionally preceded by the worker preamble and a role persona,
    /// refusing a missing required value: the launcher's prompts must never carry a placeholder.
    ///
    /// The parts come in this order, separated by a blank line: preamble (the ground rules), persona
    /// (who the agent is), then the task. `variables` may set any variable the rendered documents
    /// declare; an undeclared key, a missing required value, an unknown template or role, or a
    /// document with errors throws a ``PromptError``. Declared defaults fill in missing values.
    public func renderTemplate(
        name: String, variables: [String: String], role: String? = nil, includePreamble: Bool = false
    ) throws -> String {
        try render(
            template: name, variables: variables, role: role, includePreamble: includePreamble, missingValues: .refuse
        ).text
    }

    /// Renders a task template like ``renderTemplate(name:variables:role:includePreamble:)``, with
    /// `missingValues` deciding what a required variable without a value becomes.
    ///
    /// With ``MissingValuePolicy/placeholder`` such a variable renders as `<name>` in every part and
    /// is listed in ``RenderedPrompt/openVariables``, so a first try shows the whole prompt and what
    /// is still to fill in. Every other check (unknown keys, names, broken documents) still throws.
    public func render(
        template name: String, variables: [String: String], role: String? = nil, includePreamble: Bool = false,
        missingValues: MissingValuePolicy
    ) throws -> RenderedPrompt {
        let template = try usableDocument(.template, named: name)
        let persona = try role.map { try usableDocument(.role, named: $0) }
        let preamble = includePreamble ? try usableDocument(.preamble, named: "preamble") : nil
        let parts = [preamble, persona, template].compactMap { $0 }
        try checkKeys(variables, against: parts, template: template.name)
        let missing = Self.unique(
            parts.flatMap { document in
                document.variables.filter { $0.required && (variables[$0.name] ?? "").isEmpty }.map(\.name)
            })
        var values = variables
        if !missing.isEmpty {
            guard missingValues == .placeholder else {
                throw PromptError.missingVariables(template: template.name, names: missing)
            }
            for name in missing { values[name] = RenderedPrompt.placeholder(for: name) }
        }
        return RenderedPrompt(
            text: Self.join(try parts.map { try render($0, variables: values) }), openVariables: missing)
    }

    /// The persona text of a role, as it goes into an agent's system prompt or CLAUDE.md.
    public func persona(role: String) throws -> String {
        Self.join([try render(try usableDocument(.role, named: role), variables: [:])])
    }

    /// The text of a domain guide.
    public func domainGuide(name: String) throws -> String {
        Self.join([try render(try usableDocument(.domain, named: name), variables: [:])])
    }

    /// The worker preamble, with `variables` over its declared defaults; an undeclared key or a
    /// missing required value throws.
    public func preamble(variables: [String: String]) throws -> String {
        let preamble = try usableDocument(.preamble, named: "preamble")
        try checkKeys(variables, against: [preamble], template: preamble.name)
        let missing = preamble.variables.filter { $0.required && (variables[$0.name] ?? "").isEmpty }.map(\.name)
        if !missing.isEmpty { throw PromptError.missingVariables(template: preamble.name, names: missing) }
        return Self.join([try render(preamble, variables: variables)])
    }

    private func checkKeys(_ variables: [String: String], against documents: [PromptDocument], template: String)
        throws
    {
        let declared = Self.unique(documents.flatMap { $0.variables.map(\.name) })
        if let unknown = variables.keys.sorted().first(where: { !declared.contains($0) }) {
            throw PromptError.unknownVariable(unknown, template: template, declared: declared)
        }
    }

    /// Renders one document's body as plain text (no HTML escaping), with its partials.
    private func render(_ document: PromptDocument, variables: [String: String]) throws -> String {
        var context: [String: String] = [:]
        for variable in document.variables {
            // An empty value counts as absent, so `{{#name}}` sections test for "given".
            if let value = variables[variable.name] ?? variable.defaultValue, !value.isEmpty {
                context[variable.name] = value
            }
        }
        var library = MustacheLibrary()
        for (name, partial) in partials {
            library.register(try Self.parse(partial), named: name)
        }
        return try Self.parse(document).render(context, library: library)
    }

    /// The pragma makes `{{name}}` insert text as is: prompts are Markdown, not HTML.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT }}"

    private static func parse(_ document: PromptDocument) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + document.body)
        } catch {
            throw PromptError.invalidDocument(
                document.kind, document.name,
                LintFinding(
                    path: document.file.displayPath, line: document.bodyStartLine, column: 1,
                    rule: "mustache.syntax", message: "Mustache cannot parse the body"))
        }
    }

    /// Joins rendered parts with one blank line, trimming blank lines around each; ends with a newline.
    static func join(_ parts: [String]) -> String {
        parts.map(trimBlankLines).filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    private static func trimBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
