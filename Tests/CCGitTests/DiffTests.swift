import CCGit
import CCTestSupport
import Foundation
import Testing

/// Diffs checked against `git diff --numstat -M`, the CLI being the independent oracle.
@Suite struct DiffTests {
    /// A repository whose working tree, relative to `base`, has every kind of change a run can make.
    static func richFixture() throws -> (fixture: GitFixture, base: String) {
        let fixture = try GitFixture()
        let numbered = (1...20).map { "line \($0) of a file that is long enough to be recognised when renamed" }
        try fixture.write("a.txt", (1...10).map { "a\($0)" }.joined(separator: "\n") + "\n")
        try fixture.write("rename-me.txt", numbered.joined(separator: "\n") + "\n")
        try fixture.write("pure-rename.txt", numbered.reversed().joined(separator: "\n") + "\n")
        try fixture.write("delete-me.txt", "going\naway\n")
        try fixture.writeBytes("bin.dat", [0, 1, 2, 3, 255, 0, 10, 65])
        try fixture.write("script.sh", "#!/bin/sh\necho hi\n")
        try fixture.symlink("link", to: "a.txt")
        try fixture.write("dir with space/ünïcödé file.txt", "one\ntwo\n")
        try fixture.write("crlf.txt", "first\r\nsecond\r\nthird\r\n")
        try fixture.write("no-newline.txt", "tail")
        try fixture.write(".gitignore", "build/\n*.o\n")
        let base = try fixture.commitAll("base")

        try fixture.write(
            "a.txt", (1...10).map { $0 == 4 ? "changed" : "a\($0)" }.joined(separator: "\n") + "\nadded\n")
        try fixture.remove("rename-me.txt")
        try fixture.write("moved/renamed.txt", (numbered + ["one more"]).joined(separator: "\n") + "\n")
        try fixture.remove("pure-rename.txt")
        try fixture.write("other place/pure.txt", numbered.reversed().joined(separator: "\n") + "\n")
        try fixture.remove("delete-me.txt")
        try fixture.writeBytes("bin.dat", [0, 9, 9, 9, 255, 0, 10, 66, 67])
        try fixture.makeExecutable("script.sh")
        try fixture.symlink("link", to: "../outside/secret")
        try fixture.write("dir with space/ünïcödé file.txt", "one\nzwei\nthree\n")
        try fixture.write("crlf.txt", "first\r\nSECOND\r\nthird\r\nfourth\r\n")
        try fixture.write("no-newline.txt", "tail end")
        try fixture.write("empty.txt", "")
        try fixture.write("nested/new/deep/file.txt", "deep\nfile\n")
        try fixture.symlink("nested/new/link-out", to: "/etc/passwd")
        try fixture.write("build/out.txt", "ignored\n")
        try fixture.write("x.o", "ignored\n")
        return (fixture, base)
    }

    /// What the CLI reports for the whole working state against `base`, computed in a copy.
    static func oracleNumstat(_ fixture: GitFixture, base: String) throws -> Set<NumstatEntry> {
        let copy = try TemporaryDirectory(prefix: "ccgit-oracle")
        try Shell.run("cp", ["-a", fixture.path + "/.", copy.path])
        try Shell.git(["add", "-A"], in: copy.url)
        return NumstatEntry.parse(try Shell.git(["diff", "--cached", "--numstat", "-z", "-M", base], in: copy.url))
    }

    /// The similarity git gives each rename of the whole working state, keyed by new path.
    static func oracleRenameScores(_ fixture: GitFixture, base: String) throws -> [String: Int] {
        let copy = try TemporaryDirectory(prefix: "ccgit-oracle")
        try Shell.run("cp", ["-a", fixture.path + "/.", copy.path])
        try Shell.git(["add", "-A"], in: copy.url)
        let fields = try Shell.git(["diff", "--cached", "--name-status", "-z", "-M", base], in: copy.url)
            .split(separator: "\0").map(String.init)
        var scores: [String: Int] = [:]
        var position = 0
        while position < fields.count {
            let status = fields[position]
            if status.hasPrefix("R") {
                scores[fields[position + 2]] = Int(status.dropFirst())
                position += 3
            } else {
                position += 2
            }
        }
        return scores
    }

