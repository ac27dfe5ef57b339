public import CCCore

/// One secret found in one file. Holds only a redacted form and a fingerprint: the secret itself
/// is never stored, encoded or printed.
public struct SecretFinding: Sendable, Hashable, Codable {
    /// The id of the rule that matched, for example `github-pat`.
    public var ruleID: String
    /// The rule's description: what kind of secret this is.
    public var description: String
    /// The path as the caller named the file.
    public var path: String
    /// The 1-based line where the secret starts.
    public var line: Int
    /// The 1-based byte column where the secret starts.
    public var column: Int
    /// The 1-based line where the whole match ends (greater than `line` for a key block).
    public var endLine: Int
    /// The secret masked: its first 4 and last 2 characters, or stars when it is short.
    public var redacted: String
    /// SHA-256 of rule id, path and secret (32 hex digits): stable across edits that move lines,
    /// used by baselines; not reversible.
    public var fingerprint: String
    /// The rule's tags.
    public var tags: [String]
    /// Where the secret sits in the scanned bytes, so a caller can mask it in place (the event log
    /// of an agent run); never written out. `nil` for findings about a whole file.
    public var byteRange: Range<Int>?

    private enum CodingKeys: String, CodingKey {
        case ruleID, description, path, line, column, endLine, redacted, fingerprint, tags
    }

    public init(
        ruleID: String, description: String, path: String, line: Int, column: Int, endLine: Int, redacted: String,
        fingerprint: String, tags: [String] = []
    ) {
        self.ruleID = ruleID
        self.description = description
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.redacted = redacted
        self.fingerprint = fingerprint
        self.tags = tags
    }

    /// The finding in the shared vocabulary (kind `.secret`), for reports in every format.
    public func finding(severity: Finding.Severity = .error) -> Finding {
        let what = description.isEmpty ? "a secret" : description
        return Finding(
            rule: ruleID, kind: .secret, severity: severity,
            message: "\(what) (\(redacted)): remove it from the file and rotate the credential",
            path: path, line: line, column: column, fingerprint: fingerprint, redacted: redacted)
    }
}
