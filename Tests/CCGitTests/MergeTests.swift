import CCGit
import CCTestSupport
import Foundation
import Testing

/// Merging branches without a checkout: fast-forward, merge commit, and conflicts that change nothing.
@Suite struct MergeTests {
    /// A repository with `integration` and `feature` branched from the initial commit.
    static func branched() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write("shared.txt", "one\ntwo\nthree\n")
        try fixture.commitAll("base")
        try fixture.git("branch", "integration")
        try fixture.git("branch", "feature")
        return fixture
    }

    static func commit(_ fixture: GitFixture, on branch: String, _ files: [String: String]) throws -> String {
        try fixture.git("checkout", "-q", branch)
        for (path, text) in files { try fixture.write(path, text) }
        let id = try fixture.commitAll("on \(branch)")
        try fixture.git("checkout", "-q", "main")
        return id
    }

    @Test func aBranchAheadIsFastForwarded() throws {
        let fixture = try Self.branched()
        let feature = try Self.commit(fixture, on: "feature", ["new.txt": "new\n"])
        let statusBefore = try fixture.status()
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration")
        #expect(outcome == .fastForwarded(to: try repository.resolveCommit(feature)))
        #expect(try fixture.revParse("integration") == feature)
        #expect(try fixture.status() == statusBefore)
        #expect(
            try repository.mergeBranch("feature", into: "integration")
                == .upToDate(try repository.resolveCommit(feature)))
    }

    @Test func fastForwardCanBeRefusedInFavourOfAMergeCommit() throws {
        let fixture = try Self.branched()
        let integration = try fixture.revParse("integration")
        let feature = try Self.commit(fixture, on: "feature", ["new.txt": "new\n"])
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration", allowFastForward: false)
        guard case .merged(let commit) = outcome else {
            Issue.record("expected a merge commit, got \(outcome)")
            return
        }
        #expect(try repository.commitInfo(commit).parents.map(\.hex) == [integration, feature])
        #expect(try fixture.git("rev-parse", "integration^{tree}") == (try fixture.git("rev-parse", "feature^{tree}")))
    }

    @Test func divergedBranchesGetAMergeCommitWithBothParents() throws {
        let fixture = try Self.branched()
        let ours = try Self.commit(fixture, on: "integration", ["shared.txt": "ONE\ntwo\nthree\n"])
        let theirs = try Self.commit(fixture, on: "feature", ["shared.txt": "one\ntwo\nTHREE\n", "f.txt": "f\n"])
        let mainBefore = try fixture.revParse("main")
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration", message: "Merge feature\n")
        guard case .merged(let commit) = outcome else {
            Issue.record("expected a merge commit, got \(outcome)")
            return
        }
        #expect(try fixture.revParse("integration") == commit.hex)
        #expect(try fixture.git("rev-parse", "integration^1", "integration^2") == "\(ours)\n\(theirs)\n")
        #expect(try fixture.git("show", "integration:shared.txt") == "ONE\ntwo\nTHREE\n")
        #expect(try fixture.git("show", "integration:f.txt") == "f\n")
        #expect(try fixture.git("log", "-1", "--format=%s", "integration") == "Merge feature\n")
        #expect(try fixture.revParse("main") == mainBefore)
        #expect(try fixture.status() == "")
    }

    @Test func aConflictReportsThePathsAndChangesNothing() throws {
        let fixture = try Self.branched()
        let ours = try Self.commit(
            fixture, on: "integration", ["shared.txt": "ours\ntwo\nthree\n", "clean.txt": "c\n"])
        _ = try Self.commit(fixture, on: "feature", ["shared.txt": "theirs\ntwo\nthree\n", "both.txt": "b1\n"])
        _ = try Self.commit(fixture, on: "integration", ["both.txt": "b2\n"])
        let integration = try fixture.revParse("integration")
        let refsBefore = try fixture.git("for-each-ref")
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration")
        #expect(outcome == .conflicts(["both.txt", "shared.txt"]))
        #expect(try fixture.revParse("integration") == integration)
        #expect(try fixture.git("for-each-ref") == refsBefore)
        #expect(try fixture.status() == "")
        #expect(ours != integration)
    }

    @Test func mergingIntoAMissingBranchOrFromAnUnknownRevisionIsAnError() throws {
        let fixture = try Self.branched()
        let repository = try Repository.open(at: fixture.path)
        #expect(throws: GitError.unknownBranch("nope")) { try repository.mergeBranch("feature", into: "nope") }
        #expect(throws: GitError.unknownRevision("ghost")) { try repository.mergeBranch("ghost", into: "integration") }
    }
}
