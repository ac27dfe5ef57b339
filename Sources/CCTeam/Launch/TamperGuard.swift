import CCCore
import CCGit
import Foundation

/// The second line of defence, for machines without Landlock too: what the launcher saw of the
/// repository at launch, compared before every merge and when the team ends.
///
/// Guarded: the integration branch (it must be the commit the launcher last wrote), `.git/config`,
/// `.git/hooks/`, every branch and tag outside the launchers' own `ccteam/` branches (`main`,
/// tags, the user's other branches) and the main checkout's `HEAD` and tracked files (by inode, size and change
/// time: the kernel sets ctime on every write, and no process can set it back).
final class TamperGuard: @unchecked Sendable {
    // Sendable: every access to `expectedTip` holds the lock; the snapshot is immutable.
    private let git: TeamGit
    private let snapshot: RepositorySnapshot
    private let lock = NSLock()
    private var expectedTip: ObjectID

    init(git: TeamGit) throws {
        self.git = git
        snapshot = try RepositorySnapshot.take(git)
        expectedTip = try git.integrationTip()
    }

    /// The integration tip the launcher itself wrote last.
    var integrationTip: ObjectID { lock.withLock { expectedTip } }

    /// Records a merge the launcher made: the new tip is expected from now on.
    func recordMerge(_ tip: ObjectID) {
        lock.withLock { expectedTip = tip }
    }

    /// What differs from the launch, one line per guarded thing (empty when nothing does).
    func differences() throws -> [String] {
        var found: [String] = []
        let tip = try? git.integrationTip()
        if tip != integrationTip {
            found.append(
                "\(git.integrationBranch) was moved to \(tip?.short ?? "nothing") outside the launcher "
                    + "(it last wrote \(integrationTip.short))")
        }
        found += snapshot.differences(from: try RepositorySnapshot.take(git))
        return found
    }

    /// Throws ``TamperDetected`` naming every difference and the runs live since the last clean
    /// check; a clean check narrows the suspects to the runs still live.
    func requireIntact(_ liveRuns: LiveRuns) async throws {
        let found = try await offload { try self.differences() }
        guard found.isEmpty else { throw TamperDetected(differences: found, suspects: liveRuns.suspects) }
        liveRuns.checked()
    }

    /// Puts back what the launcher owns: the integration branch at its own record, and
    /// `.git/config` and `.git/hooks/` as they were at launch (the changed files kept beside them,
    /// under `.ccteam/teams/<team>/tampered-<stamp>/`). References a person may have moved on
    /// purpose (`main`, tags) are named, not reset.
    func restore(stamp: String) throws {
        let repository = try git.repository()
        try repository.setReference(
            "refs/heads/" + git.integrationBranch, to: integrationTip, message: "ccteam: restored after tampering")
        let backup = URL(fileURLWithPath: git.root + "/.ccteam/teams/\(git.team)/tampered-\(stamp)")
        try snapshot.restoreFiles(commonDirectory: repository.commonDirectory, backup: backup)
    }
}

/// The guarded parts of a repository at one moment.
struct RepositorySnapshot: Equatable {
    /// A tracked file's identity on disk: any write changes `changed` (ctime).
    struct FileStamp: Equatable {
        var inode: UInt64
        var size: Int64
        var changed: Int64
    }

    var config: Data?
    var hooks: [String: Data]
    var references: [String: String]
    var head: Data?
    var tracked: [String: FileStamp]

