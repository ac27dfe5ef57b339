import CCGit
import CCTestSupport
import Foundation
import Testing

/// One repository handle per thread: several threads diffing the same repository agree with each other.
@Suite struct ThreadingTests {
    @Test func handlesOpenedOnSeparateThreadsDiffConcurrentlyAndAgree() async throws {
        let (fixture, base) = try DiffTests.richFixture()
        let path = fixture.path
        let expected = try Repository.open(at: path).diffWorkingTree(
            against: try Repository.open(at: path).resolveCommit(base), options: DiffOptions(includeAddedLines: true))
        let results = try await withThrowingTaskGroup(of: [[FileChange]].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let repository = try Repository.open(at: path)
                    let id = try repository.resolveCommit(base)
                    return try (0..<5).map { _ in
                        try repository.diffWorkingTree(against: id, options: DiffOptions(includeAddedLines: true))
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func errorsOnOneThreadDoNotLeakIntoAnother() async throws {
        let fixture = try GitFixture()
        let path = fixture.path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let repository = try Repository.open(at: path)
                    for attempt in 0..<10 {
                        let name = "missing-\(worker)-\(attempt)"
                        #expect(throws: GitError.unknownRevision(name)) { try repository.resolveCommit(name) }
                        #expect(repository.headCommit != nil)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
