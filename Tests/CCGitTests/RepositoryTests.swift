import CCCore
import CCGit
import CCTestSupport
import Foundation
import Testing

/// Opening repositories, and the clear refusals for layouts CCGit cannot handle safely.
@Suite struct RepositoryTests {
    @Test func openReportsRootGitDirectoryHeadAndBranch() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        #expect(repository.root == fixture.path)
        #expect(repository.gitDirectory == fixture.path + "/.git")
        #expect(repository.commonDirectory == fixture.path + "/.git")
        #expect(!repository.isLinkedWorktree)
        #expect(repository.headCommit?.hex == (try fixture.revParse("HEAD")))
        #expect(repository.currentBranch == "main")
    }

    @Test func discoverFindsTheRepositoryFromASubfolderButOpenDoesNot() throws {
        let fixture = try GitFixture()
        try fixture.write("sub/dir/file.txt", "x\n")
        let repository = try Repository.discover(from: fixture.path + "/sub/dir")
        #expect(repository.root == fixture.path)
        #expect(throws: GitError.notARepository(path: fixture.path + "/sub/dir")) {
            try Repository.open(at: fixture.path + "/sub/dir")
        }
    }

    @Test func aPlainFolderIsNotARepositoryAndExitsWithUsageStatus() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: GitError.self) { try Repository.discover(from: directory.path) }
        #expect(error == .notARepository(path: directory.path))
        #expect(error?.exitStatus == .usage)
        #expect(error?.message == "not a git repository: \(directory.path)")
    }

    @Test func aRepositoryOwnedByAnotherUserIsReportedAsSuchWithSafeDirectoryHelp() throws {
        guard geteuid() == 0 else { return }  // Only root can hand a folder to someone else.
        let fixture = try GitFixture()
        try Shell.run("chown", ["-R", "65534:65534", fixture.path])
        let error = #expect(throws: GitError.self) { try Repository.discover(from: fixture.path) }
        guard case .ownedByAnotherUser(let path, _) = error else {
            Issue.record("expected ownedByAnotherUser, got \(String(describing: error))")
            return
        }
        #expect(path == fixture.path)
        #expect(error?.help?.contains("safe.directory") == true)
    }

    @Test func aBareRepositoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        try Shell.git(["init", "-q", "--bare", "repo.git"], in: directory.url)
        #expect(throws: GitError.bareRepository(path: directory.path + "/repo.git")) {
            try Repository.open(at: directory.path + "/repo.git")
        }
    }

    @Test func aSplitIndexIsRefused() throws {
        let fixture = try GitFixture()
        try fixture.git("update-index", "--split-index")
        #expect(throws: GitError.splitIndex(path: fixture.path)) { try Repository.open(at: fixture.path) }
    }

    @Test func aSparseCheckoutIsRefused() throws {
        let fixture = try GitFixture()
        try fixture.write("kept/a.txt", "a\n")
        try fixture.write("hidden/b.txt", "b\n")
        try fixture.commitAll("two folders")
        try fixture.git("sparse-checkout", "set", "kept")
        #expect(throws: GitError.sparseCheckout(path: fixture.path)) { try Repository.open(at: fixture.path) }
    }

    @Test(arguments: ["HEAD", "main", "v1", "HEAD~1", "main^", "SHORT", "FULL"])
    func revisionsResolveToTheCommitGitNames(_ revision: String) throws {
        let fixture = try GitFixture()
        try fixture.write("second.txt", "2\n")
        try fixture.commitAll("second")
        try fixture.git("tag", "-a", "v1", "-m", "annotated")
        let repository = try Repository.open(at: fixture.path)
        let full = try fixture.revParse("HEAD")
        let spelled = revision == "SHORT" ? String(full.prefix(8)) : revision == "FULL" ? full : revision
        #expect(try repository.resolveCommit(spelled).hex == (try fixture.revParse(spelled + "^{commit}")))
    }

    @Test func anUnknownRevisionIsAnErrorNamingIt() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.path)
        #expect(throws: GitError.unknownRevision("no-such-branch")) { try repository.resolveCommit("no-such-branch") }
        #expect(throws: GitError.unknownRevision("HEAD~5")) { try repository.resolveCommit("HEAD~5") }
    }
}
