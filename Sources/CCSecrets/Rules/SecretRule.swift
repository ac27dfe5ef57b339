/// One secret-detection rule, in the shape gitleaks rule files already use.
public struct SecretRule: Sendable {
    /// A unique id such as `github-pat`; it names findings and baselines.
    public var id: String
    /// One line saying what the rule finds, shown with each finding.
    public var description: String
    /// The pattern (RE2 syntax as gitleaks writes it, run under PCRE2); nil for a path-only rule.
    public var regex: String?
    /// Which capture group holds the secret; nil means the first non-empty group, or the whole match.
    public var secretGroup: Int?
    /// Lower-case words of which one must appear on a line before the rule runs on it.
    public var keywords: [String]
    /// The minimum Shannon entropy (bits per byte) of the secret; nil means no threshold.
    public var entropy: Double?
    /// A pattern over the file path: the rule applies only to matching paths.
    public var path: String?
    /// Free-form labels, for example `cloud` or `key`.
    public var tags: [String]
    /// Exceptions that silence this rule only.
    public var allowlists: [SecretAllowlist]

    public init(
        id: String, description: String = "", regex: String? = nil, secretGroup: Int? = nil, keywords: [String] = [],
        entropy: Double? = nil, path: String? = nil, tags: [String] = [], allowlists: [SecretAllowlist] = []
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.secretGroup = secretGroup
        self.keywords = keywords
        self.entropy = entropy
        self.path = path
        self.tags = tags
        self.allowlists = allowlists
    }
}

/// Exceptions: a finding is allowed (dropped) when the allowlist's criteria match it.
public struct SecretAllowlist: Sendable {
    /// Whether any one criterion (`or`, the default) or every given criterion (`and`) must match.
    public enum Condition: String, Sendable {
        case or = "OR"
        case and = "AND"
    }

    /// What the `regexes` are matched against.
    public enum RegexTarget: String, Sendable {
        /// The secret alone (the default).
        case secret
        /// The whole text the rule matched.
        case match
        /// The whole line the match starts on.
        case line
    }

    public var description: String
    public var condition: Condition
    /// Patterns that allow a finding when they match the ``regexTarget``.
    public var regexes: [String]
    public var regexTarget: RegexTarget
    /// Patterns over the file path.
    public var paths: [String]
    /// Words that allow a finding when the secret contains one (case-insensitive).
    public var stopwords: [String]
    /// Commit ids whose findings are allowed (when the scan names its commit).
    public var commits: [String]
    /// For a global allowlist: the rule ids it applies to; empty means every rule.
    public var targetRules: [String]

    public init(
        description: String = "", condition: Condition = .or, regexes: [String] = [],
        regexTarget: RegexTarget = .secret, paths: [String] = [], stopwords: [String] = [], commits: [String] = [],
        targetRules: [String] = []
    ) {
        self.description = description
        self.condition = condition
        self.regexes = regexes
        self.regexTarget = regexTarget
        self.paths = paths
        self.stopwords = stopwords
        self.commits = commits
        self.targetRules = targetRules
    }
}
