/// A gitignore-style path pattern, matched against repository-relative paths such as `src/api/x.swift`.
///
/// The rules are gitignore's, so a policy reads the way a `.gitignore` does:
/// - `*` matches any run of characters except `/`; `?` matches one character except `/`;
///   `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) match one character from (or not from) a set;
///   `\` makes the next character literal.
/// - `**` as a whole segment matches any number of directories: `**/x` (at any depth), `a/**` (everything
///   inside `a`), `a/**/b` (zero or more directories between).
/// - A pattern with no `/` except a trailing one matches a name at any depth (`*.pem`); a pattern with a `/`
///   elsewhere is anchored at the root (`src/*.swift` does not match `lib/src/a.swift`). A leading `/` or
///   `./` anchors a single name (`/Makefile`).
/// - A trailing `/` matches directories only (`build/` matches `build/out.o`, not a file named `build`).
/// - A path also matches when one of its parent directories matches, as everything inside an ignored
///   directory is ignored (`src/api` matches `src/api/x.swift`).
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Whether letters match regardless of case (used for protected paths, which must not be dodged
    /// on case-insensitive file systems by writing `.GIT/config`).
    public let ignoresCase: Bool
    /// Whether the pattern is anchored at the repository root (it holds a `/` other than a trailing one).
    public let isAnchored: Bool
    /// Whether the pattern ends in `/` and so matches directories (and what they hold) only.
    public let matchesDirectoriesOnly: Bool
    private let segments: [Segment]

    public var description: String { pattern }

    /// Compiles `pattern`; throws for an empty pattern or an unterminated `[` set.
    public init(_ pattern: String, ignoresCase: Bool = false) throws(GlobError) {
        self.pattern = pattern
        self.ignoresCase = ignoresCase
        var body = Substring(pattern)
        if body.hasPrefix("./") {
            body = body.dropFirst(2)
        }
        var anchored = pattern.hasPrefix("./")
        if body.hasPrefix("/") {
            anchored = true
            body = body.drop { $0 == "/" }
        }
        var directoryOnly = false
        if body.hasSuffix("/") {
            directoryOnly = true
            while body.hasSuffix("/") { body = body.dropLast() }
        }
        guard !body.isEmpty else { throw GlobError(pattern: pattern, reason: "the pattern matches no path") }
        let rawSegments = body.split(separator: "/", omittingEmptySubsequences: true)
        if rawSegments.count > 1 { anchored = true }
        var compiled: [Segment] = []
        if !anchored { compiled.append(.anyDirectories) }
        for raw in rawSegments {
            if raw == "**" {
                if compiled.last != .anyDirectories { compiled.append(.anyDirectories) }
            } else {
                compiled.append(.name(try Self.compileName(raw, pattern: pattern, ignoresCase: ignoresCase)))
            }
        }
        self.isAnchored = anchored
        self.matchesDirectoriesOnly = directoryOnly
        self.segments = compiled
    }

    /// Whether `path` (repository-relative, `/`-separated) or one of its parent directories matches.
    public func matches(_ path: String) -> Bool {
        matches(GlobPath(path))
    }

    /// Whether an already split path or one of its parent directories matches; split a path once
    /// with ``GlobPath`` when testing it against many patterns.
    public func matches(_ path: GlobPath) -> Bool {
        let components = ignoresCase ? path.foldedComponents : path.components
        guard !components.isEmpty else { return false }
        var memo = [UInt8](repeating: 0, count: (segments.count + 1) * (components.count + 1))
        return match(segment: 0, component: 0, components, &memo)
    }

    // MARK: - Matching

    private func match(
        segment: Int, component: Int, _ components: [[Unicode.Scalar]], _ memo: inout [UInt8]
    ) -> Bool {
        let key = segment * (components.count + 1) + component
        if memo[key] != 0 { return memo[key] == 1 }
        let result: Bool
        if segment == segments.count {
            // The whole path matched, or a parent directory of it did.
            result = component == components.count ? !matchesDirectoriesOnly : component > 0
        } else {
            switch segments[segment] {
            case .anyDirectories:
                if segment == segments.count - 1 {
                    // A trailing `**` matches everything inside, but not the directory itself.
                    result = component < components.count
                } else {
                    var found = false
                    var next = component
                    while next <= components.count && !found {
                        found = match(segment: segment + 1, component: next, components, &memo)
                        next += 1
                    }
                    result = found
                }
            case .name(let tokens):
                result =
                    component < components.count
                    && Self.matchName(tokens[...], components[component][...])
                    && match(segment: segment + 1, component: component + 1, components, &memo)
            }
        }
        memo[key] = result ? 1 : 2
        return result
    }

    private static func matchName(_ tokens: ArraySlice<Token>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var t = tokens.startIndex
        var n = name.startIndex
        var starToken: Int? = nil
        var starName = n
        while n < name.endIndex {
            if t < tokens.endIndex {
                switch tokens[t] {
                case .star:
                    starToken = t
                    starName = n
                    t += 1
                    continue
                case .any:
                    t += 1
                    n += 1
                    continue
                case .literal(let scalar) where scalar == name[n]:
                    t += 1
                    n += 1
                    continue
                case .set(let members, let negated)
                where members.contains(where: { $0.contains(name[n].value) }) != negated:
                    t += 1
                    n += 1
                    continue
                default:
                    break
                }
            }
            guard let star = starToken else { return false }
            t = star + 1
            starName += 1
            n = starName
        }
        while t < tokens.endIndex, tokens[t] == .star { t += 1 }
        return t == tokens.endIndex
    }

    // MARK: - Compiling

    enum Segment: Hashable, Sendable {
        case anyDirectories
        case name([Token])
    }

    enum Token: Hashable, Sendable {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(members: [ClosedRange<UInt32>], negated: Bool)
    }

    private static func compileName(
        _ raw: Substring, pattern: String, ignoresCase: Bool
    ) throws(GlobError) -> [Token] {
        let scalars = Array(raw.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            ignoresCase ? GlobPath.fold(scalar) : scalar
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                index += 1
            case "?":
                tokens.append(.any)
                index += 1
            case "\\":
                guard index + 1 < scalars.count else {
                    throw GlobError(pattern: pattern, reason: "it ends with a lone '\\'")
                }
                tokens.append(.literal(fold(scalars[index + 1])))
                index += 2
            case "[":
                var cursor = index + 1
                var negated = false
                if cursor < scalars.count, scalars[cursor] == "!" || scalars[cursor] == "^" {
                    negated = true
                    cursor += 1
                }
                var members: [ClosedRange<UInt32>] = []
                var first = true
                var closed = false
                while cursor < scalars.count {
                    var member = scalars[cursor]
                    if member == "]" && !first {
                        closed = true
                        break
                    }
                    first = false
                    if member == "\\", cursor + 1 < scalars.count {
                        cursor += 1
                        member = scalars[cursor]
                    }
                    if cursor + 2 < scalars.count, scalars[cursor + 1] == "-", scalars[cursor + 2] != "]" {
                        let upper = scalars[cursor + 2]
                        guard member.value <= upper.value else {
                            throw GlobError(
                                pattern: pattern, reason: "the range '\(member)-\(upper)' runs backwards")
                        }
                        members.append(member.value...upper.value)
                        cursor += 3
                    } else {
                        members.append(member.value...member.value)
                        cursor += 1
                    }
                }
                guard closed else {
                    throw GlobError(pattern: pattern, reason: "a '[' set is never closed with ']'")
                }
                if ignoresCase {
                    // Paths are folded to lowercase, so a set's uppercase letters must match lowercase too.
                    for range in members {
                        let lower = max(range.lowerBound, 65)
                        let upper = min(range.upperBound, 90)
                        if lower <= upper { members.append((lower + 32)...(upper + 32)) }
                    }
                }
                tokens.append(.set(members: members, negated: negated))
                index = cursor + 1
            default:
                tokens.append(.literal(fold(scalar)))
                index += 1
            }
        }
        return tokens
    }
}

/// A path split into components once, to test against many ``Glob``s cheaply.
public struct GlobPath: Sendable, Hashable {
    /// The path as given.
    public let path: String
    let components: [[Unicode.Scalar]]
    let foldedComponents: [[Unicode.Scalar]]

    /// Splits a repository-relative path on `/`, ignoring empty and `.` components.
    public init(_ path: String) {
        self.path = path
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        components = parts.map { Array($0.unicodeScalars) }
        foldedComponents = components.map { $0.map(GlobPath.fold) }
    }

    /// Lowercases ASCII letters; case-insensitive file systems fold at least these.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value >= 65 && scalar.value <= 90 { return Unicode.Scalar(scalar.value + 32)! }
        return scalar
    }
}

/// A pattern that cannot be compiled, with the reason.
public struct GlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public var pattern: String
    /// Why it is not a valid pattern.
    public var reason: String

    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    public var description: String { "'\(pattern)' is not a valid pattern: \(reason)" }
}
