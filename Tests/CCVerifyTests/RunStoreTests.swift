import CCCore
import CCTestSupport
import CCVerify
import Foundation
import Testing

@Suite struct RunStoreTests {
    @Test func roundTripsARunAndItsReport() throws {
        let dir = try TemporaryDirectory()
        let store = RunStore(root: dir.url)
        let record = RunRecord(
            runId: "r1", team: "t", agentId: "manual", agentType: "worker", worktree: dir.path, baseCommit: "abc",
            startedAt: Date(timeIntervalSince1970: 1_700_000_000), scope: ["src/**"])
        try store.saveRun(record)
        #expect(try store.loadRun("r1") == record)
        #expect(try store.loadReport("r1") == nil)
        var report = VerifyReport(findings: [], runId: "r1")
        report.result = .init(base: "abc", files: [.init(path: "a", blob: nil)])
        try store.saveReport(report, for: "r1")
        #expect(try store.loadReport("r1") == report)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/.ccteam/runs/r1/verify.json"))
    }

    @Test func aMissingRunNamesTheFile() throws {
        let dir = try TemporaryDirectory()
        let error = #expect(throws: RunStoreError.self) { try RunStore(root: dir.url).loadRun("nope") }
        #expect(error?.message == "no run 'nope': .ccteam/runs/nope/meta.json does not exist")
    }

    @Test(arguments: ["../x", "a/b", "", ".."])
    func rejectsRunIDsThatAreNotFolderNames(_ id: String) throws {
        let dir = try TemporaryDirectory()
        #expect(throws: RunStoreError.self) { try RunStore(root: dir.url).loadRun(id) }
    }

    @Test func manualRunIDsAreTimestamped() {
        let id = RunStore.newManualRunID(now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(id.hasPrefix("manual-20231114-221320-"))
        #expect(id.count == "manual-20231114-221320-".count + 4)
    }
}

@Suite struct RollbackPlanTests {
    typealias State = VerifyReport.ResultState.PathState

    @Test func restoresModifiedRemovesCreatedAndRefusesReEdited() {
        let recorded = [
            State(path: "modified", blob: "m2"), State(path: "created", blob: "c1"), State(path: "deleted", blob: nil),
            State(path: "edited-again", blob: "e2"), State(path: "reverted-by-hand", blob: "r2"),
        ]
        let current: [String: String] = [
            "modified": "m2", "created": "c1", "edited-again": "e3", "reverted-by-hand": "r1",
        ]
        let base: [String: String] = [
            "modified": "m1", "deleted": "d1", "edited-again": "e1", "reverted-by-hand": "r1",
        ]
        let plan = RollbackPlan.make(recorded: recorded, current: { current[$0] }, base: { base[$0] })
        #expect(plan.restore == ["deleted", "modified"])
        #expect(plan.remove == ["created"])
        #expect(plan.refused == ["edited-again"])
        #expect(plan.unchanged == ["reverted-by-hand"])
        #expect(!plan.isAllowed)
    }

    @Test func aFileDeletedAfterTheRunIsRefused() {
        let plan = RollbackPlan.make(
            recorded: [State(path: "a", blob: "a2")], current: { _ in nil }, base: { _ in "a1" })
        #expect(plan.refused == ["a"])
    }
}
