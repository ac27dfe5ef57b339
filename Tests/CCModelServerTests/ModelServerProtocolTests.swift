import CCTestSupport
import Foundation
import Testing

@testable import CCModelServer

/// A Messages request body like Claude Code's: a first user message, `assistantTurns` earlier
/// exchanges (assistant tool call, user tool result), and tools unless `tools` is false.
func messagesBody(_ prompt: String, assistantTurns: Int = 0, stream: Bool = true, tools: Bool = true) -> String {
    var messages: [JSONValue] = [["role": "user", "content": [["type": "text", "text": .string(prompt)]]]]
    for turn in 0..<assistantTurns {
        let id = JSONValue.string("toolu_\(turn)")
        messages.append(
            ["role": "assistant", "content": [["type": "tool_use", "id": id, "name": "Bash", "input": [:]]]])
        messages.append(["role": "user", "content": [["type": "tool_result", "tool_use_id": id, "content": "ok"]]])
    }
    var body: JSONValue = [
        "model": "claude-test", "max_tokens": 100, "stream": .bool(stream), "messages": .array(messages),
        "system": [["type": "text", "text": "You are a helpful agent."]],
    ]
    if tools, case .object(var members) = body {
        members["tools"] = [["name": "Bash", "input_schema": ["type": "object"]]]
        body = .object(members)
    }
    return body.compactText
}

let sampleScript = ModelScript(
    scripts: [
        .init(
            name: "writer", match: "TASK-7",
            turns: [
                .init(content: [.toolUse(name: "Write", input: ["file_path": "a.txt", "content": "hi"])]),
                .init(content: [.text("Checked.")]),
            ], finalText: "All done."),
        .init(
            name: "flaky", match: "TASK-FLAKY",
            turns: [.init(content: [.text("finally")], fault: .init(status: 529, times: 2))]),
        .init(name: "stuck", match: "TASK-HANG", turns: [.init(content: [.text("never")], hang: true)]),
    ], defaultReply: "side answer")

func frame(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }

