public import CCCore

/// One problem `ccprompt validate` found in a pack file, printed compiler-style.
public struct LintFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's display path (see ``PackFile/displayPath``).
    public var path: String
    /// 1-based line and column in the file.
    public var line: Int
    public var column: Int
    public var severity: Finding.Severity
    /// A stable rule id such as `variable.undeclared`, shown in brackets.
    public var rule: String
    public var message: String

    public init(
        path: String, line: Int, column: Int, severity: Finding.Severity = .error, rule: String, message: String
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    /// `path:line:col: error: [rule] message`, the shape editors and CI annotators understand.
    public var description: String {
        "\(path):\(line):\(column): \(severity.rawValue): [\(rule)] \(message)"
    }

    public static func < (lhs: LintFinding, rhs: LintFinding) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.rule, lhs.message) < (
            rhs.path, rhs.line, rhs.column, rhs.rule, rhs.message
        )
    }
}
