import CCGit
import CCTeam
import CCTestSupport
import Foundation
import Testing

@Suite struct TeamGitTests {
    /// A repository with one commit, and the team's git side over it.
    func makeTeam() throws -> (TemporaryDirectory, TeamGit, ObjectID) {
        let directory = try TemporaryDirectory()
        try Shell.git(["init", "-q", "-b", "main"], in: directory.url)
        try directory.write("README.md", "hello\n")
        try Shell.git(["add", "-A"], in: directory.url)
        try Shell.git(["commit", "-qm", "first"], in: directory.url)
        let head = try #require(ObjectID(hex: try Shell.git(["rev-parse", "HEAD"], in: directory.url).trimmed))
        return (directory, TeamGit(root: directory.path, team: "web"), head)
    }

    @Test func givesEachAgentAWorktreeOnItsOwnBranchAtTheIntegrationTip() throws {
        let (directory, team, head) = try makeTeam()
        #expect(try team.prepareIntegration(base: head) == head)
        let (path, base) = try team.prepareWorktree(for: "worker-1")
        #expect(path == directory.path + "/.ccteam/worktrees/web/worker-1")
        #expect(base == head)
        #expect(
            try Shell.git(["-C", path, "branch", "--show-current"], in: directory.url).trimmed == "ccteam/web/worker-1")
        #expect(try directory.read(".git/info/exclude").contains(".ccteam/"))
        #expect(try Shell.git(["status", "--porcelain"], in: directory.url).isEmpty)
    }

    @Test func committedWorkMergesIntoIntegrationAndTheNextTaskStartsFromIt() throws {
        let (directory, team, head) = try makeTeam()
        try team.prepareIntegration(base: head)
        let (one, _) = try team.prepareWorktree(for: "worker-1")
        let (two, _) = try team.prepareWorktree(for: "worker-2")
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: one + "/a.txt"))
        try Data("b\n".utf8).write(to: URL(fileURLWithPath: two + "/b.txt"))
        #expect(try team.commitWork(of: "worker-1", message: "task 1") != nil)
        #expect(try team.commitWork(of: "worker-2", message: "task 2") != nil)
        guard case .fastForwarded = try team.integrate("worker-1", message: "merge 1") else {
            Issue.record("the first merge should fast-forward")
            return
        }
        guard case .merged = try team.integrate("worker-2", message: "merge 2") else {
            Issue.record("the second merge should make a merge commit")
            return
        }
        let files = try Shell.git(["ls-tree", "--name-only", "ccteam/web/integration"], in: directory.url)
        #expect(files.split(separator: "\n") == ["README.md", "a.txt", "b.txt"])

        // Leftovers of a rejected attempt are gone when the worker takes its next task.
        try Data("junk\n".utf8).write(to: URL(fileURLWithPath: one + "/junk.txt"))
        let (_, base) = try team.prepareWorktree(for: "worker-1")
        #expect(base == (try team.integrationTip()))
        #expect(!FileManager.default.fileExists(atPath: one + "/junk.txt"))
        #expect(FileManager.default.fileExists(atPath: one + "/b.txt"))
    }

    @Test func aConflictingMergeChangesNothing() throws {
        let (directory, team, head) = try makeTeam()
        try team.prepareIntegration(base: head)
        for agent in ["worker-1", "worker-2"] {
            let (path, _) = try team.prepareWorktree(for: agent)
            try Data("\(agent)\n".utf8).write(to: URL(fileURLWithPath: path + "/README.md"))
            _ = try team.commitWork(of: agent, message: agent)
        }
        _ = try team.integrate("worker-1", message: "merge 1")
        let before = try team.integrationTip()
        #expect(try team.integrate("worker-2", message: "merge 2") == .conflicts(["README.md"]))
        #expect(try team.integrationTip() == before)
        #expect(try Shell.git(["status", "--porcelain"], in: directory.url).isEmpty)
    }

    @Test func recreatesAWorktreeWhoseFolderAKilledLauncherLeftHalfGone() throws {
        let (directory, team, head) = try makeTeam()
        try team.prepareIntegration(base: head)
        let (path, _) = try team.prepareWorktree(for: "worker-1")
        try FileManager.default.removeItem(atPath: path)
        defer { withExtendedLifetime(directory) {} }
        let (again, base) = try team.prepareWorktree(for: "worker-1")
        #expect(again == path)
        #expect(base == head)
        #expect(FileManager.default.fileExists(atPath: path + "/README.md"))
    }

    @Test func garbageCollectionRemovesWorktreesAndBranchesButKeepsIntegration() throws {
        let (directory, team, head) = try makeTeam()
        try team.prepareIntegration(base: head)
        _ = try team.prepareWorktree(for: "worker-1")
        _ = try team.prepareWorktree(for: "worker-2")
        let removed = try team.removeAll()
        #expect(removed.contains("ccteam/web/worker-1"))
        #expect(try Shell.git(["worktree", "list"], in: directory.url).split(separator: "\n").count == 1)
        #expect(
            try Shell.git(["branch", "--format=%(refname:short)"], in: directory.url).split(separator: "\n")
                == ["ccteam/web/integration", "main"])
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
