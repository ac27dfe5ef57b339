public import CCCore

/// Where a policy value was written, so every finding can quote the line that forbids a change.
public struct PolicyLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the source is named to people: a path such as `.ccteam/policies/scope.yaml`,
    /// `built-in policies/scope.yaml`, or a description such as `the task's scope`.
    public var source: String
    /// The 1-based line in `source`, when it is a file.
    public var line: Int?

    public init(source: String, line: Int? = nil) {
        self.source = source
        self.line = line
    }

    /// `source:line`, or just `source` without a line.
    public var description: String { line.map { "\(source):\($0)" } ?? source }
}

/// A glob from a policy (or a task's scope) together with where it was written.
public struct PolicyPattern: Sendable, Hashable, CustomStringConvertible {
    /// The compiled pattern.
    public var glob: Glob
    /// Where the pattern was written.
    public var location: PolicyLocation

    public init(glob: Glob, location: PolicyLocation) {
        self.glob = glob
        self.location = location
    }

    /// The pattern as written.
    public var pattern: String { glob.pattern }

    /// `'pattern' (file:line)`, the way findings quote a policy line.
    public var description: String { "'\(glob.pattern)' (\(location))" }

    /// Whether the path or a parent directory of it matches.
    public func matches(_ path: GlobPath) -> Bool { glob.matches(path) }
}

/// A single policy value together with where it was written.
public struct PolicySetting<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value in effect.
    public var value: Value
    /// Where it was written.
    public var location: PolicyLocation

    public init(_ value: Value, at location: PolicyLocation) {
        self.value = value
        self.location = location
    }
}
