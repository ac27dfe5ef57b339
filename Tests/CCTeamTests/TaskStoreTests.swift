import CCCore
import Foundation
import Testing

@testable import CCTeam

@Suite("Task store")
struct TaskStoreTests {
    @Test func idsStartAtOneAndCountUp() throws {
        let fixture = try StoreFixture()
        let ids = try (1...3).map { try fixture.store.create(subject: "task \($0)").id }
        #expect(ids == ["1", "2", "3"])
        #expect(try fixture.store.list().map(\.id) == ["1", "2", "3"])
    }

    @Test func idsAreNeverReusedAfterDeleteOrArchive() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        try store.delete("2")
        #expect(try store.create(subject: "c").id == "3")
        try store.update("1", TaskChange(status: .resolved))
        try store.archive("1")
        #expect(try store.create(subject: "d").id == "4")
    }

    @Test func blankSubjectIsRefused() throws {
        let fixture = try StoreFixture()
        #expect(throws: TaskStoreError.emptySubject) { try fixture.store.create(subject: "  ") }
    }

    @Test func dependenciesStayBidirectional() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b", blockedBy: ["1"])
        try store.create(subject: "c")
        try store.update("3", TaskChange(addBlocks: ["2"]))
        let tasks = Dictionary(uniqueKeysWithValues: try store.list().map { ($0.id, $0) })
        #expect(tasks["1"]?.blocks == ["2"])
        #expect(tasks["2"]?.blockedBy == ["1", "3"])
        #expect(tasks["3"]?.blocks == ["2"])
        try store.update("2", TaskChange(removeBlockedBy: ["1"]))
        #expect(try store.get("1").blocks == [])
        #expect(try store.get("2").blockedBy == ["3"])
    }

    @Test func aCycleIsRejectedAndNamed() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        try store.create(subject: "c")
        try store.update("2", TaskChange(addBlockedBy: ["3"]))  // 3 → 2
        try store.update("1", TaskChange(addBlockedBy: ["2"]))  // 2 → 1
        #expect(throws: TaskStoreError.dependencyCycle(["1", "3", "2", "1"])) {
            try store.update("3", TaskChange(addBlockedBy: ["1"]))
        }
        #expect(TaskStoreError.dependencyCycle(["1", "3", "2", "1"]).message == "dependency cycle: 1 → 3 → 2 → 1")
        // Nothing was written by the refused update.
        #expect(try store.get("3").blockedBy == [])
        #expect(try store.get("1").blocks == [])
    }

    @Test func unknownAndSelfDependenciesAreErrors() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        #expect(throws: TaskStoreError.unknownTask(id: "7", team: "demo")) {
            try store.create(subject: "b", blockedBy: ["7"])
        }
        #expect(throws: TaskStoreError.selfDependency("1")) { try store.update("1", TaskChange(addBlocks: ["1"])) }
        #expect(throws: TaskStoreError.invalidID("x1")) { try store.get("x1") }
        // The failed create allocated nothing.
        #expect(try store.create(subject: "c").id == "2")
    }

    @Test func claimHandsOutTheLowestReadyTaskWithGrowingTokens() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b", blockedBy: ["1"])
        try store.create(subject: "c")
        let first = try #require(try store.claim(owner: "w1", leaseSeconds: 30))
        #expect(first.task.id == "1" && first.task.status == .inProgress && first.task.owner == "w1")
        let second = try #require(try store.claim(owner: "w2", leaseSeconds: 30))
        #expect(second.task.id == "3")
        #expect(second.token > first.token)
        #expect(try store.claim(owner: "w3", leaseSeconds: 30) == nil)
        try store.resolve("1", token: first.token)
        let third = try #require(try store.claim(owner: "w3", leaseSeconds: 30))
        #expect(third.task.id == "2" && third.token > second.token)
    }

    @Test func claimingASpecificTaskChecksItsState() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b", blockedBy: ["1"])
        #expect(throws: TaskStoreError.notReady(id: "2", waitingFor: ["1"])) {
            try store.claim("2", owner: "w", leaseSeconds: 5)
        }
        _ = try store.claim("1", owner: "w", leaseSeconds: 5)
        #expect(throws: TaskStoreError.notClaimable(id: "1", status: .inProgress)) {
            try store.claim("1", owner: "x", leaseSeconds: 5)
        }
        #expect(throws: TaskStoreError.invalidLease(0)) { try store.claim(owner: "w", leaseSeconds: 0) }
    }

    @Test func aLapsedLeaseReturnsTheTaskAndRefusesTheOldOwner() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        let old = try #require(try store.claim(owner: "w1", leaseSeconds: 10))
        fixture.advance(5)
        try store.renew("1", token: old.token, leaseSeconds: 10)
        fixture.advance(9)
        #expect(try store.get("1").status == .inProgress)
        fixture.advance(2)
        let reopened = try store.get("1")
        #expect(reopened.status == .open && reopened.owner == nil && reopened.lease == nil)
        let new = try #require(try store.claim(owner: "w2", leaseSeconds: 10))
        #expect(new.token > old.token)
        #expect(throws: TaskStoreError.staleToken(id: "1", token: old.token, current: new.token)) {
            try store.resolve("1", token: old.token)
        }
        #expect(throws: TaskStoreError.staleToken(id: "1", token: old.token, current: new.token)) {
            try store.comment("1", token: old.token, .init(author: "w1", content: "late", at: fixture.now))
        }
        let resolved = try store.resolve("1", token: new.token)
        #expect(resolved.status == .resolved && resolved.owner == "w2" && resolved.lease == nil)
    }

    @Test func listReclaimsLapsedLeases() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        _ = try store.claim(owner: "w1", leaseSeconds: 1)
        fixture.advance(2)
        #expect(try store.list().map(\.status) == [.open])
        // The reclaim was written, not just shown.
        #expect(try fixture.file("1").contains(#""status" : "open""#))
    }

    @Test func releaseReopensWithoutOwner() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        let claim = try #require(try store.claim(owner: "w1", leaseSeconds: 10))
        let task = try store.release("1", token: claim.token)
        #expect(task.status == .open && task.owner == nil && task.fence == claim.token)
        #expect(throws: TaskStoreError.staleToken(id: "1", token: claim.token, current: nil)) {
            try store.fail("1", token: claim.token)
        }
    }

    @Test func deleteRemovesEveryReference() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b", blockedBy: ["1"])
        try store.create(subject: "c", blockedBy: ["2"])
        try store.delete("2")
        #expect(try store.get("1").blocks == [])
        #expect(try store.get("3").blockedBy == [])
        #expect(throws: TaskStoreError.unknownTask(id: "2", team: "demo")) { try store.get("2") }
    }

    @Test func archiveKeepsResolvedBlockersCountingAsResolved() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b", blockedBy: ["1"])
        #expect(throws: TaskStoreError.cannotArchive(id: "1", status: .open)) { try store.archive("1") }
        try store.update("1", TaskChange(status: .resolved))
        #expect(try store.clean() == ["1"])
        #expect(try store.list().map(\.id) == ["2"])
        #expect(try store.list(includeArchived: true).map(\.id) == ["1", "2"])
        #expect(try store.get("1").status == .resolved)
        #expect(try store.ready().map(\.id) == ["2"])
        #expect(try store.claim(owner: "w", leaseSeconds: 5)?.task.id == "2")
        #expect(
            FileManager.default.fileExists(atPath: fixture.tasksDirectory.appendingPathComponent("archive/1.json").path)
        )
    }

    @Test func aCorruptTaskFileIsReportedWithItsPathAndLeftAlone() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        let path = fixture.tasksDirectory.appendingPathComponent("2.json").path
        try Data("{\"id\": \"2\", \"subject\": ".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: TaskStoreError.corruptTask(path: path, reason: "unexpected end of file at byte 23")) {
            try store.list()
        }
        #expect(throws: TaskStoreError.corruptTask(path: path, reason: "unexpected end of file at byte 23")) {
            try store.update("2", TaskChange(status: .resolved))
        }
        #expect(try fixture.file("2") == "{\"id\": \"2\", \"subject\": ")
        // Other tasks still work.
        #expect(try store.get("1").subject == "a")
    }

    @Test func aFileWhoseIdDisagreesWithItsNameIsCorrupt() throws {
        let fixture = try StoreFixture()
        try fixture.store.create(subject: "a")
        let source = fixture.tasksDirectory.appendingPathComponent("1.json")
        let copy = fixture.tasksDirectory.appendingPathComponent("5.json")
        try FileManager.default.copyItem(at: source, to: copy)
        #expect(throws: TaskStoreError.corruptTask(path: copy.path, reason: "its id '1' does not match the file name"))
        {
            try fixture.store.list()
        }
    }
}
