import CCTestSupport
import Foundation
import Glibc
import Testing

@testable import CCModelServer

@Suite("Model server: connections, limits and malformed requests")
struct ModelServerConnectionTests {
    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let body = messagesBody("TASK-7")
        client.send(
            "POST /v1/messages HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        )
        #expect(client.readResponse(headOnly: true)?.status == 100)
        client.send(body)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.body.contains(#""name":"Write""#))
    }

    @Test func pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsDelayed() throws {
        let script = ModelScript(scripts: [
            .init(match: "SLOW", turns: [.init(content: [.text("slow")], delayMs: 50)]),
            .init(match: "FAST", turns: [.init(content: [.text("fast")])]),
        ])
        let server = try ModelServer.start(script: script)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.post("/v1/messages", json: messagesBody("SLOW", stream: false))
        client.post("/v1/messages", json: messagesBody("FAST", stream: false))
        #expect(client.readResponse()?.body.contains(#""text":"slow""#) == true)
        #expect(client.readResponse()?.body.contains(#""text":"fast""#) == true)
    }

    @Test(
        arguments: [
            "GET /api/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/hello HTTP/1.0\r\n\r\n",
        ])
    func aClientThatDoesNotKeepAliveIsAnsweredThenDisconnected(request: String) throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(request)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "close")
        #expect(client.readUntilClosed().isEmpty)
    }

    @Test func aClientThatHalfClosesAfterItsRequestStillGetsTheAnswer() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.post("/v1/messages", json: messagesBody("TASK-7", stream: false))
        client.finishSending()
        #expect(client.readResponse()?.body.contains(#""name":"Write""#) == true)
        #expect(client.readUntilClosed().isEmpty)
    }

    @Test func aMalformedRequestGetsAJSON400AndTheConnectionCloses() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send("NOT HTTP AT ALL\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 400)
        #expect(response.headers["connection"] == "close")
        #expect(try JSONValue.parse(Data(response.body.utf8))["error"]?["type"] == "invalid_request_error")
        #expect(client.readUntilClosed().isEmpty)
    }

    @Test func headersBeyondTheLimitGetA413() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let huge = String(repeating: "a", count: ModelServer.maxHeaderBytes + 1)
        client.send("GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Huge: \(huge)\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 413)
        #expect(response.body == #"{"error":{"message":"request too large","type":"api_error"},"type":"error"}"#)
    }

    @Test func aConnectionBeyondTheLimitGetsA503() throws {
        let server = try ModelServer.start(script: sampleScript)
        defer { server.stop() }
        var clients: [RawHTTPClient] = []
        for _ in 0..<ModelServer.maxConnections {
            let client = try RawHTTPClient(port: server.port)
            client.send("GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            clients.append(client)
        }
        let oneTooMany = try RawHTTPClient(port: server.port)
        let refused = try #require(oneTooMany.readResponse())
        #expect(refused.status == 503)
        #expect(refused.body == #"{"error":{"message":"too many connections","type":"api_error"},"type":"error"}"#)
        #expect(oneTooMany.readUntilClosed().isEmpty)
        // The admitted ones are still served.
        clients[0].send("GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(clients[0].readResponse()?.status == 200)
    }

    @Test func aPortInUseIsRefusedSayingWhy() throws {
        let first = try ModelServer.start(script: sampleScript)
        defer { first.stop() }
        #expect(throws: ModelServerError.cannotListen(port: first.port, reason: "Address already in use")) {
            try ModelServer.start(script: sampleScript, port: first.port)
        }
    }

    @Test func stopIsIdempotentAndRefusesNewConnections() throws {
        let server = try ModelServer.start(script: sampleScript)
        server.stop()
        server.stop()
        #expect(throws: (any Error).self) { try RawHTTPClient(port: server.port) }
    }
}
