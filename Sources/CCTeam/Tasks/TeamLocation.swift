public import CCCore
public import Foundation

/// Where a team lives: the repository's main checkout and the team's name.
public struct TeamLocation: Sendable, Equatable {
    /// The main checkout (a linked worktree resolves to the checkout it belongs to).
    public var root: URL
    public var team: String

    public init(root: URL, team: String) {
        self.root = root
        self.team = team
    }

    /// Finds the repository and names the team. The root is `CCTEAM_ROOT` when set (agents get it
    /// from the launcher), else the repository around `directory`. The team is `team` when given,
    /// else `CLAUDE_CODE_TEAM_NAME`, else the checkout folder's name with `-<TEAM>` appended when
    /// the `TEAM` variable is set.
    public static func resolve(
        team: String?, from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TeamLocationError) -> TeamLocation {
        let start = environment[Identity.Variable.root].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let root = try repositoryRoot(containing: start ?? directory)
        let name: String
        if let team {
            name = team
        } else if let agentTeam = environment[Identity.Variable.team], !agentTeam.isEmpty {
            name = agentTeam
        } else {
            name = root.lastPathComponent + (environment["TEAM"].map { $0.isEmpty ? "" : "-" + $0 } ?? "")
        }
        guard isValidTeamName(name) else { throw .invalidTeamName(name) }
        return TeamLocation(root: root, team: name)
    }

    /// The store of this team's tasks.
    public func store(clock: @escaping @Sendable () -> Date = { Date() }) -> TaskStore {
        TaskStore(repositoryRoot: root, team: team, clock: clock)
    }

    /// A team name is one path component of letters, digits, `.`, `_` and `-`.
    public static func isValidTeamName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.count <= 100
            && name.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "."
            }
    }

    /// Walks up from `directory` to the folder holding `.git`. A `.git` *file* marks a linked
    /// worktree: its `gitdir` names `<main>/.git/worktrees/<name>`, whose `commondir` leads back to
    /// the main repository's `.git`.
    public static func repositoryRoot(containing directory: URL) throws(TeamLocationError) -> URL {
        var current = directory.standardizedFileURL.resolvingSymlinksInPath()
        while true {
            let dotGit = current.appendingPathComponent(".git")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return current }
                return try mainCheckout(ofWorktreeGitFile: dotGit)
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { throw .notARepository(directory.path) }
            current = parent
        }
    }

    private static func mainCheckout(ofWorktreeGitFile file: URL) throws(TeamLocationError) -> URL {
        guard let text = try? String(contentsOf: file, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir:") })
        else { throw .unreadableGitFile(file.path) }
        let gitdirText = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        let gitdir = URL(fileURLWithPath: gitdirText, relativeTo: file.deletingLastPathComponent())
            .standardizedFileURL
        var common = gitdir
        if let commondir = try? String(contentsOf: gitdir.appendingPathComponent("commondir"), encoding: .utf8) {
            let relative = commondir.trimmingCharacters(in: .whitespacesAndNewlines)
            common =
                URL(fileURLWithPath: relative, relativeTo: gitdir.appendingPathComponent("x"))
                .standardizedFileURL
        }
        guard common.lastPathComponent == ".git" else { throw .unreadableGitFile(file.path) }
        return common.deletingLastPathComponent().resolvingSymlinksInPath()
    }

    /// Adds `.ccteam/` to `.git/info/exclude` once, so nothing the toolkit writes shows in diffs.
    public func excludeRuntimeFolder() throws(TeamLocationError) {
        let info = root.appendingPathComponent(".git/info")
        let exclude = info.appendingPathComponent("exclude")
        let existing = (try? String(contentsOf: exclude, encoding: .utf8)) ?? ""
        let lines = existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !lines.contains(where: { [".ccteam/", ".ccteam", "/.ccteam/", "/.ccteam"].contains($0) }) else { return }
        let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + ".ccteam/\n"
        do {
            try FileManager.default.createDirectory(at: info, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: exclude, options: .atomic)
        } catch {
            throw .cannotWriteExclude(exclude.path, error.localizedDescription)
        }
    }
}

/// Why a team could not be located.
public enum TeamLocationError: UserFacingError, Equatable {
    case notARepository(String)
    case unreadableGitFile(String)
    case invalidTeamName(String)
    case cannotWriteExclude(String, String)

    public var message: String {
        switch self {
        case .notARepository(let path): "'\(path)' is not inside a git repository"
        case .unreadableGitFile(let path): "cannot follow the linked worktree file '\(path)'"
        case .invalidTeamName(let name): "'\(name)' is not a valid team name"
        case .cannotWriteExclude(let path, let reason): "cannot add .ccteam/ to '\(path)': \(reason)"
        }
    }

    public var help: String? {
        switch self {
        case .notARepository: "run ccteam from inside a git repository (or set CCTEAM_ROOT)"
        case .unreadableGitFile: "check that the worktree's main repository still exists ('git worktree prune')"
        case .invalidTeamName: "use letters, digits, '.', '_' and '-' only"
        case .cannotWriteExclude: "check that .git/info is writable"
        }
    }
}

extension TeamLocation {
    /// The team's store, with `.ccteam/` excluded from git first (the contract asks for it as soon
    /// as the toolkit writes inside a repository).
    public func preparedStore(clock: @escaping @Sendable () -> Date = { Date() }) throws(TeamLocationError)
        -> TaskStore
    {
        try excludeRuntimeFolder()
        return store(clock: clock)
    }
}