    static func numstat(_ changes: [FileChange]) -> Set<NumstatEntry> {
        Set(
            changes.map { change in
                var oldPath: String?
                if case .renamed(let from, _) = change.status { oldPath = from }
                return NumstatEntry(
                    added: change.isBinary ? nil : change.addedLineCount,
                    deleted: change.isBinary ? nil : change.deletedLineCount, oldPath: oldPath, path: change.path)
            })
    }

    @Test func workingTreeDiffMatchesGitNumstatWithUntrackedRenamesBinaryAndIgnoredFiles() throws {
        let (fixture, base) = try Self.richFixture()
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        #expect(!changes.contains { $0.path.hasPrefix("build/") || $0.path == "x.o" })
    }

    @Test func workingTreeDiffReportsStatusesModesAndSymlinkTargets() throws {
        let (fixture, base) = try Self.richFixture()
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0) })

        var scores: [String: Int] = [:]
        for change in changes {
            if case .renamed(_, let similarity) = change.status { scores[change.path] = similarity }
        }
        #expect(scores == (try Self.oracleRenameScores(fixture, base: base)))
        #expect(
            byPath["moved/renamed.txt"]?.status
                == .renamed(from: "rename-me.txt", similarity: scores["moved/renamed.txt"] ?? 0))
        #expect(byPath["other place/pure.txt"]?.status == .renamed(from: "pure-rename.txt", similarity: 100))
        #expect(byPath["delete-me.txt"]?.status == .deleted)
        #expect(byPath["delete-me.txt"]?.newPath == nil)
        #expect(byPath["delete-me.txt"]?.newMode == nil)
        #expect(byPath["nested/new/deep/file.txt"]?.status == .added)
        #expect(byPath["nested/new/deep/file.txt"]?.oldMode == nil)
        #expect(byPath["empty.txt"]?.status == .added)
        #expect(byPath["empty.txt"]?.addedLineCount == 0)
        #expect(byPath["bin.dat"]?.isBinary == true)
        #expect(byPath["a.txt"]?.isBinary == false)
        #expect(byPath["script.sh"]?.oldMode == .regular)
        #expect(byPath["script.sh"]?.newMode == .executable)
        #expect(byPath["script.sh"]?.status == .modified)
        #expect(byPath["link"]?.newMode == .symlink)
        #expect(byPath["link"]?.symlinkTarget == "../outside/secret")
        #expect(byPath["nested/new/link-out"]?.symlinkTarget == "/etc/passwd")
        #expect(byPath["dir with space/ünïcödé file.txt"]?.status == .modified)
        #expect(byPath["a.txt"]?.symlinkTarget == nil)
    }

    @Test func addedLinesCarryNewFileLineNumbersOnlyWhenAskedFor() throws {
        let (fixture, base) = try Self.richFixture()
        let repository = try Repository.open(at: fixture.path)
        let baseID = try repository.resolveCommit(base)
        let lean = try repository.diffWorkingTree(against: baseID)
        #expect(lean.allSatisfy { $0.addedLines.isEmpty })

        let full = try repository.diffWorkingTree(against: baseID, options: DiffOptions(includeAddedLines: true))
        let byPath = Dictionary(uniqueKeysWithValues: full.map { ($0.path, $0) })
        #expect(
            byPath["a.txt"]?.addedLines == [
                AddedLine(number: 4, text: "changed"), AddedLine(number: 11, text: "added"),
            ])
        #expect(
            byPath["crlf.txt"]?.addedLines == [
                AddedLine(number: 2, text: "SECOND"), AddedLine(number: 4, text: "fourth"),
            ])
        #expect(byPath["no-newline.txt"]?.addedLines == [AddedLine(number: 1, text: "tail end")])
        #expect(
            byPath["nested/new/deep/file.txt"]?.addedLines == [
                AddedLine(number: 1, text: "deep"), AddedLine(number: 2, text: "file"),
            ])
        #expect(byPath["bin.dat"]?.addedLines == [])
        #expect(byPath["moved/renamed.txt"]?.addedLines == [AddedLine(number: 21, text: "one more")])
        for change in full where !change.isBinary {
            #expect(change.addedLines.count == change.addedLineCount, "\(change.path)")
        }
    }

    @Test func treeToTreeDiffMatchesGitNumstat() throws {
        let (fixture, base) = try Self.richFixture()
        let head = try fixture.commitAll("everything")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diff(
            from: try repository.resolveCommit(base), to: try repository.resolveCommit("HEAD"))
        let oracle = NumstatEntry.parse(try fixture.git("diff", "--numstat", "-z", "-M", base, head))
        #expect(Self.numstat(changes) == oracle)
        #expect(changes.first { $0.path == "link" }?.symlinkTarget == "../outside/secret")
    }

    @Test func aFileTurnedSymlinkMatchesGitNumstat() throws {
        let fixture = try GitFixture()
        try fixture.write("becomes-link", "text\nmore\n")
        try fixture.symlink("becomes-file", to: "README.md")
        let base = try fixture.commitAll("base")
        try fixture.symlink("becomes-link", to: "README.md")
        try fixture.remove("becomes-file")
        try fixture.write("becomes-file", "now a file\n")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        let link = try #require(changes.first { $0.path == "becomes-link" })
        #expect(link.status == .typeChange)
        #expect(link.oldMode == .regular)
        #expect(link.newMode == .symlink)
        #expect(link.symlinkTarget == "README.md")
        let withLines = try repository.diffWorkingTree(
            against: try repository.resolveCommit(base), options: DiffOptions(includeAddedLines: true))
        #expect(withLines.first { $0.path == "becomes-link" }?.addedLines == [AddedLine(number: 1, text: "README.md")])
        #expect(withLines.first { $0.path == "becomes-file" }?.addedLines == [AddedLine(number: 1, text: "now a file")])
    }

    @Test func workingTreeDiffFollowsTheIndexForForceAddedAndStaleEntries() throws {
        let fixture = try GitFixture()
        try fixture.write(".gitignore", "*.env\n")
        try fixture.write("tracked.txt", "v1\n")
        try fixture.write("kept-untracked.txt", "was untracked at base\n")
        try fixture.writeBytes("image.bin", [0, 1, 2, 3])
        try fixture.git("add", ".gitignore", "tracked.txt", "image.bin")
        try fixture.git("commit", "-q", "-m", "base")
        // A base that contains a file the index does not (as a begin snapshot does).
        try fixture.git("add", "kept-untracked.txt")
        try fixture.git("commit", "-q", "-m", "snapshot-like")
        let base = try fixture.revParse("HEAD")
        try fixture.git("reset", "-q", "HEAD~1")
        try fixture.write("tracked.txt", "v2\n")
        try fixture.git("add", "tracked.txt")
        try fixture.write("tracked.txt", "v1\n")
        try fixture.writeBytes("image.bin", [0, 9, 9])
        try fixture.git("add", "image.bin")
        try fixture.writeBytes("image.bin", [0, 1, 2, 3])
        try fixture.write("secret.env", "TOKEN=abc\n")
        try fixture.git("add", "-f", "secret.env")
        try fixture.write("staged-then-removed.txt", "gone\n")
        try fixture.git("add", "staged-then-removed.txt")
        try fixture.remove("staged-then-removed.txt")
        try fixture.write("binary.bin", "\u{0}\u{1}")
        try fixture.git("add", "binary.bin")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)), "\(changes)")
        #expect(Set(changes.map(\.path)) == ["secret.env", "binary.bin"])
    }

    @Test func renamesBeyondTheConfiguredRenameLimitAreReportedAsGitDoes() throws {
        let fixture = try GitFixture()
        let body = (1...30).map { "shared body line \($0)" }.joined(separator: "\n")
        for name in ["a", "b", "c"] { try fixture.write("\(name).txt", "\(name)\n" + body + "\n") }
        let base = try fixture.commitAll("three files")
        for name in ["a", "b", "c"] {
            try fixture.remove("\(name).txt")
            // Different basenames: git pairs equal basenames before it applies the limit.
            try fixture.write("moved/new-\(name).txt", "\(name) edited\n" + body + "\n")
        }
        let repository = try Repository.open(at: fixture.path)
        let within = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(within.count == 3)
        try fixture.git("config", "diff.renameLimit", "2")
        let beyond = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(beyond.count == 6)
        #expect(Self.numstat(beyond) == (try Self.oracleNumstat(fixture, base: base)))
    }

    @Test func aUniqueBasenameWinsOverABetterScoringFileAsInGit() throws {
        let fixture = try GitFixture()
        let util = (1...40).map { "util content line number \($0)" }
        try fixture.write("old/util.txt", util.joined(separator: "\n") + "\n")
        try fixture.write("old/helper.txt", (1...40).map { "helper stuff \($0)" }.joined(separator: "\n") + "\n")
        let base = try fixture.commitAll("base")
        try fixture.remove("old")
        let edited = util.enumerated().map { $0.offset < 8 ? "CHANGED \($0.offset)" : $0.element }
        try fixture.write("new/util.txt", edited.joined(separator: "\n") + "\n")
        let nearCopy = util.enumerated().map { $0.offset == 0 ? "CHANGED" : $0.element }
        try fixture.write("new/other.txt", nearCopy.joined(separator: "\n") + "\n")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        let score = try #require(try Self.oracleRenameScores(fixture, base: base)["new/util.txt"])
        #expect(
            changes.first { $0.path == "new/util.txt" }?.status == .renamed(from: "old/util.txt", similarity: score))
        #expect(changes.first { $0.path == "new/other.txt" }?.status == .added)
    }

    @Test func basenamePairsSurviveTheRenameLimitAsInGit() throws {
        let fixture = try GitFixture()
        let body = (1...30).map { "shared body line \($0)" }.joined(separator: "\n")
        let names = ["a", "b", "c", "d", "e"]
        for name in names { try fixture.write("\(name).txt", "\(name)\n" + body + "\n") }
        let base = try fixture.commitAll("five files")
        for name in names { try fixture.remove("\(name).txt") }
        // a, b, c keep their basenames; d and e do not, and 2 × 2 candidates exceed a limit of 1.
        for name in ["a", "b", "c"] { try fixture.write("moved/\(name).txt", "\(name) edited\n" + body + "\n") }
        for name in ["d", "e"] { try fixture.write("moved/renamed-\(name).txt", "\(name) edited\n" + body + "\n") }
        try fixture.git("config", "diff.renameLimit", "1")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(
            against: try repository.resolveCommit(base), options: DiffOptions(includeAddedLines: true))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        #expect(changes.count == 7)
        let renamed = try #require(changes.first { $0.path == "moved/a.txt" })
        #expect(
            renamed.status
                == .renamed(
                    from: "a.txt", similarity: try Self.oracleRenameScores(fixture, base: base)["moved/a.txt"] ?? -1))
        #expect(renamed.addedLines == [AddedLine(number: 1, text: "a edited")])
        let staged = try fixture.commitAll("moved")
        let committed = try repository.diff(
            from: try repository.resolveCommit(base), to: try repository.resolveCommit(staged))
        #expect(
            Self.numstat(committed)
                == NumstatEntry.parse(try fixture.git("diff", "--numstat", "-z", "-M", base, staged)))
    }

    @Test func exactRenamesOfTextAndBinaryFilesMatchGit() throws {
        let fixture = try GitFixture()
        try fixture.writeBytes("bin.dat", [97, 0, 98])
        try fixture.write("text.txt", "same\ntext\n")
        try fixture.symlink("link", to: "text.txt")
        let base = try fixture.commitAll("base")
        try fixture.git("mv", "bin.dat", "moved.dat")
        try FileManager.default.createDirectory(atPath: fixture.path + "/dir", withIntermediateDirectories: true)
        try fixture.git("mv", "text.txt", "dir/moved.txt")
        try fixture.git("mv", "link", "dir/link")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        #expect(changes.count == 3, "\(changes)")
    }

    @Test(arguments: [nil, "2"] as [String?])
    func exactRenamesOfManyAndDuplicateFilesPairAsInGit(renameLimit: String?) throws {
        let fixture = try GitFixture()
        for index in 0..<10 { try fixture.write("src/file\(index).txt", "content of file \(index)\n") }
        try fixture.write("dup1/x.txt", "duplicate\n")
        try fixture.write("dup2/y.txt", "duplicate\n")
        let base = try fixture.commitAll("base")
        try fixture.remove("src")
        try fixture.remove("dup1")
        try fixture.remove("dup2")
        for index in 0..<10 { try fixture.write("lib/moved\(index).txt", "content of file \(index)\n") }
        try fixture.write("new/z.txt", "duplicate\n")
        try fixture.write("new/x.txt", "duplicate\n")
        if let renameLimit { try fixture.git("config", "diff.renameLimit", renameLimit) }
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(against: try repository.resolveCommit(base))
        #expect(Self.numstat(changes) == (try Self.oracleNumstat(fixture, base: base)))
        #expect(changes.count == 12)
    }

    @Test func stagedDiffComparesHeadWithTheIndexOnly() throws {
        let fixture = try GitFixture()
        try fixture.write("staged.txt", "in the index\n")
        try fixture.write("README.md", "hello\nworld\n")
        try fixture.git("add", "staged.txt", "README.md")
        try fixture.write("unstaged.txt", "not staged\n")
        try fixture.write("README.md", "hello\nworld\nagain\n")
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffStaged(options: DiffOptions(includeAddedLines: true))
        #expect(
            Self.numstat(changes) == NumstatEntry.parse(try fixture.git("diff", "--cached", "--numstat", "-z", "-M")))
        #expect(changes.map(\.path).sorted() == ["README.md", "staged.txt"])
        #expect(changes.first { $0.path == "README.md" }?.addedLines == [AddedLine(number: 2, text: "world")])
    }

    @Test func diffAgainstTheEmptyTreeListsEveryFileAsAdded() throws {
        let fixture = try GitFixture(initialCommit: false)
        try fixture.write("first.txt", "1\n2\n")
        let repository = try Repository.open(at: fixture.path)
        #expect(repository.headCommit == nil)
        let changes = try repository.diffWorkingTree(against: nil)
        #expect(
            changes == [
                FileChange(
                    status: .added, oldPath: nil, newPath: "first.txt", oldMode: nil, newMode: .regular,
                    isBinary: false, addedLineCount: 2, deletedLineCount: 0)
            ])
        #expect(try repository.diffStaged().isEmpty)
    }

    @Test func pathsLimitTheDiffToExactlyThoseFiles() throws {
        let (fixture, base) = try Self.richFixture()
        let repository = try Repository.open(at: fixture.path)
        let changes = try repository.diffWorkingTree(
            against: try repository.resolveCommit(base),
            options: DiffOptions(detectRenames: false, paths: ["a.txt", "delete-me.txt", "*.sh"]))
        #expect(changes.map(\.path).sorted() == ["a.txt", "delete-me.txt"])
    }

    @Test func fileContentReadsCommittedAndWorkingTreeVersions() throws {
        let (fixture, base) = try Self.richFixture()
        let repository = try Repository.open(at: fixture.path)
        let baseID = try repository.resolveCommit(base)
        #expect(
            try repository.fileContent("a.txt", at: baseID).map { String(decoding: $0, as: UTF8.self) }?.hasPrefix(
                "a1\na2\n") == true)
        #expect(try repository.fileContent("link", at: baseID) == Data("a.txt".utf8))
        #expect(try repository.fileContent("nested/new/deep/file.txt", at: baseID) == nil)
        #expect(repository.workingTreeContent("nested/new/deep/file.txt") == Data("deep\nfile\n".utf8))
        #expect(repository.workingTreeContent("link") == Data("../outside/secret".utf8))
        #expect(repository.workingTreeContent("delete-me.txt") == nil)
    }
}
