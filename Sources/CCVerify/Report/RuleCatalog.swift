/// One-line descriptions of ccverify's own rules, for SARIF `shortDescription` and report legends.
public enum RuleCatalog {
    /// The rules ccverify itself defines (secret rules come from the secret rule set).
    public static let descriptions: [String: String] = [
        "scope.outside-allow": "A change writes outside the allowed paths (policy allow list or task scope)",
        "scope.denied": "A change writes a path the policy denies",
        "scope.protected": "A change writes a protected path (repository metadata, CI, keys, lock files)",
        "scope.max-files": "A change touches more files than the policy allows",
        "scope.max-diff-lines": "A change holds more changed lines than the policy allows",
        "scope.symlink": "A change adds a symbolic link where the policy forbids them",
        "scope.symlink-outside": "A change adds a symbolic link that points outside the repository",
        "scope.new-executable": "A change adds an executable file or sets an executable bit",
        "test.failed": "The project's test command failed",
        "test.timeout": "The project's test command did not finish in time",
        "run.failed": "The agent run did not succeed",
    ]

    /// The description of `rule`, falling back to `extra` (secret rules) and then the id itself.
    public static func describe(_ rule: String, extra: [String: String] = [:]) -> String {
        descriptions[rule] ?? extra[rule] ?? rule
    }
}
