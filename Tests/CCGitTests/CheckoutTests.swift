import CCGit
import CCTestSupport
import Foundation
import Testing

/// Hard reset, path restore for rollback, content identity, and the exclude file.
@Suite struct CheckoutTests {
    @Test func resetHardMovesTheBranchRestoresFilesAndDeletesUntrackedButNotIgnored() throws {
        let fixture = try GitFixture()
        try fixture.write(".gitignore", "cache/\n")
        let target = try fixture.commitAll("target")
        try fixture.write("later.txt", "later\n")
        try fixture.commitAll("later")
        try fixture.write("README.md", "edited\n")
        try fixture.write("scratch/new.txt", "untracked\n")
        try fixture.write("cache/keep.bin", "ignored\n")
        let repository = try Repository.open(at: fixture.path)
        try repository.resetHard(to: try repository.resolveCommit(target))

        #expect(try fixture.revParse("main") == target)
        #expect(try fixture.status() == "")
        #expect(try fixture.read("README.md") == "hello\n")
        #expect(!fixture.exists("later.txt"))
        #expect(!fixture.exists("scratch/new.txt"))
        #expect(try fixture.read("cache/keep.bin") == "ignored\n")
    }

    @Test func resetHardWorksInALinkedWorktree() throws {
        let fixture = try GitFixture()
        let main = try Repository.open(at: fixture.path)
        let start = try #require(main.headCommit)
        let path = fixture.path + "/.ccteam/wt/agent"
        try main.ensureExcluded(".ccteam/")
        try main.addWorktree(at: path, branch: "agent", from: start)
        let worktree = try Repository.open(at: path)
        try "work\n".write(toFile: path + "/work.txt", atomically: true, encoding: .utf8)
        let work = try #require(try worktree.commitWorkingState(message: "work"))
        try "more\n".write(toFile: path + "/more.txt", atomically: true, encoding: .utf8)
        try worktree.resetHard(to: start)
        #expect(try Shell.git(["rev-parse", "agent"], in: fixture.url) == start.hex + "\n")
        #expect(
            try Shell.git(["status", "--porcelain", "--untracked-files=all"], in: URL(fileURLWithPath: path)) == "")
        #expect(try fixture.revParse("main") == start.hex)
        #expect(work != start)
    }

    @Test func restorePutsBackOnlyTheNamedPathsIncludingDeletionsAndModes() throws {
        let fixture = try GitFixture()
        try fixture.write("keep.txt", "original\n")
        try fixture.write("exec.sh", "#!/bin/sh\n")
        try fixture.write("gone.txt", "was here\n")
        let base = try fixture.commitAll("base")
        try fixture.write("keep.txt", "agent changed\n")
        try fixture.makeExecutable("exec.sh")
        try fixture.remove("gone.txt")
        try fixture.write("new/deep/created.txt", "agent created\n")
        try fixture.write("other.txt", "not rolled back\n")
        let repository = try Repository.open(at: fixture.path)

        try repository.restore(
            paths: ["keep.txt", "exec.sh", "gone.txt", "new/deep/created.txt"], from: try repository.resolveCommit(base)
        )

        #expect(try fixture.read("keep.txt") == "original\n")
        #expect(try fixture.read("gone.txt") == "was here\n")
        #expect(!fixture.exists("new/deep/created.txt"))
        #expect(!fixture.exists("new"))
        #expect(try fixture.status() == "?? other.txt\n")
        #expect(try fixture.revParse("HEAD") == base)
    }

    @Test func restoreRemovesAStagedNewFileFromTheIndexToo() throws {
        let fixture = try GitFixture()
        let base = try fixture.revParse("HEAD")
        try fixture.write("staged.txt", "staged\n")
        try fixture.git("add", "staged.txt")
        let repository = try Repository.open(at: fixture.path)
        try repository.restore(paths: ["staged.txt"], from: try repository.resolveCommit(base))
        #expect(try fixture.status() == "")
    }

    @Test func blobIDsOfWorkingTreeFilesEqualGitHashObject() throws {
        let fixture = try GitFixture()
        try fixture.write("plain.txt", "some content\n")
        try fixture.writeBytes("binary.bin", [0, 1, 2, 255])
        try fixture.symlink("link", to: "plain.txt")
        let base = try fixture.commitAll("base")
        let repository = try Repository.open(at: fixture.path)
        let commit = try repository.resolveCommit(base)
        for path in ["plain.txt", "binary.bin", "link"] {
            let oracle = try fixture.git("rev-parse", "HEAD:\(path)").trimmingCharacters(in: .newlines)
            #expect(try repository.workingTreeBlobID(path)?.hex == oracle, "\(path)")
            #expect(try repository.committedBlobID(path, at: commit)?.hex == oracle, "\(path)")
        }
        #expect(try repository.workingTreeBlobID("missing") == nil)
        #expect(try repository.committedBlobID("missing", at: commit) == nil)
    }

    @Test func pathsDifferingFindsContentModePresenceAndKindChanges() throws {
        let fixture = try GitFixture()
        try fixture.write("same.txt", "same\n")
        try fixture.write("edited.txt", "v1\n")
        try fixture.write("mode.sh", "#!/bin/sh\n")
        try fixture.write("removed.txt", "bye\n")
        try fixture.write("to-link", "file\n")
        let base = try fixture.commitAll("base")
        try fixture.write("edited.txt", "v2\n")
        try fixture.makeExecutable("mode.sh")
        try fixture.remove("removed.txt")
        try fixture.symlink("to-link", to: "same.txt")
        try fixture.write("added.txt", "new\n")
        let repository = try Repository.open(at: fixture.path)
        let differing = try repository.pathsDiffering(
            ["same.txt", "edited.txt", "mode.sh", "removed.txt", "to-link", "added.txt", "never.txt"],
            from: try repository.resolveCommit(base))
        #expect(differing == ["edited.txt", "mode.sh", "removed.txt", "to-link", "added.txt"])
    }

    @Test func ensureExcludedAddsTheLineOnceInTheCommonDirectoryAndHidesTheFolder() throws {
        let fixture = try GitFixture()
        let base = try fixture.revParse("HEAD")
        try fixture.write(".git/info/exclude", "# comment without newline")
        try fixture.write(".ccteam/runs/1/meta.json", "{}\n")
        let repository = try Repository.open(at: fixture.path)
        #expect(try repository.ensureExcluded(".ccteam/"))
        #expect(try !repository.ensureExcluded(".ccteam/"))
        #expect(try fixture.read(".git/info/exclude") == "# comment without newline\n.ccteam/\n")
        #expect(try fixture.status() == "")
        #expect(try repository.diffWorkingTree(against: try repository.resolveCommit(base)).isEmpty)

        try repository.addWorktree(
            at: fixture.path + "/.ccteam/wt/a", branch: "a", from: try repository.resolveCommit(base))
        let linked = try Repository.open(at: fixture.path + "/.ccteam/wt/a")
        #expect(try !linked.ensureExcluded(".ccteam/"))
    }
}