func messageStart(_ number: Int, inputTokens: Int) -> String {
    frame(
        "message_start",
        #"{"message":{"content":[],"id":"msg_ccmodel_\#(number)","model":"claude-test","role":"assistant","#
            + #""stop_reason":null,"stop_sequence":null,"type":"message","usage":{"input_tokens":\#(inputTokens),"#
            + #""output_tokens":1}},"type":"message_start"}"#)
}

func textEvents(_ text: String, stopReason: String = "end_turn", outputTokens: Int) -> String {
    frame("content_block_start", #"{"content_block":{"text":"","type":"text"},"index":0,"type":"content_block_start"}"#)
        + frame(
            "content_block_delta",
            #"{"delta":{"text":"\#(text)","type":"text_delta"},"index":0,"type":"content_block_delta"}"#)
        + frame("content_block_stop", #"{"index":0,"type":"content_block_stop"}"#)
        + frame(
            "message_delta",
            #"{"delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"type":"message_delta","#
                + #""usage":{"output_tokens":\#(outputTokens)}}"#)
        + frame("message_stop", #"{"type":"message_stop"}"#)
}

@Suite("Model server: the Messages API on the wire")
struct ModelServerProtocolTests {
    @Test func aToolCallTurnStreamsExactFrames() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = messagesBody("Please do TASK-7 now")
        client.post("/v1/messages?beta=true", json: body)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/event-stream")
        let expected =
            messageStart(1, inputTokens: body.utf8.count / 4)
            + frame(
                "content_block_start",
                #"{"content_block":{"id":"toolu_ccmodel_1_0","input":{},"name":"Write","type":"tool_use"},"#
                    + #""index":0,"type":"content_block_start"}"#)
            + frame(
                "content_block_delta",
                #"{"delta":{"partial_json":"{\"content\":\"hi\",\"file_path\":\"a.txt\"}","type":"input_json_delta"},"#
                    + #""index":0,"type":"content_block_delta"}"#)
            + frame("content_block_stop", #"{"index":0,"type":"content_block_stop"}"#)
            + frame(
                "message_delta",
                #"{"delta":{"stop_reason":"tool_use","stop_sequence":null},"type":"message_delta","#
                    + #""usage":{"output_tokens":10}}"#)
            + frame("message_stop", #"{"type":"message_stop"}"#)
        #expect(response.body == expected)
    }

    @Test func theTurnIsTheNumberOfAssistantMessagesAndTheEndIsAFinalText() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let second = messagesBody("Please do TASK-7 now", assistantTurns: 1)
        client.post("/v1/messages", json: second)
        #expect(
            client.readResponse()?.body
                == messageStart(1, inputTokens: second.utf8.count / 4) + textEvents("Checked.", outputTokens: 2))
        // The same request again (a retry) gets the same turn: selection is stateless.
        client.post("/v1/messages", json: second)
        #expect(client.readResponse()?.body.contains(#""text":"Checked.""#) == true)
        let past = messagesBody("Please do TASK-7 now", assistantTurns: 5)
        client.post("/v1/messages", json: past)
        #expect(
            client.readResponse()?.body
                == messageStart(3, inputTokens: past.utf8.count / 4) + textEvents("All done.", outputTokens: 2))
    }

    @Test func aNonStreamingRequestGetsOneJSONMessage() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = messagesBody("TASK-7", stream: false)
        client.post("/v1/messages", json: body)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(
            response.body
                == #"{"content":[{"id":"toolu_ccmodel_1_0","input":{"content":"hi","file_path":"a.txt"},"name":"Write","#
                + #""type":"tool_use"}],"id":"msg_ccmodel_1","model":"claude-test","role":"assistant","#
                + #""stop_reason":"tool_use","stop_sequence":null,"type":"message","#
                + #""usage":{"input_tokens":\#(body.utf8.count / 4),"output_tokens":10}}"#)
    }

    @Test func cwdPlaceholdersBecomeTheAgentsWorkingDirectory() throws {
        let script = ModelScript(scripts: [
            .init(
                match: "TASK-CWD",
                turns: [
                    .init(content: [
                        .text("in {{cwd}}"), .toolUse(name: "Write", input: ["file_path": "{{cwd}}/a.txt", "n": 1]),
                    ])
                ])
        ])
        let server = try ModelServer.start(script: script)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        var body = try JSONValue.parse(Data(messagesBody("TASK-CWD", stream: false).utf8))
        if case .object(var members) = body, case .array(var messages) = members["messages"] {
            messages.append(
                [
                    "role": "system",
                    "content": [["type": "text", "text": "# Env\n - Primary working directory: /w/t 1\n"]],
                ])
            members["messages"] = .array(messages)
            body = .object(members)
        }
        client.post("/v1/messages", json: body.compactText)
        let reply = try JSONValue.parse(Data(try #require(client.readResponse()).body.utf8))
        #expect(
            reply["content"]
                == [
                    ["type": "text", "text": "in /w/t 1"],
                    [
                        "type": "tool_use", "id": "toolu_ccmodel_1_1", "name": "Write",
                        "input": ["file_path": "/w/t 1/a.txt", "n": 1],
                    ],
                ])
    }

    @Test func requestsWithoutToolsOrAMatchGetTheDefaultReply() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        // A side request quoting the task (a title, say) offers no tools: it must not consume a turn.
        client.post("/v1/messages", json: messagesBody("Write a title for: TASK-7", tools: false))
        #expect(client.readResponse()?.body.contains(#""text":"side answer""#) == true)
        client.post("/v1/messages", json: messagesBody("something else entirely"))
        #expect(client.readResponse()?.body.contains(#""text":"side answer""#) == true)
    }

    @Test func aFaultFailsTheGivenNumberOfTimesPerConversationThenAnswers() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = messagesBody("TASK-FLAKY")
        for _ in 0..<2 {
            client.post("/v1/messages", json: body, headers: ["X-Claude-Code-Session-Id: one"])
            let failure = try #require(client.readResponse())
            #expect(failure.status == 529)
            #expect(failure.headers["x-should-retry"] == "true")
            #expect(
                failure.body == #"{"error":{"message":"scripted fault 529","type":"overloaded_error"},"type":"error"}"#)
        }
        client.post("/v1/messages", json: body, headers: ["X-Claude-Code-Session-Id: one"])
        #expect(client.readResponse()?.status == 200)
        // Another conversation gets its own faults.
        client.post("/v1/messages", json: body, headers: ["X-Claude-Code-Session-Id: two"])
        #expect(client.readResponse()?.status == 529)
    }

    @Test func countTokensOtherPathsAndBadBodiesAreAnswered() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = messagesBody("TASK-7")
        client.post("/v1/messages/count_tokens?beta=true", json: body)
        #expect(client.readResponse()?.body == #"{"input_tokens":\#(body.utf8.count / 4)}"#)
        client.send("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
        let missing = try #require(client.readResponse())
        #expect(missing.status == 404)
        #expect(
            missing.body
                == #"{"error":{"message":"no such endpoint: GET /v1/models","type":"not_found_error"},"type":"error"}"#)
        client.send("GET /v1/messages HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponse()?.status == 405)
        client.post("/v1/messages", json: "{not json")
        #expect(client.readResponse()?.status == 400)
        client.send("HEAD /api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponse(headOnly: true)?.status == 200)
    }

    @Test func aChunkedRequestBodyOnAKeptAliveConnectionIsRead() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = Array(messagesBody("TASK-7", assistantTurns: 1).utf8)
        let half = body.count / 2
        let chunks = [Array(body[..<half]), Array(body[half...])].map { piece in
            String(piece.count, radix: 16) + ";ext=1\r\n" + String(decoding: piece, as: UTF8.self) + "\r\n"
        }
        client.send(
            "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks.joined()
                + "0\r\nX-Trailer: yes\r\n\r\n")
        #expect(client.readResponse()?.body.contains(#""text":"Checked.""#) == true)
        // The same connection serves the next request.
        client.post("/v1/messages", json: messagesBody("TASK-7"))
        #expect(client.readResponse()?.body.contains(#""name":"Write""#) == true)
    }

    @Test func aHangingTurnStartsTheStreamAndNeverFinishesUntilStopped() throws {
        let server = try ModelServer.start(script: sampleScript)
        let client = try RawHTTPClient(port: server.port)
        client.post("/v1/messages", json: messagesBody("TASK-HANG"))
        Thread.sleep(forTimeInterval: 0.3)
        server.stop()
        let received = client.readUntilClosed()
        #expect(received.contains("event: message_start"))
        #expect(!received.contains("content_block_start"))
        #expect(!received.contains("message_stop"))
    }

    @Test func theLogHasOneLinePerRequest() throws {
        let folder = try TemporaryDirectory()
        let log = folder.url.appendingPathComponent("requests.log").path
        let server = try ModelServer.start(script: sampleScript, logPath: log)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.post("/v1/messages?beta=true", json: messagesBody("TASK-7"), headers: ["X-Claude-Code-Session-Id: s1"])
        _ = client.readResponse()
        let lines = try folder.read("requests.log").split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasSuffix(
                "request=POST_/v1/messages?beta=true session=s1 model=claude-test stream=true script=writer turn=0"
                    + " reply=tool_use:Write") == true)
    }
}

@Suite("Model server: scripts and options")
struct ModelScriptTests {
    @Test func aScriptFileIsReadWithDefaults() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write(
            "script.json",
            #"""
            {"scripts": [{"match": "goal", "turns": [
              {"content": [{"type": "text", "text": "hi"}, {"type": "tool_use", "name": "Bash", "input": {"command": "ls"}}],
               "delayMs": 5, "fault": {"status": 500, "times": 1, "shouldRetry": false}}]}]}
            """#)
        let script = try ModelScript.load(from: file.path)
        #expect(
            script
                == ModelScript(scripts: [
                    .init(
                        match: "goal",
                        turns: [
                            .init(
                                content: [.text("hi"), .toolUse(name: "Bash", input: ["command": "ls"])], delayMs: 5,
                                fault: .init(status: 500, times: 1, shouldRetry: false))
                        ])
                ]))
    }

    @Test(arguments: [
        (#"{"scripts": [{"match": "", "turns": []}]}"#, "script '?' has an empty match"),
        (#"{"scripts": [{"turns": []}]}"#, "missing 'match' at scripts.0"),
        (
            #"{"scripts": [{"match": "x", "turns": [{"content": [{"type": "image"}]}]}]}"#,
            "unknown block type 'image' (text, tool_use)"
        ),
    ])
    func aBadScriptSaysWhatIsWrong(text: String, reason: String) throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("script.json", text)
        #expect(throws: ModelServerError.scriptUnreadable(path: file.path, reason: reason)) {
            try ModelScript.load(from: file.path)
        }
    }

    @Test func optionsAreParsed() throws {
        #expect(
            try ServerOptions.parse(["--script", "s.json", "--port", "8080", "--log", "l", "--port-file", "p"])
                == ServerOptions(scriptPath: "s.json", port: 8080, portFile: "p", logPath: "l"))
        #expect(throws: ModelServerError.badArguments("--script FILE is required")) {
            try ServerOptions.parse(["--port", "0"])
        }
        #expect(throws: ModelServerError.badArguments("unknown argument '--bogus'")) {
            try ServerOptions.parse(["--bogus"])
        }
    }
}
