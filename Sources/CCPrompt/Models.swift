/// The kinds of document a prompt pack holds, each in its own folder of the pack.
public enum DocumentKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// A task template (`templates/NAME.md`): the prompt for one kind of job.
    case template
    /// A role persona (`roles/NAME.md`): who the agent is, appended to its system prompt.
    case role
    /// A domain guide (`domains/NAME.md`): working knowledge for one field.
    case domain
    /// A fragment included by other documents with `{{> NAME}}` (`partials/NAME.md`).
    case partial
    /// The worker preamble (`preamble.md`): the ground rules every worker gets.
    case preamble

    /// The folder of the pack holding documents of this kind; `nil` for the single preamble file.
    public var folder: String? {
        switch self {
        case .template: "templates"
        case .role: "roles"
        case .domain: "domains"
        case .partial: "partials"
        case .preamble: nil
        }
    }

    /// The plural used in listings and messages.
    public var plural: String {
        switch self {
        case .template: "templates"
        case .role: "roles"
        case .domain: "domains"
        case .partial: "partials"
        case .preamble: "preambles"
        }
    }

    /// The front matter keys a document of this kind may carry.
    public var allowedKeys: [String] {
        switch self {
        case .template: ["name", "description", "variables", "role", "model"]
        case .role: ["name", "description", "variables", "model"]
        case .domain, .preamble: ["name", "description", "variables"]
        case .partial: ["name", "description"]
        }
    }

    public static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The model tier a document recommends, cheapest first.
public enum ModelTier: String, Codable, Sendable, CaseIterable {
    case haiku, sonnet, opus
}

/// One variable a document declares in its front matter.
public struct VariableSpec: Codable, Sendable, Hashable {
    /// The name used in the body as `{{name}}`: lower-case letters, digits and `_`.
    public var name: String
    /// What the value is for, shown by `ccprompt list`.
    public var description: String
    /// Whether rendering fails when no value (and no default) is given.
    public var required: Bool
    /// The value used when none is given.
    public var defaultValue: String?
    /// Where the declaration is (1-based line and column in the file), for findings.
    public var line: Int
    public var column: Int

    public init(
        name: String, description: String, required: Bool = false, defaultValue: String? = nil, line: Int = 1,
        column: Int = 1
    ) {
        self.name = name
        self.description = description
        self.required = required
        self.defaultValue = defaultValue
        self.line = line
        self.column = column
    }
}

/// One parsed document of a prompt pack: its front matter, typed, and its Mustache body.
public struct PromptDocument: Sendable, Hashable {
    public var kind: DocumentKind
    /// The name from the front matter; templates, roles and domains are looked up by it.
    public var name: String
    /// One sentence saying what the document is for.
    public var description: String
    /// The declared variables, in declaration order.
    public var variables: [VariableSpec]
    /// The role a template recommends (templates only).
    public var role: String?
    /// The model tier the document recommends.
    public var model: ModelTier?
    /// The Mustache text after the front matter.
    public var body: String
    /// The 1-based line of the file where ``body`` starts, so body positions map to file positions.
    public var bodyStartLine: Int
    /// Where the document came from.
    public var file: PackFile
    /// The 1-based line of each front matter key, for findings about a key's value.
    public var keyLines: [String: Int]

    public init(
        kind: DocumentKind, name: String, description: String, variables: [VariableSpec] = [], role: String? = nil,
        model: ModelTier? = nil, body: String, bodyStartLine: Int = 1, file: PackFile, keyLines: [String: Int] = [:]
    ) {
        self.kind = kind
        self.name = name
        self.description = description
        self.variables = variables
        self.role = role
        self.model = model
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.file = file
        self.keyLines = keyLines
    }

    /// The line of a front matter key, or the first front matter line when the key is absent.
    public func line(ofKey key: String) -> Int { keyLines[key] ?? 2 }

    /// The declared variable called `name`, if any.
    public func variable(named name: String) -> VariableSpec? {
        variables.first { $0.name == name }
    }
}
