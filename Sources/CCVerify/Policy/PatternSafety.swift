import CCCore

/// Rules every pattern a policy or a task scope holds must obey, checked when it is loaded.
///
/// Patterns are relative to the repository root, so `..`, absolute paths and home-relative paths
/// are mistakes (or attempts to reach outside). An allowing pattern that names a protected path with
/// different letter case (`.GIT/config`) is an attempt to dodge protection on a case-insensitive file
/// system, and is rejected too.
enum PatternSafety {
    /// Compiles `text` after checking it is a repository-relative pattern.
    static func compile(
        _ text: String, at location: PolicyLocation, ignoresCase: Bool = false
    ) throws(PolicyError) -> Glob {
        let quoted = "'\(text)'"
        if text.hasPrefix("/") || text.hasPrefix("~") || text.hasPrefix("\\\\") || Self.hasDriveLetter(text) {
            throw PolicyError(
                "pattern \(quoted) is an absolute path", at: location,
                help: "write patterns relative to the repository root, such as 'src/**'; "
                    + "use './NAME' to anchor a single top-level name")
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains("..") {
            throw PolicyError(
                "pattern \(quoted) climbs out with '..'", at: location,
                help: "patterns cannot reach outside the repository; name the path from the repository root")
        }
        if segments.dropFirst().contains(".") {
            throw PolicyError(
                "pattern \(quoted) holds a '.' segment", at: location,
                help: "write the path without '/./', as git reports it")
        }
        do {
            return try Glob(text, ignoresCase: ignoresCase)
        } catch {
            throw PolicyError(error.description, at: location)
        }
    }

    /// Rejects an allowing pattern that differs from a protected path only by letter case.
    static func checkCase(of pattern: PolicyPattern, against protected: [PolicyPattern]) throws(PolicyError) {
        let literal = literalPrefix(of: pattern.pattern)
        guard !literal.isEmpty else { return }
        let probes = [GlobPath(literal), GlobPath(literal + "/x")]
        for guarded in protected {
            let exact = try? Glob(guarded.pattern)
            for probe in probes where guarded.matches(probe) && exact?.matches(probe) == false {
                throw PolicyError(
                    "pattern '\(pattern.pattern)' differs from protected path \(guarded) only by letter case",
                    at: pattern.location,
                    help: "protected paths are matched ignoring case; remove the pattern or spell the path "
                        + "you mean exactly")
            }
        }
    }

    /// The leading segments of a pattern that hold no wildcard, joined by `/`.
    static func literalPrefix(of pattern: String) -> String {
        var text = Substring(pattern)
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        var kept: [Substring] = []
        for segment in text.split(separator: "/") {
            if segment.contains(where: { "*?[\\".contains($0) }) { break }
            kept.append(segment)
        }
        return kept.joined(separator: "/")
    }

    private static func hasDriveLetter(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(3))
        return scalars.count >= 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic
            && (scalars.count == 2 || scalars[2] == "/" || scalars[2] == "\\")
    }
}
