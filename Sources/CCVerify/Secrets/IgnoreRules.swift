import CCCore
import Foundation

/// The `.gitignore` rules met while walking a folder, so `ccverify scan DIR` skips what git ignores
/// (build output, dependencies) the way git does: the last matching rule wins, `!pattern` re-includes,
/// and an ignored folder is not entered at all.
///
/// Reads `.gitignore` files and the repository's `info/exclude`; git's global excludes file is not read.
struct IgnoreRules {
    /// One line of an ignore file, with the folder (relative to the walk's root) it applies inside.
    struct Rule {
        var glob: Glob
        var negated: Bool
        /// `""` for the root, else `dir/` (with the slash).
        var base: String
    }

    private(set) var rules: [Rule] = []

    /// Adds the rules of one ignore file that applies inside `base` (`""` or `dir/`); unreadable or
    /// malformed lines are skipped, as git skips them.
    mutating func load(_ file: URL, base: String) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            var text = Substring(line)
            if text.hasPrefix("#") { continue }
            // Trailing spaces are dropped unless escaped with a backslash.
            while text.hasSuffix(" ") && !text.hasSuffix("\\ ") { text = text.dropLast() }
            guard !text.isEmpty else { continue }
            var negated = false
            if text.hasPrefix("!") {
                negated = true
                text = text.dropFirst()
            }
            guard let glob = try? Glob(String(text)) else { continue }
            rules.append(Rule(glob: glob, negated: negated, base: base))
        }
    }

    /// Whether an entry at `relative` (to the walk's root) is ignored.
    func isIgnored(_ relative: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for rule in rules where rule.base.isEmpty || relative.hasPrefix(rule.base) {
            let inside = GlobPath(String(relative.dropFirst(rule.base.count)))
            if rule.glob.matchesEntry(inside, isDirectory: isDirectory) { ignored = !rule.negated }
        }
        return ignored
    }
}
