import CCCore
import Foundation
import Testing

@testable import CCTeam

@Suite("Task graph")
struct TaskGraphTests {
    private func sampleStore() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "Parser")
        try store.create(subject: "Tests", blockedBy: ["1"])
        try store.create(subject: "Docs", blockedBy: ["1"])
        try store.create(subject: "Ship", blockedBy: ["2", "3"])
        try store.create(subject: "Spike")
        try store.update("1", TaskChange(status: .resolved))
        _ = try store.claim("3", owner: "worker-1", leaseSeconds: 60)
        try store.update("5", TaskChange(status: .failed))
        return fixture
    }

    @Test func drawsAnAsciiTreeWithMarksAndASummary() throws {
        let graph = try sampleStore().store.graph()
        #expect(
            graph.render(unicode: false) == """
                [x] 1 Parser
                |- [ ] 2 Tests
                |  `- [-] 4 Ship
                `- [~] 3 Docs (worker-1)
                   `- [-] 4 Ship (see above)
                [!] 5 Spike
                5 tasks: 2 open (1 ready, 1 blocked), 1 in progress, 1 resolved, 1 failed
                """)
    }

    @Test func drawsUnicodeMarksOnATerminal() throws {
        let graph = try sampleStore().store.graph()
        #expect(
            graph.render(unicode: true).hasPrefix("✔ 1 Parser\n├─ ○ 2 Tests\n│  └─ ⊘ 4 Ship\n└─ ◐ 3 Docs (worker-1)"))
        #expect(
            graph.summary
                == TaskGraph.Summary(total: 5, open: 2, ready: 1, blocked: 1, inProgress: 1, resolved: 1, failed: 1))
    }

    @Test func tableShowsReadinessOwnersAndBlockers() throws {
        let fixture = try sampleStore()
        #expect(
            TaskText.table(try fixture.store.graph(), team: "demo") == """
                ID  STATUS       OWNER     SUBJECT
                1   resolved     -         Parser
                2   ready        -         Tests  [after 1]
                3   in_progress  worker-1  Docs  [after 1]
                4   blocked      -         Ship  [after 2, 3]
                5   failed       -         Spike
                """)
    }

    @Test(arguments: [("open", TeamTask.Status.open), ("in-progress", .inProgress), ("RESOLVED", .resolved)])
    func statusesParseAsPeopleTypeThem(text: String, status: TeamTask.Status) throws {
        #expect(try TaskText.status(text) == status)
    }

    @Test func anUnknownStatusIsAnError() {
        #expect(throws: TaskStoreError.unknownStatus("done")) { try TaskText.status("done") }
    }
}
