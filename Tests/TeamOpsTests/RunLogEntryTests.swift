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
