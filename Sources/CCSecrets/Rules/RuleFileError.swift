public import CCCore

/// A rule file (or rule) that cannot be used: names the file, the line and what is wrong.
///
/// Exit status 2: the user's configuration is at fault, not the code being scanned.
public struct RuleFileError: UserFacingError, Equatable {
    /// The file as the user named it (or `builtin:policies/secrets.toml`).
    public var source: String
    /// The 1-based line at fault, when known.
    public var line: Int?
    /// What is wrong, without the location.
    public var reason: String
    public var help: String?

    public init(source: String, line: Int?, reason: String, help: String? = nil) {
        self.source = source
        self.line = line
        self.reason = reason
        self.help = help
    }

    public var message: String {
        if let line { return "\(source):\(line): \(reason)" }
        return "\(source): \(reason)"
    }

    public var exitStatus: ExitStatus { .usage }
}
