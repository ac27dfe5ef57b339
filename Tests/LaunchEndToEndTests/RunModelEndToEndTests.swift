import CCTestSupport
import Foundation
import Testing

/// The model a run records is the one its agent's stream names, beside the one the launcher asked
/// for; a difference is a warning wherever runs are shown.
@Suite struct RunModelEndToEndTests {
    @Test func metaJSONRecordsTheStreamsModelBesideTheRequestedOneAndStatusWarnsOfTheMismatch() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent(["1": "echo ok > notes.txt"])
        let plan = try team.plan(
            """
            tasks:
              - subject: Write notes
            """)
        let output = try team.ccteam([
            "launch", "Notes", "--plan", plan, "--agent", "command", "--agent-command", agent, "--workers", "1",
            "--model", "sonnet",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        // The summary splits what the team spent by model and by agent.
        #expect(output.stdout.contains("by model:\n  script: "), "\(output.stdout)")
        #expect(output.stdout.contains("by agent:\n  worker-1: "), "\(output.stdout)")
        let runs = team.root.appendingPathComponent(".ccteam/runs")
        let metas = try FileManager.default.contentsOfDirectory(atPath: runs.path).map { id in
            let data = try Data(contentsOf: runs.appendingPathComponent(id).appendingPathComponent("meta.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let worker = try #require(metas.first { $0["agentId"] as? String == "worker-1" })
        // The scripted agent's init event says `"model":"script"`.
        #expect(worker["model"] as? String == "script")
        #expect(worker["requestedModel"] as? String == "sonnet")
        #expect(worker["models"] is NSNull)
        for meta in metas {
            #expect(
                Set(meta.keys).isSuperset(of: ["taskId", "endedAt", "model", "requestedModel", "models", "finalText"]))
        }

        let status = try team.ccteam(["status", "--team", team.team])
        #expect(status.stdout.contains("requested model sonnet but the agent used script"), "\(status.stdout)")
        let json = try team.ccteam(["status", "--team", team.team, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["modelWarnings"] as? [String])?.count == metas.count)
        let spending = try #require(object["spending"] as? [String: [String: [String: Any]]])
        #expect(spending["byModel"]?["script"]?["runs"] as? Int == metas.count)
        #expect(spending["byAgent"]?["worker-1"]?["runs"] as? Int == metas.count)
    }
}
