import CCProcess
import CCTestSupport
import Foundation
import Glibc
import Testing

@testable import CCModelServer

@Suite("ccmodel: shutdown and bad input")
struct ModelServerShutdownTests {
    static let hangScript = #"{"scripts": [{"match": "TASK-HANG", "turns": [{"content": [], "hang": true}]}]}"#

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalClosesEveryConnectionAndExitsZero(signal: Int32) async throws {
        let folder = try TemporaryDirectory()
        let model = try await RunningModel(script: Self.hangScript, in: folder)
        let client = try RawHTTPClient(port: model.port)
        client.post("/v1/messages", json: messagesBody("TASK-HANG"))
        #expect(client.read(until: "event: message_start").contains("event: message_start"))

        kill(model.process.pid, signal)
        let result = await model.process.wait()
        #expect(result.termination == .exited(0))
        #expect(result.stopReason == nil)
        let received = client.readUntilClosed()
        #expect(received.contains("event: message_start"))
        #expect(!received.contains("message_stop"))
    }

    @Test(arguments: [
        (["--script"], "error: --script needs a value"),
        (["--bogus"], "error: unknown argument '--bogus'"),
        (["--port", "99999", "--script", "s.json"], "error: bad port '99999'"),
        ([String](), "error: --script FILE is required"),
    ])
    func badFlagsExitTwoWithUsage(arguments: [String], error: String) async throws {
        let result = try await ProcessRunner.run(ProcessCommand(BuiltTools.path("ccmodel"), arguments))
        #expect(result.termination == .exited(2))
        #expect(
            result.output
                == error + "\nhelp: usage: ccmodel --script FILE [--port N] [--port-file FILE] [--log FILE]\n")
    }

    @Test func aBusyPortAndAnUnwritablePortFileExitTwoSayingWhatToDo() async throws {
        let folder = try TemporaryDirectory()
        let script = try folder.write("s.json", #"{"scripts": []}"#)
        let busy = try ModelServer.start(script: ModelScript(scripts: []))
        defer { busy.stop() }
        let taken = try await ProcessRunner.run(
            ProcessCommand(BuiltTools.path("ccmodel"), ["--script", script.path, "--port", "\(busy.port)"]))
        #expect(taken.termination == .exited(2))
        #expect(
            taken.output
                == "error: cannot listen on 127.0.0.1:\(busy.port): Address already in use\n"
                + "help: use --port 0 to let the system pick a free port\n")

        let noFolder = folder.url.appendingPathComponent("missing/port").path
        let unwritable = try await ProcessRunner.run(
            ProcessCommand(BuiltTools.path("ccmodel"), ["--script", script.path, "--port-file", noFolder]))
        #expect(unwritable.termination == .exited(2))
        #expect(
            unwritable.output
                == "error: cannot write the port file '\(noFolder)'\n"
                + "help: pass a --port-file path in an existing, writable folder\n")
    }
}
