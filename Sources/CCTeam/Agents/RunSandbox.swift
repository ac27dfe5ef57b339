public import CCProcess
public import Foundation

/// The one folder a run may write besides its worktree: `runs/<run-id>/private/`, holding its
/// `TMPDIR`, its cache and its own Claude Code configuration. Removed when the run's checks end.
///
/// Claude Code keeps its state (`.claude.json`, sessions, shell snapshots) in the folder
/// `CLAUDE_CONFIG_DIR` names, and the user's `~/.claude/settings.json` holds the user's own hooks:
/// an agent able to write there could make the user's next session run its commands. So every run
/// gets a fresh configuration folder of its own, seeded with the user's login (`claude login`
/// credentials) so a user without an API key still gets a working team.
public struct RunSandbox: Sendable {
    public let folder: URL

    public var temporary: URL { folder.appendingPathComponent("tmp") }
    public var cache: URL { folder.appendingPathComponent("cache") }
    public var claudeConfig: URL { folder.appendingPathComponent("claude") }

    /// The files of the user's Claude Code configuration a run starts with: the login, and the
    /// account and onboarding state. Nothing else (settings, hooks, plugins) is copied.
    static let seededFiles = [".credentials.json", ".claude.json"]

    /// Creates the folders under `runDirectory` and seeds the Claude configuration from the user's.
    public static func prepare(in runDirectory: URL, environment: [String: String]) throws -> RunSandbox {
        let sandbox = RunSandbox(folder: runDirectory.appendingPathComponent("private"))
        let manager = FileManager.default
        for folder in [sandbox.temporary, sandbox.cache, sandbox.claudeConfig] {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for source in userClaudeFiles(environment) where manager.fileExists(atPath: source.path) {
            let target = sandbox.claudeConfig.appendingPathComponent(source.lastPathComponent)
            try? manager.removeItem(at: target)
            try manager.copyItem(at: source, to: target)
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        }
        return sandbox
    }

    /// Where the user's login and account state live: `$CLAUDE_CONFIG_DIR`, else `~/.claude` for
    /// the credentials and `~/.claude.json` for the account.
    static func userClaudeFiles(_ environment: [String: String]) -> [URL] {
        if let configured = environment["CLAUDE_CONFIG_DIR"], !configured.isEmpty {
            let folder = URL(fileURLWithPath: configured)
            return seededFiles.map { folder.appendingPathComponent($0) }
        }
        guard let home = environment["HOME"], !home.isEmpty else { return [] }
        let folder = URL(fileURLWithPath: home)
        return [
            folder.appendingPathComponent(".claude/.credentials.json"), folder.appendingPathComponent(".claude.json"),
        ]
    }

    /// The variables that point the run's programs at its private folders.
    public var environment: [String: String] {
        ["TMPDIR": temporary.path, "XDG_CACHE_HOME": cache.path, "CLAUDE_CONFIG_DIR": claudeConfig.path]
    }

    /// Writable: the worktree and this folder; everything else only readable.
    public func confinement(worktree: String) -> Confinement {
        Confinement(writable: [worktree, folder.path])
    }

    /// Removes the folder and everything the run left in it.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
