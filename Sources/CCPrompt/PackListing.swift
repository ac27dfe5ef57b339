import CCCore
import Foundation

/// What `ccprompt list` shows: every template, role, domain and partial, and the preamble, with
/// descriptions, recommendations and variables.
///
/// JSON shape (stable): `{ "templates": [Entry], "roles": [Entry], "domains": [Entry],
/// "partials": [Entry], "preamble": Entry | null }`, where an Entry is `{ "name", "description",
/// "role" (string | null), "model" ("haiku" | "sonnet" | "opus" | null), "source" ("builtin" or the
/// override file's path), "variables": [{ "name", "description", "required", "default" (string | null) }] }`.
public struct PackListing: Encodable, Sendable, Equatable {
    /// One document in the listing.
    public struct Entry: Encodable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var role: String?
        public var model: ModelTier?
        public var source: String
        public var variables: [Variable]

        private enum CodingKeys: String, CodingKey { case name, description, role, model, source, variables }

        /// Writes `null` for absent values so every entry has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(role, forKey: .role)
            try container.encode(model, forKey: .model)
            try container.encode(source, forKey: .source)
            try container.encode(variables, forKey: .variables)
        }
    }

    /// One declared variable in the listing.
    public struct Variable: Encodable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var required: Bool
        public var `default`: String?

        private enum CodingKeys: String, CodingKey { case name, description, required, `default` }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(required, forKey: .required)
            try container.encode(self.default, forKey: .default)
        }
    }

    public var templates: [Entry]
    public var roles: [Entry]
    public var domains: [Entry]
    public var partials: [Entry]
    public var preamble: Entry?

    private enum CodingKeys: String, CodingKey { case templates, roles, domains, partials, preamble }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(templates, forKey: .templates)
        try container.encode(roles, forKey: .roles)
        try container.encode(domains, forKey: .domains)
        try container.encode(partials, forKey: .partials)
        try container.encode(preamble, forKey: .preamble)
    }

    public init(pack: PromptPack) {
        func entry(_ document: PromptDocument) -> Entry {
            Entry(
                name: document.name, description: document.description, role: document.role, model: document.model,
                source: document.file.sourceLabel,
                variables: document.variables.map {
                    Variable(
                        name: $0.name, description: $0.description, required: $0.required, default: $0.defaultValue)
                })
        }
        templates = pack.documents(.template).map(entry)
        roles = pack.documents(.role).map(entry)
        domains = pack.documents(.domain).map(entry)
        partials = pack.documents(.partial).map(entry)
        preamble = pack.preambleDocument.map(entry)
    }

    /// The listing as pretty, key-sorted JSON ending with a newline.
    public func json() throws -> String {
        String(decoding: try JSONCoding.encoder().encode(self), as: UTF8.self) + "\n"
    }

    /// The listing as aligned text for people.
    public func text() -> String {
        var lines: [String] = []
        let sections: [(String, [Entry])] = [
            ("Templates", templates), ("Roles", roles), ("Domains", domains), ("Partials", partials),
            ("Preamble", preamble.map { [$0] } ?? []),
        ]
        let nameWidth = sections.flatMap(\.1).map(\.name.count).max() ?? 0
        let variableWidth = sections.flatMap(\.1).flatMap(\.variables).map { $0.name.count + 1 }.max() ?? 0
        let indent = String(repeating: " ", count: nameWidth + 4)
        for (title, entries) in sections where !entries.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append("\(title):")
            for entry in entries {
                lines.append("  " + pad(entry.name, nameWidth) + "  " + entry.description)
                var notes: [String] = []
                if let role = entry.role { notes.append("role: \(role)") }
                if let model = entry.model { notes.append("model: \(model.rawValue)") }
                if entry.source != "builtin" { notes.append("from: \(entry.source)") }
                if !notes.isEmpty { lines.append(indent + notes.joined(separator: "   ")) }
                for variable in entry.variables {
                    var text = variable.description
                    if let value = variable.default { text += " (default: \(value))" }
                    lines.append(
                        indent + pad(variable.name + (variable.required ? "*" : ""), variableWidth) + "  " + text)
                }
            }
        }
        lines.append("")
        lines.append(
            "* required. Render a template: ccprompt render --template NAME --task TEXT --var write_scope=GLOBS")
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
