/// Whether two tasks' declared scopes may touch the same paths, for the scheduler's preference
/// not to run such tasks side by side. Deliberately loose: a wrong "may overlap" only costs a
/// less preferred order, a wrong "cannot" a merge conflict (which a re-run then resolves).
enum ScopeOverlap {
    /// An empty scope is the whole repository; otherwise two globs may overlap when the literal
    /// folder part of one (up to its first wildcard) lies within the other's.
    static func mayOverlap(_ first: [String], _ second: [String]) -> Bool {
        if first.isEmpty || second.isEmpty { return true }
        return first.contains { one in second.contains { literalPrefixesNest(one, $0) } }
    }

    private static func literalPrefixesNest(_ one: String, _ other: String) -> Bool {
        let a = literalPrefix(one)
        let b = literalPrefix(other)
        return a.hasPrefix(b) || b.hasPrefix(a)
    }

    /// The pattern up to its first wildcard; a pattern without one is a file path, taken whole.
    private static func literalPrefix(_ pattern: String) -> String {
        let trimmed = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        guard let wildcard = trimmed.firstIndex(where: { "*?[{".contains($0) }) else { return trimmed }
        return String(trimmed[..<wildcard])
    }
}
