import CCCore
import CCTeam
import CCTestSupport
import Foundation
import Testing

@Suite struct StoreBoardTests {
    @Test func claimsReadyTasksInOrderAndRecordsTheOutcomeWithTheClaimsToken() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "first", scope: ["src/**"])
        try store.create(subject: "second", blockedBy: ["1"])
        let board = StoreBoard(store: store, leaseSeconds: 60)

        let first = try #require(try await board.claimNext(for: "worker-1", avoiding: []))
        #expect(first == WorkItem(id: "1", subject: "first", description: "", scope: ["src/**"]))
        #expect(try await board.claimNext(for: "worker-2", avoiding: []) == nil)
        try await board.comment(on: first, by: "worker-1", "attempt 1 rejected")
        try await board.resolve(first, by: "worker-1", note: "merged")

        let task = try store.get("1")
        #expect(task.status == .resolved)
        #expect(task.comments.map(\.content) == ["attempt 1 rejected", "merged"])
        #expect(try await board.claimNext(for: "worker-2", avoiding: [])?.id == "2")
        #expect(await board.claimedTaskIDs == ["2"])
    }

    @Test func aReadyTaskWhoseScopeOverlapsNoRunningTaskIsTakenFirst() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "api one", scope: ["src/api/**"])
        try store.create(subject: "api two", scope: ["src/api/routes.swift"])
        try store.create(subject: "docs", scope: ["docs/**"])
        try store.create(subject: "anything", scope: [])
        let board = StoreBoard(store: store, leaseSeconds: 60)

        let api = try #require(try await board.claimNext(for: "worker-1", avoiding: []))
        #expect(api.id == "1")
        // Task 2 is next in order but edits what task 1 edits; task 3 does not.
        #expect(try await board.claimNext(for: "worker-2", avoiding: [api])?.id == "3")
        // Only overlapping tasks are left (an empty scope may touch anything): one is still taken.
        #expect(try await board.claimNext(for: "worker-3", avoiding: [api])?.id == "2")
    }

    @Test func aClaimedTaskCarriesTheModelItWasCreatedWith() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "cheap", model: "claude-haiku-4-5")
        #expect(try store.get("1").model == "claude-haiku-4-5")
        let board = StoreBoard(store: store)
        #expect(try await board.claimNext(for: "worker-1", avoiding: [])?.model == "claude-haiku-4-5")
    }

    @Test func releasingHandsTheTaskBackOpenWithoutAnOwner() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "only")
        let board = StoreBoard(store: store)
        let item = try #require(try await board.claimNext(for: "worker-1", avoiding: []))
        try await board.release(item, by: "worker-1")
        let task = try store.get("1")
        #expect(task.status == .open)
        #expect(task.owner == nil)
        #expect(await board.claimedTaskIDs.isEmpty)
    }

    @Test func aWriteWithoutAClaimIsRefusedNotForced() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "only")
        let board = StoreBoard(store: store)
        let stranger = WorkItem(id: "1", subject: "only", description: "", scope: [])
        await #expect(throws: ToolError.self) { try await board.resolve(stranger, by: "worker-9", note: "") }
        #expect(try store.get("1").status == .open)
    }
}

@Suite struct SupervisedStatusTests {
    let worker = Identity(team: "t", agentID: "worker-1", agentType: .worker, agentName: "Worker 1")

    @Test func aWorkersResolveOnAClaimedTaskBecomesACommentAndTheTaskStaysInProgress() async throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        try store.create(subject: "build it")
        try store.create(subject: "after it", blockedBy: ["1"])
        let board = StoreBoard(store: store)
        _ = try await board.claimNext(for: "worker-1", avoiding: [])

        let change = TaskPermissions.deferringSupervisedStatus(
            TaskChange(status: .resolved), to: try store.get("1"), identity: worker)
        let task = try store.update("1", change)
        #expect(task.status == .inProgress)
        #expect(
            task.comments.last?.content == "reports status 'resolved'; the launcher sets it once the run is verified")
        #expect(try store.ready().isEmpty)
    }

    @Test func theLeadAndUnclaimedTasksAreNotDeferred() throws {
        let directory = try TemporaryDirectory()
        let store = TaskStore(tasksDirectory: directory.url, team: "t")
        let task = try store.create(subject: "open task")
        let lead = Identity(team: "t", agentID: "lead", agentType: .teamLead, agentName: "Lead")
        #expect(
            TaskPermissions.deferringSupervisedStatus(TaskChange(status: .failed), to: task, identity: worker).status
                == .failed)
        #expect(
            TaskPermissions.deferringSupervisedStatus(TaskChange(status: .failed), to: task, identity: lead).status
                == .failed)
    }
}
