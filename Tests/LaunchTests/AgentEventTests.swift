import CCCore
import CCTeam
import Testing

@Suite struct AgentEventTests {
    @Test func readsTheInitEventsModelAndMCPServers() {
        let line =
            #"{"type":"system","subtype":"init","model":"claude-sonnet-4-5","mcp_servers":[{"name":"ccteam","status":"connected"}]}"#
        #expect(
            AgentEvent(line: line)
                == .initialized(
                    model: "claude-sonnet-4-5", mcpServers: [.init(name: "ccteam", status: "connected")]))
    }

    @Test func summarisesToolCallsByTheirMostTellingArgument() {
        let line = #"""
            {"type":"assistant","message":{"content":[{"type":"text","text":"Writing it."},
            {"type":"tool_use","id":"t1","name":"Write","input":{"file_path":"/w/src/a.swift","content":"x"}},
            {"type":"tool_use","id":"t2","name":"Bash","input":{"command":"swift test\nsecond line"}}]}}
            """#
        #expect(
            AgentEvent(line: line)
                == .assistant(
                    texts: ["Writing it."],
                    toolUses: [
                        .init(name: "Write", summary: "/w/src/a.swift"), .init(name: "Bash", summary: "swift test"),
                    ]
                ))
    }

    @Test func countsFailedToolResults() {
        let line =
            #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true},{"type":"tool_result","tool_use_id":"t2"}]}}"#
        #expect(AgentEvent(line: line) == .toolResults(count: 2, errors: 1))
    }

    @Test func readsUsageCostAndRefusalsFromTheResult() throws {
        let line = #"""
            {"type":"result","subtype":"success","is_error":false,"result":"Done: /w/a.txt","total_cost_usd":0.0123,
            "usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":7},"terminal_reason":"completed",
            "permission_denials":[{"tool_name":"Write","tool_use_id":"t","tool_input":{"file_path":"/etc/passwd"}}]}
            """#
        guard case .result(let result) = AgentEvent(line: line) else {
            Issue.record("not a result event")
            return
        }
        #expect(result.isError == false)
        #expect(result.finalText == "Done: /w/a.txt")
        #expect(result.inputTokens == 15)
        #expect(result.outputTokens == 7)
        #expect(result.costUSD == 0.0123)
        #expect(result.permissionDenials == ["Write /etc/passwd"])
    }

    @Test func aResultWithoutIsErrorCountsAsAnError() throws {
        guard case .result(let result) = AgentEvent(line: #"{"type":"result"}"#) else {
            Issue.record("not a result event")
            return
        }
        #expect(result.isError)
    }

    @Test(arguments: ["", "not json", "[1,2]", #"{"no":"type"}"#])
    func linesThatAreNotEventsAreNotParsed(line: String) {
        #expect(AgentEvent(line: line) == nil)
    }

    @Test func unknownEventsAreKeptByType() {
        #expect(
            AgentEvent(line: #"{"type":"system","subtype":"compact_boundary"}"#) == .other("system/compact_boundary"))
    }
}

@Suite struct AgentModelUsageTests {
    @Test func readsPerModelTokensAndCostFromModelUsage() throws {
        let line = #"""
            {"type":"result","subtype":"success","is_error":false,"result":"ok","total_cost_usd":0.03,
            "modelUsage":{"claude-sonnet-4-5":{"inputTokens":12,"outputTokens":300,"cacheReadInputTokens":40,
            "cacheCreationInputTokens":5,"costUSD":0.025},
            "claude-haiku-4-5":{"inputTokens":3,"outputTokens":9,"costUSD":0.005}}}
            """#
        guard case .result(let result)? = AgentEvent(line: line) else {
            Issue.record("not a result event")
            return
        }
        #expect(
            result.models["claude-sonnet-4-5"]
                == .init(
                    inputTokens: 12, outputTokens: 300, cacheReadTokens: 40, cacheCreationTokens: 5, costUSD: 0.025))
        #expect(result.models["claude-haiku-4-5"]?.outputTokens == 9)
        #expect(result.mainModel == "claude-sonnet-4-5")
    }
}
