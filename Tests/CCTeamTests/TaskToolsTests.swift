import CCCore
import Foundation
import MCP
import Testing

@testable import CCTeam

@Suite("Team task tools")
struct TaskToolsTests {
    private func tools(_ fixture: StoreFixture, agent: String?, lead: Bool = false, workersMayCreate: Bool = false)
        -> TaskTools
    {
        let identity = agent.map {
            Identity(team: "demo", agentID: $0, agentType: lead ? .teamLead : .worker, agentName: $0)
        }
        return TaskTools(
            store: fixture.store, identity: identity, settings: TeamSettings(workersMayCreateTasks: workersMayCreate))
    }

    private func text(_ result: CallTool.Result) -> String {
        guard case .text(let text, _, _) = result.content.first else { return "" }
        return text
    }

    @Test func leadCreatesGetsAndListsTasks() throws {
        let fixture = try StoreFixture()
        let lead = tools(fixture, agent: "lead", lead: true)
        let created = try lead.call("TaskCreate", arguments: ["subject": "Parser", "description": "Write it"])
        #expect(created.isError == false)
        #expect(text(created).contains(#""id":"1""#))
        _ = try lead.call(
            "TaskCreate", arguments: ["subject": "Tests", "description": "", "blockedBy": ["1"], "scope": ["Tests/**"]])
        let got = try lead.call("TaskGet", arguments: ["taskId": 2])
        #expect(text(got).contains(#""blockedBy":["#) && text(got).contains("Tests/**"))
        let listed = try lead.call("TaskList", arguments: ["status": "open"])
        let summaries = try JSONSerialization.jsonObject(with: Data(text(listed).utf8)) as? [[String: Any]]
        #expect(summaries?.map { $0["id"] as? String } == ["1", "2"])
        #expect(Set(summaries?.first?.keys.map { $0 } ?? []) == ["id", "subject", "status", "owner", "blockedBy"])
    }

    @Test func theLeadMayGiveASimpleTaskACheaperModel() throws {
        let fixture = try StoreFixture()
        let lead = tools(fixture, agent: "lead", lead: true)
        _ = try lead.call(
            "TaskCreate",
            arguments: ["subject": "Rename", "description": "one identifier", "model": "claude-haiku-4-5"])
        #expect(text(try lead.call("TaskGet", arguments: ["taskId": 1])).contains(#""model":"claude-haiku-4-5""#))
    }

    @Test func secretsInTaskTextAreMaskedBeforeTheyAreStored() throws {
        let fixture = try StoreFixture()
        let tools = TaskTools(
            store: fixture.store, identity: nil, settings: TeamSettings(),
            redact: { $0.replacingOccurrences(of: "hunter2-hunter2", with: "***") })
        _ = try tools.call(
            "TaskCreate", arguments: ["subject": "Use hunter2-hunter2", "description": "hunter2-hunter2"])
        _ = try tools.call("TaskUpdate", arguments: ["taskId": 1, "addComment": ["content": "pw hunter2-hunter2"]])
        let task = try fixture.store.get("1")
        #expect(task.subject == "Use ***" && task.description == "***" && task.comments.map(\.content) == ["pw ***"])
    }

    @Test func workersMayNotCreateUnlessTheTeamAllowsIt() throws {
        let fixture = try StoreFixture()
        let refused = try tools(fixture, agent: "worker-1").call(
            "TaskCreate", arguments: ["subject": "x", "description": ""])
        #expect(refused.isError == true)
        #expect(
            text(refused) == """
                error: worker-1 may not create tasks in team 'demo'
                help: ask the team lead to create it (or set "workersMayCreateTasks": true in team.json)
                """)
        #expect(try fixture.store.list().isEmpty)
        let allowed = try tools(fixture, agent: "worker-1", workersMayCreate: true)
            .call("TaskCreate", arguments: ["subject": "x", "description": ""])
        #expect(allowed.isError == false)
    }

    @Test func onlyTheOwnerOrTheLeadUpdatesAClaimedTask() throws {
        let fixture = try StoreFixture()
        try fixture.store.create(subject: "a")
        _ = try fixture.store.claim("1", owner: "worker-1", leaseSeconds: 60)
        let intruder = try tools(fixture, agent: "worker-2").call(
            "TaskUpdate", arguments: ["taskId": "1", "status": "resolved"])
        #expect(intruder.isError == true)
        #expect(text(intruder).hasPrefix("error: worker-2 may not update task 1: it is claimed by worker-1"))
        #expect(try fixture.store.get("1").status == .inProgress)
        let owner = try tools(fixture, agent: "worker-1").call(
            "TaskUpdate", arguments: ["taskId": "1", "addComment": ["content": "half done"]])
        #expect(owner.isError == false)
        #expect(try fixture.store.get("1").comments.map(\.author) == ["worker-1"])
        let lead = try tools(fixture, agent: "lead", lead: true).call(
            "TaskUpdate", arguments: ["taskId": "1", "status": "open", "owner": ""])
        #expect(lead.isError == false)
        let task = try fixture.store.get("1")
        #expect(task.status == .open && task.owner == nil)
    }

    @Test(arguments: [
        (["taskId": .string("9")] as [String: Value], "error: no task '9' in team 'demo'"),
        ([:], "error: missing required argument 'taskId'"),
        (["taskId": .bool(true)], "error: argument 'taskId' must be a task id such as \"3\""),
        (["taskId": "1", "status": "done"], "error: unknown task status 'done'"),
        (["taskId": "1", "addBlockedBy": .array(["1"])], "error: task 1 cannot depend on itself"),
        (["taskId": "1", "addComment": "hi"], "error: argument 'addComment' must be an object with 'content'"),
    ])
    func badArgumentsAreToolErrors(arguments: [String: Value], expected: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.create(subject: "a")
        let result = try tools(fixture, agent: "lead", lead: true).call("TaskUpdate", arguments: arguments)
        #expect(result.isError == true)
        #expect(text(result).components(separatedBy: "\n").first == expected)
    }

    @Test func anUnknownToolIsAProtocolError() throws {
        let fixture = try StoreFixture()
        #expect(throws: MCPError.self) { try tools(fixture, agent: nil).call("TaskDestroy", arguments: nil) }
    }

    @Test func everyToolHasAnObjectSchema() {
        #expect(TaskTools.definitions.map(\.name) == ["TaskCreate", "TaskGet", "TaskUpdate", "TaskList"])
        for tool in TaskTools.definitions {
            #expect(tool.inputSchema.objectValue?["type"] == "object")
        }
    }
}
