import CCTeam
import Foundation
import Testing

@Suite("Event lines described for people")
struct RunLogEntryTests {
    @Test(arguments: [
        (Events.initialized, ["init: model claude-test, mcp ccteam connected"]),
        (Events.said("Reading the parser.\\nThen the tests."), ["assistant: Reading the parser. …"]),
        (Events.wrote("/repo/Sources/a.swift"), ["tool: Write /repo/Sources/a.swift"]),
        (Events.toolOK, ["tool result: 1 ok"]),
        (
            #"{"type":"user","message":{"content":[{"type":"tool_result","is_error":true},{"type":"tool_result"}]}}"#,
            ["tool result: 2 sent, 1 failed"]
        ),
        (#"{"type":"system","subtype":"api_retry","attempt":3,"error_status":529}"#, ["api retry 3: HTTP 529"]),
        (Events.result(), ["result: succeeded, 1.2k tokens, $0.0123"]),
        (Events.result(error: true, input: 10, output: 5, cost: 0), ["result: failed (api_error), 15 tokens, $0.0000"]),
        (Events.raw("make: *** [all] Error 2"), ["make: *** [all] Error 2"]),
        ("not json at all", ["not json at all"]),
        (#"{"type":"system","subtype":"hook_response"}"#, ["event: system/hook_response"]),
        ("   ", []),
    ])
    func eachLineReadsAsOneSentence(line: String, expected: [String]) {
        #expect(RunLogEntry.entries(fromLine: line).map(\.text) == expected)
    }

    @Test func anAssistantMessageWithTextAndToolsGivesOneEntryEach() {
        let line =
            #"{"type":"assistant","message":{"content":[{"type":"text","text":"Fixing it"},{"type":"tool_use","name":"Bash","input":{"command":"swift test\nmore"}},{"type":"tool_use","name":"Edit","input":{"file_path":"/a.swift"}}]}}"#
        #expect(
            RunLogEntry.entries(fromLine: line).map(\.text) == [
                "assistant: Fixing it", "tool: Bash swift test", "tool: Edit /a.swift",
            ])
    }

    @Test func permissionDenialsAreCountedInTheResult() {
        let line =
            #"{"type":"result","is_error":false,"usage":{"input_tokens":1,"output_tokens":1},"total_cost_usd":0.5,"permission_denials":[{"tool_name":"Write","tool_input":{"file_path":"/etc/x"}}]}"#
        #expect(
            RunLogEntry.entries(fromLine: line).map(\.text) == [
                "result: succeeded, 2 tokens, $0.5000, 1 permission denial"
            ])
    }

    @Test func aDatedEventPrintsItsOffsetFromTheRunsStart() throws {
        let line = #"{"type":"ccteam_raw","text":"late","at":"2027-01-15T08:03:07.000Z"}"#
        let entry = try #require(RunLogEntry.entries(fromLine: line).first)
        let start = try #require(RunLogEntry.parseDateForTesting("2027-01-15T08:00:00Z"))
        #expect(RunLog.line(entry, startedAt: start) == "+3m07s  late")
        #expect(RunLog.line(RunLogEntry(kind: .raw("undated")), startedAt: start) == "undated")
    }

    /// Lines in the shape Claude Code 2.1.329 prints (recorded against `ccmodel`, trimmed): dated
    /// assistant and user events, and a result event whose `type` comes late.
    @Test func claudeCodesOwnLinesReadWithTheirOffsets() throws {
        let lines = [
            #"{"type":"assistant","message":{"content":[{"text":"Writing.","type":"text"}],"id":"msg_1","model":"m","role":"assistant","type":"message","usage":{"input_tokens":12197,"output_tokens":1}},"parent_tool_use_id":null,"session_id":"s","uuid":"u1","timestamp":"2026-11-21T09:17:50.604Z"}"#,
            #"{"type":"assistant","message":{"content":[{"id":"toolu_1","input":{"file_path":"/r/a.txt","content":"hi"},"name":"Write","type":"tool_use"}],"id":"msg_1","model":"m","role":"assistant","type":"message","usage":{"input_tokens":12197,"output_tokens":1}},"parent_tool_use_id":null,"session_id":"s","uuid":"u2","timestamp":"2026-11-21T09:17:50.610Z"}"#,
            #"{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"File created"}]},"parent_tool_use_id":null,"session_id":"s","uuid":"u3","timestamp":"2026-11-21T09:17:51.832Z"}"#,
            #"{"duration_api_ms":69,"stop_reason":"end_turn","session_id":"s","total_cost_usd":0.098292,"usage":{"input_tokens":24488,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":17},"permission_denials":[],"terminal_reason":"completed","is_error":false,"num_turns":2,"subtype":"success","result":"All done.","type":"result","uuid":"u5"}"#,
        ]
        let start = try #require(RunLogEntry.parseDateForTesting("2026-11-21T09:17:48Z"))
        #expect(
            lines.flatMap(RunLogEntry.entries(fromLine:)).map { RunLog.line($0, startedAt: start) } == [
                "+2s  assistant: Writing.", "+2s  tool: Write /r/a.txt", "+3s  tool result: 1 ok",
                "result: succeeded, 24.5k tokens, $0.0983",
            ])
    }

    @Test func toolResultsAndUnknownEventsAreNoAction() {
        #expect(RunLogEntry.entries(fromLine: Events.toolOK).first?.action == nil)
        #expect(RunLogEntry.entries(fromLine: #"{"type":"stream_event"}"#).first?.action == nil)
        #expect(RunLogEntry.entries(fromLine: Events.wrote("/x")).first?.action == "Write /x")
        #expect(RunLogEntry.entries(fromLine: Events.said("hi")).first?.action == "hi")
    }
}

extension RunLogEntry {
    static func parseDateForTesting(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }
}
