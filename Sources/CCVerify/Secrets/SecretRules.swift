public import CCSecrets
public import Foundation

/// Which secret rules a verification runs: a `--rules FILE`, else the repository's
/// `.ccteam/policies/secrets.toml`, else the built-in rules.
public enum SecretRules {
    /// Where a repository keeps its own rules, relative to its root.
    public static let repositoryPath = ".ccteam/policies/secrets.toml"

    /// The rule set in effect.
    public static func load(file: URL?, repositoryRoot: URL?) throws -> RuleSet {
        if let file { return try RuleSet.load(contentsOf: file) }
        if let root = repositoryRoot {
            let local = root.appendingPathComponent(repositoryPath)
            if FileManager.default.fileExists(atPath: local.path) { return try RuleSet.load(contentsOf: local) }
        }
        return try RuleSet.builtin()
    }

    /// Short descriptions of every rule, for reports.
    public static func descriptions(_ rules: RuleSet) -> [String: String] {
        var result: [String: String] = [:]
        for rule in rules.rules where !rule.description.isEmpty { result[rule.id] = rule.description }
        return result
    }
}
