public import CCCore
public import Foundation

/// `--include` globs: files git ignores but agents need (a `.env` with local settings, say), copied
/// from the main checkout into each worktree when it is prepared. Off unless asked for; the copies
/// are git-ignored there too, so they never reach a diff or a merge.
public struct IncludedFiles: Sendable {
    public let globs: [Glob]

    /// Compiles the globs; a bad one is a usage error naming it.
    public init(_ patterns: [String]) throws {
        globs = try patterns.map { pattern in
            do { return try Glob(pattern) } catch {
                throw ToolError(
                    "--include '\(pattern)' is not a valid glob: \(error)",
                    help: "use gitignore-style globs such as '.env*'")
            }
        }
    }

    /// The repository-relative paths under `root` the globs match (`.git` and `.ccteam` never).
    public func matches(in root: URL) -> [String] {
        guard !globs.isEmpty,
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            if path == ".git" || path == ".ccteam" {
                walker.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if globs.contains(where: { $0.matches(path) }) { found.append(path) }
        }
        return found.sorted()
    }

    /// Copies every match from `root` into `worktree`, replacing older copies; returns what it copied.
    @discardableResult
    public func copy(from root: URL, into worktree: URL) throws -> [String] {
        let paths = matches(in: root)
        for path in paths {
            let source = root.appendingPathComponent(path)
            let target = worktree.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
        }
        return paths
    }
}
