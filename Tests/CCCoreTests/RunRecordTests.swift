import CCCore
import Foundation
import Testing

@Suite struct RunRecordTests {
    static let contractKeys: Set<String> = [
        "runId", "team", "agentId", "agentType", "taskId", "worktree", "branch", "baseCommit", "command",
        "startedAt", "endedAt", "exitCode", "status", "model", "requestedModel", "models", "usage", "finalText",
    ]

    static func lead() -> RunRecord {
        RunRecord(
            runId: "r1", team: "t", agentId: "lead", agentType: "team-lead", worktree: "/w", baseCommit: "abc",
            startedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func aLeadsRunWritesEveryContractKeyWithNullWhereItDoesNotApply() throws {
        let data = try JSONCoding.encoder(pretty: false).encode(Self.lead())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Self.contractKeys.isSubset(of: Set(object.keys)))
        #expect(object["taskId"] is NSNull)
        #expect(object["endedAt"] is NSNull)
        #expect(object["model"] is NSNull)
        #expect(object["models"] is NSNull)
    }

    @Test func perModelUsageRoundTripsBesideTheRequestedModel() throws {
        var record = Self.lead()
        record.model = "claude-sonnet-4-5"
        record.requestedModel = "sonnet"
        record.models = [
            "claude-sonnet-4-5": .init(
                inputTokens: 10, outputTokens: 20, cacheReadTokens: 30, cacheCreationTokens: 40, costUSD: 0.5)
        ]
        let data = try JSONCoding.encoder().encode(record)
        #expect(try JSONCoding.decoder().decode(RunRecord.self, from: data) == record)
        // The contract's cacheTokens is the sum of the two parts, written beside them.
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let usage = try #require((json["models"] as? [String: Any])?["claude-sonnet-4-5"] as? [String: Any])
        #expect(usage["cacheTokens"] as? Int == 70)
    }

    @Test func aRecordWrittenBeforeTheModelFieldsStillReads() throws {
        let old = #"""
            {"runId":"r","team":"t","agentId":"worker-1","agentType":"worker","taskId":"1","worktree":"/w",
            "baseCommit":"abc","command":[],"startedAt":"2026-01-01T00:00:00Z","status":"running",
            "usage":{"inputTokens":0,"outputTokens":0,"costUSD":0}}
            """#
        let record = try JSONCoding.decoder().decode(RunRecord.self, from: Data(old.utf8))
        #expect(record.requestedModel == nil)
        #expect(record.models == nil)
    }

    @Test func anAliasMatchesTheFullModelNameButAnotherModelIsAMismatch() {
        var record = Self.lead()
        record.requestedModel = "sonnet"
        record.model = "claude-sonnet-4-5"
        #expect(record.modelMismatch == nil)
        record.model = "claude-haiku-4-5"
        #expect(record.modelMismatch == "requested model sonnet but the agent used claude-haiku-4-5")
        record.requestedModel = nil
        #expect(record.modelMismatch == nil)
    }
}
