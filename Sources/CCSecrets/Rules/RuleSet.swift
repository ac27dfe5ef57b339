import CCResources
public import Foundation

/// A validated, compiled set of secret rules plus global allowlists: what a ``SecretScanner`` runs.
///
/// Rule files use the gitleaks TOML schema (`[[rules]]`, `[[rules.allowlists]]`, `[allowlist]`,
/// `[extend]`), so a user's existing `.gitleaks.toml` works as it is. Every pattern is compiled
/// when the set is made: a bad pattern fails here, naming the rule, never during a scan.
public struct RuleSet: Sendable {
    /// Where the rules came from, as used in error messages (`builtin:policies/secrets.toml`, a path).
    public let source: String
    /// The file's `title`, if it has one.
    public let title: String?
    let compiledRules: [CompiledRule]
    let compiledAllowlists: [CompiledAllowlist]

    /// The rules, in file order.
    public var rules: [SecretRule] { compiledRules.map(\.rule) }
    /// The global allowlists (`[allowlist]` and `[[allowlists]]`).
    public var allowlists: [SecretAllowlist] { compiledAllowlists.map(\.list) }

    /// The path of the built-in rule file among the embedded files.
    public static let builtinPath = "policies/secrets.toml"

    /// Compiles rules made in code; throws when a rule is invalid or a pattern does not compile.
    public init(rules: [SecretRule], allowlists: [SecretAllowlist] = [], source: String = "<rules>") throws {
        try self.init(
            rules: rules.map { ($0, nil) }, allowlists: allowlists.map { ($0, nil) }, source: source, title: nil)
    }

    init(rules: [(SecretRule, Int?)], allowlists: [(SecretAllowlist, Int?)], source: String, title: String?)
        throws(RuleFileError)
    {
        var seen: Set<String> = []
        var compiled: [CompiledRule] = []
        for (rule, line) in rules {
            guard !rule.id.isEmpty else {
                throw RuleFileError(source: source, line: line, reason: "a rule has an empty 'id'")
            }
            guard seen.insert(rule.id).inserted else {
                throw RuleFileError(
                    source: source, line: line, reason: "rule id '\(rule.id)' is used more than once",
                    help: "give every rule its own id")
            }
            compiled.append(try CompiledRule(rule, source: source, line: line))
        }
        var lists: [CompiledAllowlist] = []
        for (list, line) in allowlists {
            lists.append(try CompiledAllowlist(list, owner: "global", source: source, line: line))
        }
        self.source = source
        self.title = title
        compiledRules = compiled
        compiledAllowlists = lists
    }

    /// The rules shipped with ccverify (`policies/secrets.toml`, compiled into the binary).
    public static func builtin() throws -> RuleSet {
        try cachedBuiltin.get()
    }

    private static let cachedBuiltin: Result<RuleSet, RuleFileError> = {
        let source = "builtin:" + builtinPath
        guard let text = BuiltinFiles.text(at: builtinPath) else {
            return .failure(RuleFileError(source: source, line: nil, reason: "the built-in rule file is missing"))
        }
        return Result { () throws(RuleFileError) in
            try RuleFileDecoder.decode(toml: text, source: source, baseDirectory: nil, builtin: nil)
        }
    }()

    /// Reads a rule file such as a user's `.gitleaks.toml`.
    public static func load(contentsOf url: URL) throws -> RuleSet {
        try load(contentsOf: url, depth: 0)
    }

    static func load(contentsOf url: URL, depth: Int) throws(RuleFileError) -> RuleSet {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RuleFileError(
                source: url.path, line: nil, reason: "cannot read the rule file",
                help: "check that the path exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(source: url.path, line: nil, reason: "the rule file is not UTF-8 text")
        }
        return try RuleFileDecoder.decode(
            toml: text, source: url.path, baseDirectory: url.deletingLastPathComponent(), builtin: builtinForExtend,
            depth: depth)
    }

    /// Parses rule-file text; `source` names it in error messages.
    public static func parse(toml: String, source: String) throws -> RuleSet {
        try RuleFileDecoder.decode(toml: toml, source: source, baseDirectory: nil, builtin: builtinForExtend)
    }

    private static var builtinForExtend: RuleSet? { try? cachedBuiltin.get() }

    /// A copy without the rules whose ids are given (for `disabledRules` and command-line choices).
    public func removing(ruleIDs: Set<String>) -> RuleSet {
        RuleSet(
            source: source, title: title, compiledRules: compiledRules.filter { !ruleIDs.contains($0.rule.id) },
            compiledAllowlists: compiledAllowlists)
    }

    init(source: String, title: String?, compiledRules: [CompiledRule], compiledAllowlists: [CompiledAllowlist]) {
        self.source = source
        self.title = title
        self.compiledRules = compiledRules
        self.compiledAllowlists = compiledAllowlists
    }
}
