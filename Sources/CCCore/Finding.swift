/// One thing a check found, as data: printed compiler-style, as JSON, Markdown, SARIF or annotations.
///
/// The JSON shape is the contract's (`rule`, `kind`, `severity`, `message`, `path`, `line`,
/// `column`, `fingerprint`, `redacted`). `redacted` never holds a whole secret.
public struct Finding: Codable, Sendable, Hashable {
    /// What kind of check produced a finding.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case secret, scope, test, rollback, run, policy
    }

    /// How much a finding matters: an error fails the check, a warning does not.
    public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// The id of the rule that fired, for example `aws-access-key-id` or `scope.outside-allow`.
    public var rule: String
    public var kind: Kind
    public var severity: Severity
    /// One sentence: what is wrong and, where it helps, what to do instead.
    public var message: String
    /// Repository-relative path (or as given on the command line for `scan`); `nil` for a finding
    /// about the whole change, such as too many files.
    public var path: String?
    /// 1-based line, when the finding has a place in a file.
    public var line: Int?
    /// 1-based column (in bytes), when the finding has a place in a line.
    public var column: Int?
    /// A stable identity for baselines and deduplication; never derived reversibly from a secret.
    public var fingerprint: String?
    /// The offending text with any secret masked, for people to recognise the spot.
    public var redacted: String?

    public init(
        rule: String, kind: Kind, severity: Severity = .error, message: String, path: String? = nil,
        line: Int? = nil, column: Int? = nil, fingerprint: String? = nil, redacted: String? = nil
    ) {
        self.rule = rule
        self.kind = kind
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.fingerprint = fingerprint
        self.redacted = redacted
    }

    private enum CodingKeys: String, CodingKey {
        case rule, kind, severity, message, path, line, column, fingerprint, redacted
    }

    /// Encodes every contract key, writing `null` for absent values so consumers see a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(redacted, forKey: .redacted)
    }
}
