import CCCore
import CCTeam
import Foundation
import Testing

/// Spending by model and by agent: what `status --json`, the launch summary and the report show.
@Suite struct SpendingTests {
    static func run(
        _ id: String, agent: String, model: String?, models: [String: RunRecord.ModelUsage]? = nil,
        usage: RunRecord.Usage = .init()
    ) -> RunRecord {
        RunRecord(
            runId: id, team: "t", agentId: agent, agentType: agent == "lead" ? "team-lead" : "worker", worktree: "/w",
            baseCommit: "abc", startedAt: Date(timeIntervalSince1970: 0), status: .succeeded, model: model,
            models: models, usage: usage)
    }

    @Test func modelUsageSplitsARunByModelAndEveryRunCountsForItsAgent() {
        let spending = Spending(runs: [
            Self.run(
                "r1", agent: "worker-1", model: "claude-sonnet-4-5",
                models: [
                    "claude-sonnet-4-5": .init(inputTokens: 100, outputTokens: 200, cacheReadTokens: 7, costUSD: 0.5),
                    "claude-haiku-4-5": .init(inputTokens: 10, outputTokens: 5, costUSD: 0.01),
                ]),
            Self.run(
                "r2", agent: "worker-1", model: "claude-sonnet-4-5",
                models: ["claude-sonnet-4-5": .init(inputTokens: 1, outputTokens: 2, costUSD: 0.25)]),
            Self.run("r3", agent: "lead", model: nil, usage: .init(inputTokens: 3, outputTokens: 4, costUSD: 0.125)),
        ])
        #expect(
            spending.byModel["claude-sonnet-4-5"]
                == .init(runs: 2, inputTokens: 101, outputTokens: 202, cacheReadTokens: 7, costUSD: 0.75))
        #expect(spending.byModel["claude-haiku-4-5"]?.runs == 1)
        // A run whose agent never named its model is filed under "unknown", not dropped.
        #expect(
            spending.byModel[Spending.unknownModel] == .init(runs: 1, inputTokens: 3, outputTokens: 4, costUSD: 0.125))
        #expect(spending.byAgent["worker-1"]?.runs == 2)
        #expect(spending.byAgent["worker-1"]?.tokens == 318)
        #expect(spending.byAgent["lead"]?.costUSD == 0.125)
    }

    @Test func linesListModelsByNameThenAgentsLeadFirst() {
        let spending = Spending(runs: [
            Self.run("r1", agent: "worker-10", model: "b-model", usage: .init(inputTokens: 1000, outputTokens: 500)),
            Self.run("r2", agent: "worker-2", model: "a-model", usage: .init(costUSD: 1.5)),
            Self.run("r3", agent: "lead", model: "a-model"),
        ])
        #expect(
            spending.lines() == [
                "by model:",
                "  a-model: 0 tokens, $1.5000 (2 runs)",
                "  b-model: 1.5k tokens, $0.0000 (1 run)",
                "by agent:",
                "  lead: 0 tokens, $0.0000 (1 run)",
                "  worker-2: 0 tokens, $1.5000 (1 run)",
                "  worker-10: 1.5k tokens, $0.0000 (1 run)",
            ])
    }

    @Test func theLaunchSummaryShowsSpendingAndWhereTheReportIs() {
        var summary = LaunchSummary(
            team: "t", state: .finished, tasks: 1, resolved: ["1"], failed: [], notStarted: [], runs: 1, tokens: 0,
            costUSD: 0, integrationBranch: "ccteam/t/integration")
        summary.spending = Spending(runs: [Self.run("r1", agent: "worker-1", model: "script")])
        summary.reportPath = "/repo/.ccteam/teams/t/report.html"
        let text = SummaryText.render(summary)
        #expect(text.contains("by model:\n  script: 0 tokens, $0.0000 (1 run)\nby agent:\n  worker-1:"))
        #expect(text.hasSuffix("Report: /repo/.ccteam/teams/t/report.html"))
    }

    @Test func reviewersSortAfterWorkersByNumber() {
        let ids = ["reviewer-2", "worker-10", "lead", "reviewer-10", "worker-1"]
        #expect(
            ids.sorted(by: TeamStatus.agentPrecedes) == ["lead", "worker-1", "worker-10", "reviewer-2", "reviewer-10"])
    }
}
