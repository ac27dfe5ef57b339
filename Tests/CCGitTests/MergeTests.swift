import CCTestSupport
import Foundation
import Testing

@testable import CCGit

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

    @Test func linesBothSidesAddedAtTheSamePlaceAreBothKeptTheTargetsFirst() throws {
        let fixture = try Self.branched()
        _ = try Self.commit(fixture, on: "integration", ["shared.txt": "one\nfrom ours\ntwo\nthree\nours at end\n"])
        _ = try Self.commit(fixture, on: "feature", ["shared.txt": "one\nfrom theirs\nand more\ntwo\nthree\n"])
        let repository = try Repository.open(at: fixture.path)
        // Without being asked, it is a conflict as git sees it.
        #expect(try repository.mergeBranch("feature", into: "integration") == .conflicts(["shared.txt"]))
        let outcome = try repository.mergeBranch("feature", into: "integration", keepingBothInsertions: true)
        guard case .mergedKeepingBothInsertions(let commit, let paths) = outcome else {
            Issue.record("expected a merge keeping both insertions, got \(outcome)")
            return
        }
        #expect(paths == ["shared.txt"])
        #expect(try fixture.revParse("integration") == commit.hex)
        #expect(
            try fixture.git("show", "integration:shared.txt")
                == "one\nfrom ours\nfrom theirs\nand more\ntwo\nthree\nours at end\n")
        #expect(try fixture.status() == "")
    }

    @Test func aLineBothSidesChangedStaysAConflictEvenWhenInsertionsAreKept() throws {
        let fixture = try Self.branched()
        // One region is a pure insertion on both sides, the other a line both rewrote.
        _ = try Self.commit(fixture, on: "integration", ["shared.txt": "ONE\ntwo\nours\nthree\n"])
        _ = try Self.commit(fixture, on: "feature", ["shared.txt": "One\ntwo\ntheirs\nthree\n"])
        let integration = try fixture.revParse("integration")
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration", keepingBothInsertions: true)
        #expect(outcome == .conflicts(["shared.txt"]))
        #expect(try fixture.revParse("integration") == integration)
    }

    @Test func aFileAddedOnBothSidesWithDifferentTextStaysAConflict() throws {
        let fixture = try Self.branched()
        _ = try Self.commit(fixture, on: "integration", ["new.txt": "ours\n"])
        _ = try Self.commit(fixture, on: "feature", ["new.txt": "theirs\n"])
        let repository = try Repository.open(at: fixture.path)
        let outcome = try repository.mergeBranch("feature", into: "integration", keepingBothInsertions: true)
        #expect(outcome == .conflicts(["new.txt"]))
    }

    @Test func insertionResolutionNeedsEveryRegionToBeAnInsertion() {
        let m = { (c: Character) in String(repeating: c, count: Int(InsertionMerge.markerSize)) }
        let insertion = "a\n\(m("<")) ours\nX\n\(m("|")) base\n\(m("=")) \nY\n\(m(">")) theirs\nb\n"
        #expect(
            InsertionMerge.resolve(diff3: Array(insertion.utf8)).map { String(decoding: $0, as: UTF8.self) }
                == "a\nX\nY\nb\n")
        let edit = "\(m("<")) ours\nX\n\(m("|")) base\nold\n\(m("=")) \nY\n\(m(">")) theirs\n"
        #expect(InsertionMerge.resolve(diff3: Array(edit.utf8)) == nil)
        let unterminated = "\(m("<")) ours\nX\n\(m("|")) base\n\(m("="))\nY\n"
        #expect(InsertionMerge.resolve(diff3: Array(unterminated.utf8)) == nil)
        // A line that merely starts like a short git marker is content.
        let content = "<<<<<<< not a marker\n======= still text\n"
        #expect(
            InsertionMerge.resolve(diff3: Array(content.utf8)).map { String(decoding: $0, as: UTF8.self) } == content)
    }

    @Test func mergingIntoAMissingBranchOrFromAnUnknownRevisionIsAnError() throws {
        let fixture = try Self.branched()
        let repository = try Repository.open(at: fixture.path)
        #expect(throws: GitError.unknownBranch("nope")) { try repository.mergeBranch("feature", into: "nope") }
        #expect(throws: GitError.unknownRevision("ghost")) { try repository.mergeBranch("ghost", into: "integration") }
    }
}