    static func take(_ git: TeamGit) throws -> RepositorySnapshot {
        let repository = try git.repository()
        let common = URL(fileURLWithPath: repository.commonDirectory)
        var references: [String: String] = [:]
        // Branches and tags; the `ccteam/` branches are the launchers' own (this team's and any other
        // team sharing the repository), and this team's integration branch is checked on its own.
        for prefix in ["refs/heads/", "refs/tags/"] {
            for reference in try repository.references(withPrefix: prefix)
            where !reference.name.hasPrefix("refs/heads/ccteam/") {
                references[reference.name] = reference.target.hex
            }
        }
        var tracked: [String: FileStamp] = [:]
        for path in try repository.trackedPaths() {
            var info = stat()
            tracked[path] =
                lstat(git.root + "/" + path, &info) == 0
                ? FileStamp(
                    inode: UInt64(info.st_ino), size: Int64(info.st_size),
                    changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
                : FileStamp(inode: 0, size: -1, changed: 0)
        }
        return RepositorySnapshot(
            config: try? Data(contentsOf: common.appendingPathComponent("config")),
            hooks: hookFiles(common.appendingPathComponent("hooks")), references: references,
            head: try? Data(contentsOf: URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("HEAD")),
            tracked: tracked)
    }

    /// Each hook file's content (a symlink's target counts as its content).
    static func hookFiles(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let path = folder.appendingPathComponent(name).path
            if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
                files[name] = Data(("symlink:" + target).utf8)
            } else {
                files[name] = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data("(unreadable)".utf8)
            }
        }
        return files
    }

    func differences(from now: RepositorySnapshot) -> [String] {
        var found: [String] = []
        if config != now.config { found.append(".git/config was changed") }
        for name in Set(hooks.keys).union(now.hooks.keys).sorted() where hooks[name] != now.hooks[name] {
            found.append(
                ".git/hooks/\(name) was "
                    + (hooks[name] == nil ? "added" : now.hooks[name] == nil ? "removed" : "changed"))
        }
        for name in Set(references.keys).union(now.references.keys).sorted()
        where references[name] != now.references[name] {
            let before = references[name].map { String($0.prefix(12)) } ?? "nothing"
            let after = now.references[name].map { String($0.prefix(12)) } ?? "nothing"
            found.append("\(name) moved from \(before) to \(after)")
        }
        if head != now.head { found.append("the main checkout's HEAD was changed") }
        let changed = Set(tracked.keys).union(now.tracked.keys).sorted().filter { tracked[$0] != now.tracked[$0] }
        if !changed.isEmpty {
            let shown = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", …" : "")
            found.append(
                "\(changed.count) tracked file\(changed.count == 1 ? "" : "s") of the main checkout changed: \(shown)")
        }
        return found
    }

    /// Writes `.git/config` and the hooks back as they were, keeping what was there in `backup`.
    func restoreFiles(commonDirectory: String, backup: URL) throws {
        let manager = FileManager.default
        let common = URL(fileURLWithPath: commonDirectory)
        let configURL = common.appendingPathComponent("config")
        if let config, (try? Data(contentsOf: configURL)) != config {
            try manager.createDirectory(at: backup, withIntermediateDirectories: true)
            if manager.fileExists(atPath: configURL.path) {
                try manager.moveItem(at: configURL, to: backup.appendingPathComponent("config"))
            }
            try config.write(to: configURL)
        }
        let hooksURL = common.appendingPathComponent("hooks")
        let current = Self.hookFiles(hooksURL)
        guard current != hooks else { return }
        let kept = backup.appendingPathComponent("hooks")
        try manager.createDirectory(at: kept, withIntermediateDirectories: true)
        for name in current.keys where current[name] != hooks[name] {
            try manager.moveItem(at: hooksURL.appendingPathComponent(name), to: kept.appendingPathComponent(name))
        }
        // Only hooks that changed or vanished are written back; a symlinked hook is noted, not recreated.
        for (name, content) in hooks where current[name] != content && !content.starts(with: Data("symlink:".utf8)) {
            let target = hooksURL.appendingPathComponent(name)
            try content.write(to: target)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path)
        }
    }
}

/// The repository was changed behind the launcher: merging stops and the launch fails.
public struct TamperDetected: Error, Sendable, Equatable {
    /// What differs from the launch, one line each.
    public var differences: [String]
    /// The runs that were live since the repository was last found intact.
    public var suspects: [String]
}
