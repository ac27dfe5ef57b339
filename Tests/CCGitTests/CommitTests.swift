import CCGit
import CCTestSupport
import Foundation
import Testing

/// Committing the working state, snapshots that change nothing, and commit ranges.
@Suite struct CommitTests {
    @Test func commitWorkingStateRecordsAdditionsChangesAndDeletionsLikeAddAll() throws {
        let fixture = try GitFixture()
        try fixture.write("old.txt", "old\n")
        try fixture.write(".gitignore", "*.log\n")
        try fixture.commitAll("base")
        try fixture.remove("old.txt")
        try fixture.write("README.md", "changed\n")
        try fixture.write("new/dir/file.txt", "new\n")
        try fixture.write("debug.log", "ignored\n")
        let repository = try Repository.open(at: fixture.path)
        let commit = try #require(try repository.commitWorkingState(message: "agent work"))

        #expect(try fixture.revParse("HEAD") == commit.hex)
        #expect(try fixture.revParse("main") == commit.hex)
        let files = try fixture.git("ls-tree", "-r", "--name-only", "HEAD").split(separator: "\n")
        #expect(files == [".gitignore", "README.md", "new/dir/file.txt"])
        #expect(try fixture.status() == "")
        #expect(try fixture.git("log", "-1", "--format=%s").trimmingCharacters(in: .newlines) == "agent work")
    }

    @Test func commitWorkingStateWithNothingChangedMakesNoCommit() throws {
        let fixture = try GitFixture()
        let head = try fixture.revParse("HEAD")
        let repository = try Repository.open(at: fixture.path)
        #expect(try !repository.hasUncommittedChanges())
        try fixture.write("untracked.txt", "u\n")
        #expect(try repository.hasUncommittedChanges())
        try fixture.remove("untracked.txt")
        #expect(try repository.commitWorkingState(message: "nothing") == nil)
        #expect(try fixture.revParse("HEAD") == head)
        let empty = try #require(try repository.commitWorkingState(message: "marker", allowEmpty: true))
        #expect(try repository.commitInfo(empty).parents.map(\.hex) == [head])
    }

