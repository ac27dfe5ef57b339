import CCTestSupport
import Foundation
import Testing

/// `ccteam mcp` spoken to over real stdio, one JSON-RPC line at a time.
@Suite("ccteam mcp, end to end")
struct MCPServerTests {
    /// A running server and the responses it has sent, by id.
    final class Session {
        let process: LiveProcess

        init(_ repo: TestRepository, agent: String?, lead: Bool = false) throws {
            var identity: [String: String] = [:]
            if let agent {
                identity = [
                    "CLAUDE_CODE_TEAM_NAME": repo.team, "CLAUDE_CODE_AGENT_ID": agent,
                    "CLAUDE_CODE_AGENT_TYPE": lead ? "team-lead" : "worker", "CLAUDE_CODE_AGENT_NAME": agent,
                ]
            }
            process = try LiveProcess(
                "ccteam", ["mcp", "--team", repo.team], in: repo.url, environment: TestRepository.environment(identity))
        }

        /// Sends a line and returns the response whose id is `id` (`nil` matches `"id": null`).
        func request(_ line: String, id: Int?) throws -> [String: Any] {
            let before = Self.responses(process.stdout).count
            process.send(line)
            var found: [String: Any]?
            process.wait(timeout: 20) { out, _ in
                found = Self.responses(out).dropFirst(id == nil ? before : 0).first { response in
                    if let id { return (response["id"] as? Int) == id }
                    return response["id"] is NSNull
                }
                return found != nil
            }
            return try #require(found, "no response to \(line); stderr: \(process.stderr)")
        }

        /// Calls a tool and returns (isError, text).
        func call(_ id: Int, _ tool: String, _ arguments: String) throws -> (Bool, String) {
            let response = try request(
                #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#,
                id: id)
            let result = try #require(response["result"] as? [String: Any], "\(response)")
            let content = try #require((result["content"] as? [[String: Any]])?.first)
            return ((result["isError"] as? Bool) ?? false, content["text"] as? String ?? "")
        }

        func initialize() throws {
            let response = try request(
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#,
                id: 1)
            let result = try #require(response["result"] as? [String: Any])
            #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "ccteam")
            process.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        }

        func close() -> Int32 {
            process.closeInput()
            return process.finish(timeout: 20)
        }

        static func responses(_ text: String) -> [[String: Any]] {
            text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        static func errorCode(_ response: [String: Any]) -> Int? {
            (response["error"] as? [String: Any])?["code"] as? Int
        }
    }

