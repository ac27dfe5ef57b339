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
        let models = team.root.appendingPathComponent("models.yaml")
        try "sonnet: claude-sonnet-test\n".write(to: models, atomically: true, encoding: .utf8)
        let output = try team.ccteam([
            "launch", "Notes", "--plan", plan, "--agent", "command", "--agent-command", agent, "--workers", "1",
            "--model", "sonnet", "--models", models.path,
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
        // --model named a tier; the team's table (--models) made it a model id.
        #expect(worker["requestedModel"] as? String == "claude-sonnet-test")
        #expect(worker["models"] is NSNull)
        for meta in metas {
            #expect(
                Set(meta.keys).isSuperset(of: ["taskId", "endedAt", "model", "requestedModel", "models", "finalText"]))
        }

        let status = try team.ccteam(["status", "--team", team.team])
        #expect(
            status.stdout.contains("requested model claude-sonnet-test but the agent used script"), "\(status.stdout)")
        let json = try team.ccteam(["status", "--team", team.team, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["modelWarnings"] as? [String])?.count == metas.count)
        let spending = try #require(object["spending"] as? [String: [String: [String: Any]]])
        #expect(spending["byModel"]?["script"]?["runs"] as? Int == metas.count)
        #expect(spending["byAgent"]?["worker-1"]?["runs"] as? Int == metas.count)
    }

    @Test func aTasksTierAndTheWorkerRolesTierMapThroughTheTeamsModelTable() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent(["1": "echo one > one.txt", "2": "echo two > two.txt"])
        let plan = try team.plan(
            """
            tasks:
              - subject: A simple task
                model: haiku
              - subject: A task the plan gives no model
            """)
        let models = team.root.appendingPathComponent("models.json")
        try #"{"haiku": "claude-haiku-test"}"#.write(to: models, atomically: true, encoding: .utf8)
        let output = try team.ccteam([
            "launch", "Two", "--plan", plan, "--agent", "command", "--agent-command", agent, "--workers", "1",
            "--models", models.path,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let requested = try team.runRecords().reduce(into: [String: String]()) { byTask, meta in
            byTask[meta["taskId"] as? String ?? "-"] = meta["requestedModel"] as? String
        }
        // Task 1 asked for the haiku tier, as the file maps it; task 2 runs on the implementation
        // role's tier (sonnet), which the file left at its default.
        #expect(requested == ["1": "claude-haiku-test", "2": "claude-sonnet-4-5"])
        let config = try String(
            contentsOf: team.root.appendingPathComponent(".ccteam/teams/\(team.team)/team.json"), encoding: .utf8)
        #expect(config.contains("claude-haiku-test"), "the table is kept for resume")
    }

    @Test func aModelTableNamingAnUnknownTierIsRefusedBeforeAnythingStarts() throws {
        let team = try ScriptedTeam()
        let models = team.root.appendingPathComponent("models.yaml")
        try "sonet: claude-sonnet-4-5\n".write(to: models, atomically: true, encoding: .utf8)
        let output = try team.ccteam([
            "launch", "Typo", "--agent", "command", "--agent-command", "/bin/true", "--models", models.path,
        ])
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: \(models.path) names 'sonet', which is not a model tier"))
        #expect(output.stderr.contains("help: write one 'tier: model-id' line per tier"))
        #expect(!FileManager.default.fileExists(atPath: team.root.appendingPathComponent(".ccteam/teams").path))
    }
}