    @Test func aMissingIdentityFallsBackToTheCcteamSignature() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "a\n")
        // An empty local user.name masks any global identity, as a machine without one would look.
        try fixture.git("config", "user.name", "")
        let repository = try Repository.open(at: fixture.path)
        #expect(repository.defaultSignature() == .fallback)
        let commit = try #require(try repository.commitWorkingState(message: "by nobody"))
        #expect(try repository.commitInfo(commit).author == Signature(name: "ccteam", email: "ccteam@localhost"))
        try fixture.git("config", "user.name", "Configured")
        try fixture.git("config", "user.email", "c@example.com")
        #expect(
            try Repository.open(at: fixture.path).defaultSignature()
                == Signature(name: "Configured", email: "c@example.com"))
    }

    @Test func snapshotRecordsUncommittedWorkWithoutTouchingIndexHeadOrFiles() throws {
        let fixture = try GitFixture()
        try fixture.write("tracked.txt", "v1\n")
        try fixture.write(".gitignore", "build/\n")
        try fixture.commitAll("base")
        try fixture.write("tracked.txt", "v2\n")
        try fixture.write("staged.txt", "staged\n")
        try fixture.git("add", "staged.txt")
        try fixture.write("untracked/file.txt", "loose\n")
        try fixture.write("build/artifact", "ignored\n")
        try fixture.remove("README.md")
        let head = try fixture.revParse("HEAD")
        let statusBefore = try fixture.status()
        let indexBefore = try Data(contentsOf: fixture.url.appendingPathComponent(".git/index"))

        let repository = try Repository.open(at: fixture.path)
        let snapshot = try repository.snapshotWorkingState(message: "begin", storeAt: "refs/ccteam/begin/run-1")

        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.status() == statusBefore)
        #expect(try Data(contentsOf: fixture.url.appendingPathComponent(".git/index")) == indexBefore)
        #expect(try fixture.revParse("refs/ccteam/begin/run-1") == snapshot.hex)
        #expect(try fixture.revParse("\(snapshot.hex)^") == head)
        let files = try fixture.git("ls-tree", "-r", "--name-only", snapshot.hex).split(separator: "\n")
        #expect(files == [".gitignore", "staged.txt", "tracked.txt", "untracked/file.txt"])
        #expect(try fixture.git("show", "\(snapshot.hex):tracked.txt") == "v2\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!leftovers.contains { $0.hasPrefix("ccgit-scratch-\(getpid())") })
        // The working tree equals the snapshot: nothing left to diff.
        let remaining = try repository.diffWorkingTree(against: snapshot)
        #expect(remaining.isEmpty, "\(remaining)")
    }

    @Test func commitsInRangeAreListedOldestFirstWithTheirAddedLines() throws {
        let fixture = try GitFixture()
        let start = try fixture.revParse("HEAD")
        try fixture.write("one.txt", "first\n")
        let first = try fixture.commitAll("one")
        try fixture.write("one.txt", "first\nsecond\n")
        try fixture.write("two.txt", "token = abc\n")
        let second = try fixture.commitAll("two")
        let repository = try Repository.open(at: fixture.path)

        let commits = try repository.commits(inRange: "\(start)..HEAD")
        #expect(commits.map(\.id.hex) == [first, second])
        #expect(commits.map(\.summary) == ["one", "two"])
        let oracle = try fixture.git("rev-list", "--reverse", "\(start)..HEAD").split(separator: "\n").map(String.init)
        #expect(commits.map(\.id.hex) == oracle)
        #expect(try repository.commits(inRange: "HEAD").count == 3)
        #expect(try repository.commits(inRange: "HEAD..").isEmpty)

        let changes = try repository.changes(introducedBy: commits[1].id, options: DiffOptions(includeAddedLines: true))
        #expect(changes.map(\.path) == ["one.txt", "two.txt"])
        #expect(
            changes.map(\.addedLines) == [
                [AddedLine(number: 2, text: "second")], [AddedLine(number: 1, text: "token = abc")],
            ])
        let root = try repository.changes(introducedBy: try repository.resolveCommit(start))
        #expect(root.map(\.path) == ["README.md"])
        #expect(throws: GitError.unknownRevision("nope")) { try repository.commits(inRange: "nope..HEAD") }
    }

    @Test func referencesCanBeWrittenListedAndDeleted() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        let head = try #require(repository.headCommit)
        try repository.setReference("refs/ccteam/state/b", to: head)
        try repository.setReference("refs/ccteam/state/a", to: head)
        try repository.setReference("refs/other/c", to: head)
        #expect(
            try repository.references(withPrefix: "refs/ccteam/").map(\.name) == [
                "refs/ccteam/state/a", "refs/ccteam/state/b",
            ])
        #expect(
            try fixture.git("for-each-ref", "--format=%(refname)", "refs/ccteam/")
                == "refs/ccteam/state/a\nrefs/ccteam/state/b\n")
        #expect(try repository.deleteReference("refs/ccteam/state/a"))
        #expect(try !repository.deleteReference("refs/ccteam/state/a"))
        #expect(repository.referenceTarget("refs/ccteam/state/b") == head)
        #expect(throws: GitError.invalidReferenceName("refs/bad..name")) {
            try repository.setReference("refs/bad..name", to: head)
        }
    }

    @Test func defaultBranchPrefersOriginHeadThenMainOrMaster() throws {
        let fixture = try GitFixture()
        #expect(try Repository.open(at: fixture.path).defaultBranch() == "main")
        try fixture.git("branch", "-m", "main", "trunk")
        try fixture.git("config", "init.defaultBranch", "trunk")
        #expect(try Repository.open(at: fixture.path).defaultBranch() == "trunk")
        try fixture.git("update-ref", "refs/remotes/origin/develop", "HEAD")
        try fixture.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop")
        #expect(try Repository.open(at: fixture.path).defaultBranch() == "origin/develop")
        try fixture.git("branch", "develop")
        #expect(try Repository.open(at: fixture.path).defaultBranch() == "develop")
    }

    @Test func mergeBaseMatchesGit() throws {
        let fixture = try GitFixture()
        let base = try fixture.revParse("HEAD")
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.write("side.txt", "s\n")
        let side = try fixture.commitAll("side")
        try fixture.git("checkout", "-q", "main")
        try fixture.write("main.txt", "m\n")
        let main = try fixture.commitAll("main")
        let repository = try Repository.open(at: fixture.path)
        let found = try repository.mergeBase(try repository.resolveCommit(side), try repository.resolveCommit(main))
        #expect(found?.hex == base)
        #expect(try repository.isAncestor(try repository.resolveCommit(base), of: try repository.resolveCommit(side)))
        #expect(try !repository.isAncestor(try repository.resolveCommit(side), of: try repository.resolveCommit(main)))
    }
}