    @Test func answersProbesInitializesAndServesEveryTool() throws {
        let repo = try TestRepository()
        let session = try Session(repo, agent: "lead", lead: true)
        // Claude Code probes before initialize; both spellings must get "method not found".
        let probe = try session.request(#"{"jsonrpc":"2.0","id":100,"method":"server/discover"}"#, id: 100)
        #expect(Session.errorCode(probe) == -32601)
        let bare = try session.request(#"{"method":"server/discover","id":101}"#, id: 101)
        #expect(Session.errorCode(bare) == -32601)
        try session.initialize()

        let list = try session.request(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#, id: 2)
        let tools = try #require((list["result"] as? [String: Any])?["tools"] as? [[String: Any]])
        #expect(tools.compactMap { $0["name"] as? String } == ["TaskCreate", "TaskGet", "TaskUpdate", "TaskList"])
        #expect(tools.allSatisfy { ($0["inputSchema"] as? [String: Any])?["type"] as? String == "object" })

        let (createError, created) = try session.call(
            3, "TaskCreate", #"{"subject":"Parser","description":"Write it"}"#)
        #expect(!createError && created.contains(#""id":"1""#))
        _ = try session.call(4, "TaskCreate", #"{"subject":"Tests","description":"","blockedBy":["1"]}"#)
        let (_, got) = try session.call(5, "TaskGet", #"{"taskId":"2"}"#)
        #expect(got.contains(#""subject":"Tests""#))
        let (updateError, updated) = try session.call(
            6, "TaskUpdate", #"{"taskId":"1","status":"resolved","addComment":{"author":"lead","content":"done"}}"#)
        #expect(!updateError && updated.contains(#""status":"resolved""#))
        let (_, listed) = try session.call(7, "TaskList", #"{"status":"open"}"#)
        let open = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]]
        #expect(open?.map { $0["id"] as? String } == ["2"])
        #expect(open?.first?["blockedBy"] as? [String] == ["1"])

        // The store on disk agrees.
        let files = try repo.taskFiles()
        #expect(files["1"]?["status"] as? String == "resolved")
        #expect(files["1"]?["blocks"] as? [String] == ["2"])
        #expect(session.close() == 0)
    }

    @Test func malformedRequestsUnknownToolsAndBadArgumentsNeverStopTheServer() throws {
        let repo = try TestRepository()
        let session = try Session(repo, agent: "lead", lead: true)
        try session.initialize()
        let garbage = try session.request("this is not json", id: nil)
        #expect(Session.errorCode(garbage) == -32700)
        let notObject = try session.request("[1,", id: nil)
        #expect(Session.errorCode(notObject) == -32700)
        let noMethod = try session.request(#"{"jsonrpc":"2.0","id":8}"#, id: 8)
        #expect(Session.errorCode(noMethod) != nil)
        let unknownMethod = try session.request(#"{"jsonrpc":"2.0","id":9,"method":"tasks/explode"}"#, id: 9)
        #expect(Session.errorCode(unknownMethod) == -32601)
        let unknownTool = try session.request(
            #"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"TaskDestroy","arguments":{}}}"#, id: 10)
        #expect(Session.errorCode(unknownTool) == -32602)
        let (missingError, missing) = try session.call(11, "TaskGet", "{}")
        #expect(missingError && missing.hasPrefix("error: missing required argument 'taskId'"))
        let (wrongError, wrong) = try session.call(12, "TaskCreate", #"{"subject":5,"description":""}"#)
        #expect(wrongError && wrong.hasPrefix("error: argument 'subject' must be a string"))
        let (unknownError, unknown) = try session.call(13, "TaskUpdate", #"{"taskId":"99","status":"open"}"#)
        #expect(unknownError && unknown.hasPrefix("error: no task '99' in team '\(repo.team)'"))
        // Still serving.
        let (_, created) = try session.call(14, "TaskCreate", #"{"subject":"still here","description":""}"#)
        #expect(created.contains(#""id":"1""#))
        #expect(session.close() == 0)
    }

    @Test func workersAreRefusedOthersClaimsAndTaskCreation() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "Parser"])
        try repo.ccteam(["tasks", "update", "1", "--owner", "worker-1", "--status", "in_progress"])

        let intruder = try Session(repo, agent: "worker-2")
        try intruder.initialize()
        let (refused, message) = try intruder.call(2, "TaskUpdate", #"{"taskId":"1","status":"resolved"}"#)
        #expect(refused)
        #expect(
            message == """
                error: worker-2 may not update task 1: it is claimed by worker-1
                help: only the owner or the team lead may update a task in progress; add a note to your own task
                """)
        let (createRefused, createMessage) = try intruder.call(3, "TaskCreate", #"{"subject":"x","description":""}"#)
        #expect(createRefused && createMessage.hasPrefix("error: worker-2 may not create tasks in team '\(repo.team)'"))
        #expect(intruder.close() == 0)

        let owner = try Session(repo, agent: "worker-1")
        try owner.initialize()
        let (ownerError, _) = try owner.call(2, "TaskUpdate", #"{"taskId":"1","status":"resolved"}"#)
        #expect(!ownerError)
        #expect(owner.close() == 0)
        #expect(try repo.taskFiles()["1"]?["status"] as? String == "resolved")
        #expect(try repo.taskFiles().count == 1)

        // The team may let workers create tasks.
        try repo.directory.write(".ccteam/teams/\(repo.team)/team.json", #"{"workersMayCreateTasks": true}"#)
        let creator = try Session(repo, agent: "worker-2")
        try creator.initialize()
        let (allowedError, _) = try creator.call(2, "TaskCreate", #"{"subject":"found a bug","description":""}"#)
        #expect(!allowedError)
        #expect(creator.close() == 0)
    }
}
