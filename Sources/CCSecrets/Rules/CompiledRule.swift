/// A rule with its patterns compiled and its keywords folded to lower case, ready to scan.
///
/// A class so the scan's hot paths pass one reference instead of copying a struct of arrays.
final class CompiledRule: Sendable {
    let rule: SecretRule
    let pattern: CompiledPattern?
    let pathPattern: CompiledPattern?
    /// Lower-cased keyword bytes.
    let keywords: [[UInt8]]
    /// Whether a match may cross a line break, so the rule must see the whole file.
    let spansLines: Bool
    let allowlists: [CompiledAllowlist]
    /// Whether the rule's applicability depends on the file path (its `path` or an allowlist's).
    var dependsOnPath: Bool { pathPattern != nil || allowlists.contains { !$0.paths.isEmpty } }

    init(_ rule: SecretRule, source: String, line: Int?) throws(RuleFileError) {
        self.rule = rule
        let label = "rule '\(rule.id)'"
        pattern = try rule.regex.map { (regex: String) throws(RuleFileError) in
            try compilePattern(regex, field: "regex", of: label, source: source, line: line)
        }
        pathPattern = try rule.path.map { (path: String) throws(RuleFileError) in
            try compilePattern(path, field: "path", of: label, source: source, line: line)
        }
        keywords = rule.keywords.filter { !$0.isEmpty }.map { Array($0.lowercased().utf8) }
        spansLines = rule.regex.map(PatternTranslation.spansLines) ?? false
        allowlists = try rule.allowlists.map { (list: SecretAllowlist) throws(RuleFileError) in
            try CompiledAllowlist(list, owner: label, source: source, line: line)
        }
        guard pattern != nil || pathPattern != nil else {
            throw RuleFileError(
                source: source, line: line, reason: "\(label) has neither 'regex' nor 'path'",
                help: "give the rule a regex to match secrets, or a path pattern to flag whole files")
        }
        if let group = rule.secretGroup, let pattern, group > pattern.captureCount || group < 0 {
            throw RuleFileError(
                source: source, line: line,
                reason: "\(label) has secretGroup = \(group) but its regex has \(pattern.captureCount) capture groups",
                help: "set secretGroup to the number of the group that holds the secret")
        }
        if let entropy = rule.entropy, entropy < 0 || entropy > 8 {
            throw RuleFileError(
                source: source, line: line, reason: "\(label) has entropy = \(entropy), outside 0...8 bits per byte")
        }
    }
}

/// An allowlist with its patterns compiled.
struct CompiledAllowlist: Sendable {
    let list: SecretAllowlist
    let regexes: [CompiledPattern]
    let paths: [CompiledPattern]
    /// Lower-cased stopword bytes.
    let stopwords: [[UInt8]]
    let commits: Set<String>
    let targetRules: Set<String>

    init(_ list: SecretAllowlist, owner: String, source: String, line: Int?) throws(RuleFileError) {
        self.list = list
        let label = "\(owner) allowlist"
        var regexes: [CompiledPattern] = []
        for regex in list.regexes {
            regexes.append(try compilePattern(regex, field: "regexes", of: label, source: source, line: line))
        }
        var paths: [CompiledPattern] = []
        for path in list.paths {
            paths.append(try compilePattern(path, field: "paths", of: label, source: source, line: line))
        }
        self.regexes = regexes
        self.paths = paths
        stopwords = list.stopwords.filter { !$0.isEmpty }.map { Array($0.lowercased().utf8) }
        commits = Set(list.commits)
        targetRules = Set(list.targetRules)
    }

    /// Whether the allowlist applies to a rule at all (global lists may target some rules only).
    func targets(_ ruleID: String) -> Bool { targetRules.isEmpty || targetRules.contains(ruleID) }

    var hasContentCriteria: Bool { !regexes.isEmpty || !stopwords.isEmpty }
}

func compilePattern(_ pattern: String, field: String, of owner: String, source: String, line: Int?)
    throws(RuleFileError) -> CompiledPattern
{
    do {
        return try CompiledPattern(pattern)
    } catch {
        throw RuleFileError(
            source: source, line: line,
            reason: "\(owner): \(field) pattern does not compile: \(error.message) at offset \(error.offset)",
            help: "fix the pattern '\(pattern)' (PCRE2 syntax; RE2 patterns from gitleaks mostly work as they are)")
    }
}
