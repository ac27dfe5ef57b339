import CCGit
import CCTestSupport
import Foundation
import Testing

/// Linked worktrees checked against `git worktree list`, including libgit2's leftover admin-folder trap.
@Suite struct WorktreeTests {
    /// `git worktree list --porcelain` as (path, branch) pairs, main checkout first.
    static func listed(_ fixture: GitFixture) throws -> [(path: String, branch: String?)] {
        try fixture.git("worktree", "list", "--porcelain").components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").map(String.init)
            guard let path = lines.first(where: { $0.hasPrefix("worktree ") })?.dropFirst("worktree ".count) else {
                return nil
            }
            let branch = lines.first(where: { $0.hasPrefix("branch refs/heads/") })?.dropFirst(
                "branch refs/heads/".count)
            return (String(path), branch.map(String.init))
        }
    }

    @Test func addCreatesABranchAndAWorktreeGitAgreesWith() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        let path = fixture.path + "/.ccteam/worktrees/team/agent-1"
        let info = try repository.addWorktree(at: path, branch: "ccteam/team/agent-1", from: head)

        #expect(
            info
                == WorktreeInfo(
                    name: "agent-1", path: path, branch: "ccteam/team/agent-1", isLocked: false, isValid: true))
        #expect(try repository.worktrees() == [info])
        let listed = try Self.listed(fixture)
        #expect(listed.map(\.path) == [fixture.path, path])
        #expect(listed.map(\.branch) == ["main", "ccteam/team/agent-1"])
        #expect(try Shell.git(["status", "--porcelain"], in: URL(fileURLWithPath: path)) == "")
        #expect(try Shell.git(["rev-parse", "HEAD"], in: URL(fileURLWithPath: path)) == head.hex + "\n")

        let linked = try Repository.open(at: path)
        #expect(linked.isLinkedWorktree)
        #expect(linked.root == path)
        #expect(linked.gitDirectory == fixture.path + "/.git/worktrees/agent-1")
        #expect(linked.commonDirectory == fixture.path + "/.git")
        #expect(linked.currentBranch == "ccteam/team/agent-1")
    }

    @Test func twoWorktreesWithTheSameFolderNameGetDistinctAdminNames() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        let first = try repository.addWorktree(at: fixture.path + "/wt/a/agent", branch: "a", from: head)
        let second = try repository.addWorktree(at: fixture.path + "/wt/b/agent", branch: "b", from: head)
        #expect(first.name == "agent")
        #expect(second.name == "agent-2")
        #expect(try Self.listed(fixture).count == 3)
    }

    @Test func addingOntoAnExistingPathFailsAndLeavesNothingBehind() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        try FileManager.default.createDirectory(atPath: fixture.path + "/taken", withIntermediateDirectories: true)
        #expect(throws: GitError.worktreePathExists(path: fixture.path + "/taken")) {
            try repository.addWorktree(at: fixture.path + "/taken", branch: "w1", from: head)
        }
        #expect(!repository.branchExists("w1"))
        #expect(try repository.worktrees().isEmpty)
    }

    @Test func aFailedLibgit2AddIsCleanedUpAndLeftoversAreSweptSoLaterAddsWork() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        // Two half-made admin folders, as failed libgit2 adds leave them: libgit2 would then think every
        // branch is checked out.
        for name in ["stale-1", "stale-2"] {
            try fixture.write(".git/worktrees/\(name)/commondir", "../..\n")
        }
        // /proc exists but accepts no new folder, so the add fails inside libgit2 after it began.
        #expect(throws: GitError.self) {
            try repository.addWorktree(at: "/proc/ccgit-worktree-test", branch: "doomed", from: head)
        }
        #expect(!repository.branchExists("doomed"))
        let admin = (try? FileManager.default.contentsOfDirectory(atPath: fixture.path + "/.git/worktrees")) ?? []
        #expect(admin.isEmpty)

        let info = try repository.addWorktree(at: fixture.path + "/ok", branch: "ok", from: head)
        #expect(info.isValid)
        try repository.createBranch("extra", at: head)
        try repository.deleteBranch("extra")
        #expect(try Self.listed(fixture).map(\.branch) == ["main", "ok"])
    }

    @Test func removeDeletesTheWorktreeAndKeepsTheBranch() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        let path = fixture.path + "/wt/agent"
        try repository.addWorktree(at: path, branch: "agent", from: head)
        try "dirty\n".write(toFile: path + "/untracked.txt", atomically: true, encoding: .utf8)
        try repository.removeWorktree(path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try Self.listed(fixture).count == 1)
        #expect(repository.branchExists("agent"))
        try repository.deleteBranch("agent")
        #expect(!repository.branchExists("agent"))
        #expect(throws: GitError.unknownWorktree("agent")) { try repository.removeWorktree("agent") }
        #expect(throws: GitError.unknownBranch("agent")) { try repository.deleteBranch("agent") }
    }

    @Test func pruneForgetsWorktreesWhoseFoldersAreGone() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        try repository.addWorktree(at: fixture.path + "/wt/gone", branch: "gone", from: head)
        try repository.addWorktree(at: fixture.path + "/wt/kept", branch: "kept", from: head)
        try FileManager.default.removeItem(atPath: fixture.path + "/wt/gone")
        #expect(try repository.worktrees().map(\.isValid) == [true, false].reversed())
        #expect(try repository.pruneWorktrees() == ["gone"])
        #expect(try Self.listed(fixture).map(\.branch) == ["main", "kept"])
    }

    @Test func aBranchCheckedOutInAWorktreeCannotBeDeletedOrRecreated() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        try repository.addWorktree(at: fixture.path + "/wt/busy", branch: "busy", from: head)
        #expect(repository.isBranchCheckedOut("busy"))
        #expect(repository.isBranchCheckedOut("main"))
        try repository.createBranch("idle", at: head)
        #expect(!repository.isBranchCheckedOut("idle"))
        #expect(throws: GitError.self) { try repository.deleteBranch("busy") }
        #expect(throws: GitError.branchExists("busy")) {
            try repository.addWorktree(at: fixture.path + "/wt/other", branch: "busy", from: head)
        }
        #expect(try repository.branches(withPrefix: "b") == ["busy"])
        #expect(try repository.branches() == ["busy", "idle", "main"])
    }
}
