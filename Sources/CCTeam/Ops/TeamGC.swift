import CCCore
public import Foundation

/// `ccteam gc`: removes the worktrees and worker branches of teams that are over, keeping what is
/// the record (the integration branch, tasks and run folders) for the user to delete on purpose.
public struct TeamGC: Sendable {
    /// What was collected for one team.
    public struct Report: Sendable, Equatable {
        /// The team collected.
        public var team: String
        /// Worktree folders removed, relative to the repository root.
        public var removedWorktrees: [String]
        /// Worker branches deleted.
        public var removedBranches: [String]
        /// The integration branch, kept; `nil` when it does not exist.
        public var keptIntegrationBranch: String?
        /// How many run folders of the team remain in `.ccteam/runs/`.
        public var runFolders: Int

        /// A report of one team's collection.
        public init(
            team: String, removedWorktrees: [String], removedBranches: [String], keptIntegrationBranch: String?,
            runFolders: Int
        ) {
            self.team = team
            self.removedWorktrees = removedWorktrees
            self.removedBranches = removedBranches
            self.keptIntegrationBranch = keptIntegrationBranch
            self.runFolders = runFolders
        }
    }

    /// A team left alone, and why.
    public struct Skipped: Sendable, Equatable {
        /// The team left alone.
        public var team: String
        /// Why, with what to do about it.
        public var reason: String
    }

    /// The main checkout.
    public var root: URL

    /// Collects teams of the repository whose main checkout is `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Collects one team, refusing while its launcher is alive.
    public func collect(team: String) throws -> Report {
        let config = try TeamConfig.load(root: root, team: team)
        if let pid = config.launcherPID, config.launcherIsAlive {
            throw ToolError(
                "team '\(team)' is still running (launcher pid \(pid)); gc would remove its workers' worktrees",
                help: "stop it first with 'ccteam stop --team \(team)', or wait for it to finish")
        }
        let git = TeamGit(root: root.path, team: team)
        let removed = try git.removeAll(keepingIntegration: true)
        let integration = try? git.integrationTip()
        return Report(
            team: team,
            removedWorktrees: removed.filter { $0.hasPrefix("/") }.map(relative),
            removedBranches: removed.filter { !$0.hasPrefix("/") },
            keptIntegrationBranch: integration == nil ? nil : git.integrationBranch,
            runFolders: TeamRuns(root: root).runs(ofTeam: team).count)
    }

    /// Collects every team whose launcher is gone and whose state is finished or stopped; the
    /// others are returned as skipped, with the reason.
    public func collectFinished() throws -> (collected: [Report], skipped: [Skipped]) {
        let folder = root.appendingPathComponent(".ccteam/teams")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent($0).appendingPathComponent("team.json").path)
        }.sorted()
        var collected: [Report] = []
        var skipped: [Skipped] = []
        for name in names {
            guard let config = try? TeamConfig.load(root: root, team: name) else {
                skipped.append(Skipped(team: name, reason: "its team.json cannot be read"))
                continue
            }
            if let pid = config.launcherPID, config.launcherIsAlive {
                skipped.append(Skipped(team: name, reason: "its launcher (pid \(pid)) is running"))
            } else if config.state == .planning || config.state == .running {
                skipped.append(
                    Skipped(
                        team: name,
                        reason:
                            "it is marked \(config.state.rawValue) ('ccteam stop --team \(name)' first, or 'ccteam gc --team \(name)')"
                    ))
            } else {
                collected.append(try collect(team: name))
            }
        }
        return (collected, skipped)
    }

    private func relative(_ path: String) -> String {
        let prefix = root.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

extension TeamGC.Report {
    /// What `ccteam gc` prints for this team.
    public var lines: [String] {
        var lines = ["team \(team):"]
        if removedWorktrees.isEmpty && removedBranches.isEmpty { lines.append("  nothing to remove") }
        lines += removedWorktrees.map { "  removed worktree \($0)" }
        lines += removedBranches.map { "  removed branch \($0)" }
        if let keptIntegrationBranch {
            lines.append(
                "  kept branch \(keptIntegrationBranch) (the accepted work; delete it with "
                    + "'git branch -D \(keptIntegrationBranch)')")
        }
        lines.append(
            "  kept the record: .ccteam/teams/\(team)/ and \(runFolders) run folder\(runFolders == 1 ? "" : "s") in "
                + ".ccteam/runs/ (delete them by hand when no longer needed)")
        return lines
    }
}
