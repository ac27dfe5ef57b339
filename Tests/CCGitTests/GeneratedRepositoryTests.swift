import CCGit
import CCTestSupport
import Foundation
import Testing

/// Randomly generated histories (fixed seeds), each diff checked against `git diff --numstat -M`.
@Suite struct GeneratedRepositoryTests {
    /// A small deterministic generator, so a failing seed can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 | state << 53
        }
    }

    static let folders = ["", "src/", "src/deep/nested/", "docs with space/", "ünï/"]

    static func content(_ name: String, lines: Int, using random: inout SeededGenerator) -> String {
        (0..<lines).map { "\(name) line \($0) value \(Int.random(in: 0...9999, using: &random))" }
            .joined(separator: "\n") + (Bool.random(using: &random) ? "\n" : "")
    }

    /// Builds a base commit, then applies random edits to the working tree; returns the base sha.
    static func generate(seed: UInt64, in fixture: GitFixture) throws -> String {
        var random = SeededGenerator(state: seed)
        var files: [String] = []
        for index in 0..<40 {
            let path = folders[index % folders.count] + "file-\(index).txt"
            try fixture.write(path, content(path, lines: Int.random(in: 0...30, using: &random), using: &random))
            files.append(path)
        }
        try fixture.writeBytes("blob.bin", (0..<64).map { _ in UInt8.random(in: 0...255, using: &random) } + [0])
        let base = try fixture.commitAll("generated base")
        for (index, path) in files.enumerated() {
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                try fixture.remove(path)
            case 1:
                let text = try fixture.read(path)
                try fixture.remove(path)
                try fixture.write("moved/\(index)/" + path.split(separator: "/").last!, text + "extra line\n")
            case 2:
                try fixture.makeExecutable(path)
            case 3, 4:
                var lines = try fixture.read(path).components(separatedBy: "\n")
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let position = Int.random(in: 0...lines.count, using: &random)
                    if Bool.random(using: &random), position < lines.count {
                        lines.remove(at: position)
                    } else {
                        lines.insert("inserted \(Int.random(in: 0...999, using: &random))", at: position)
                    }
                }
                try fixture.write(path, lines.joined(separator: "\n"))
            default:
                break
            }
        }
        for index in 0..<Int.random(in: 1...6, using: &random) {
            let path = "new/\(index)/" + folders[index % folders.count] + "added \(index).txt"
            try fixture.write(path, content(path, lines: Int.random(in: 0...12, using: &random), using: &random))
        }
        try fixture.writeBytes("blob.bin", (0..<64).map { _ in UInt8.random(in: 0...255, using: &random) } + [0])
        return base
    }

    @Test(arguments: [1, 7, 42, 1234, 5, 99, 2024, 31337] as [UInt64])
    func everyKindOfDiffMatchesGitForAGeneratedHistory(seed: UInt64) throws {
        let fixture = try GitFixture()
        let base = try Self.generate(seed: seed, in: fixture)
        let repository = try Repository.open(at: fixture.path)
        let baseID = try repository.resolveCommit(base)

        let working = try repository.diffWorkingTree(against: baseID, options: DiffOptions(includeAddedLines: true))
        #expect(DiffTests.numstat(working) == (try DiffTests.oracleNumstat(fixture, base: base)), "seed \(seed)")
        var scores: [String: Int] = [:]
        for change in working {
            if case .renamed(_, let similarity) = change.status { scores[change.path] = similarity }
        }
        #expect(scores == (try DiffTests.oracleRenameScores(fixture, base: base)), "seed \(seed)")
        for change in working where !change.isBinary {
            #expect(change.addedLines.count == change.addedLineCount, "seed \(seed): \(change.path)")
        }

        try fixture.git("add", "-A")
        let staged = try repository.diffStaged()
        let stagedOracle = NumstatEntry.parse(try fixture.git("diff", "--cached", "--numstat", "-z", "-M"))
        #expect(DiffTests.numstat(staged) == stagedOracle, "seed \(seed)")

        let head = try fixture.commitAll("generated change")
        let committed = try repository.diff(from: baseID, to: try repository.resolveCommit(head))
        let committedOracle = NumstatEntry.parse(try fixture.git("diff", "--numstat", "-z", "-M", base, head))
        #expect(DiffTests.numstat(committed) == committedOracle, "seed \(seed)")
        #expect(DiffTests.numstat(committed) == DiffTests.numstat(working), "seed \(seed)")
    }
}
