import CCCore
import CCProcess
import CCTeam
import Foundation
import Testing

@Suite("ccteam logs: a run's stream, whole or followed")
struct RunLogTests {
    @Test func aFailedRunPrintsItsEventsThenStderrsTailThenHowItEnded() throws {
        let fixture = try OpsFixture()
        try fixture.writeRun(
            "run-a", status: .failed, usage: RunRecord.Usage(inputTokens: 1000, outputTokens: 200, costUSD: 0.0123),
            events: [Events.initialized, Events.wrote("/src/a.swift"), Events.toolOK, Events.result(error: true)],
            stderr: (1...25).map { "line \($0)" }.joined(separator: "\n") + "\n")
        var lines: [String] = []
        try RunLog(runs: fixture.runs, runID: "run-a", stderrLines: 2).print(follow: false) { lines.append($0) }
        #expect(
            lines == [
                "run run-a: worker-1, task #1, started 2027-01-15T08:00:00.000Z",
                "init: model claude-test, mcp ccteam connected",
                "tool: Write /src/a.swift",
                "tool result: 1 ok",
                "result: failed (api_error), 1.2k tokens, $0.0123",
                "stderr.log (last 2 lines):",
                "  line 24",
                "  line 25",
                "status: failed (exit 1), 1m05s, 1.2k tokens, $0.0123",
            ])
    }

    @Test func aRunOnAnotherModelThanAskedForEndsWithAWarning() throws {
        let fixture = try OpsFixture()
        var run = try fixture.writeRun("run-m", events: [Events.said("done")])
        run.requestedModel = "opus"
        run.model = "claude-sonnet-4-5"
        try fixture.runs.save(run)
        var lines: [String] = []
        try RunLog(runs: fixture.runs, runID: "run-m").print(follow: false) { lines.append($0) }
        #expect(lines.last == "warning: requested model opus but the agent used claude-sonnet-4-5")
    }

    @Test func aSucceededRunLeavesStderrOut() throws {
        let fixture = try OpsFixture()
        try fixture.writeRun("run-b", task: nil, events: [Events.said("done")], stderr: "noise\n")
        var lines: [String] = []
        try RunLog(runs: fixture.runs, runID: "run-b").print(follow: false) { lines.append($0) }
        #expect(
            lines == [
                "run run-b: worker-1, started 2027-01-15T08:00:00.000Z", "assistant: done",
                "status: succeeded (exit 0), 1m05s, 0 tokens, $0.0000",
            ])
    }

    @Test func aUniquePrefixNamesARunAndAnAmbiguousOneIsRefused() throws {
        let fixture = try OpsFixture()
        try fixture.writeRun("worker-1-7f3a")
        try fixture.writeRun("worker-1-7f4b")
        #expect(try fixture.runs.resolve("worker-1-7f3").runId == "worker-1-7f3a")
        #expect(throws: RunLookupError.ambiguous("worker-1-7f", matches: ["worker-1-7f3a", "worker-1-7f4b"])) {
            try fixture.runs.resolve("worker-1-7f")
        }
        #expect(throws: RunLookupError.unknownRun("nope")) { try fixture.runs.resolve("nope") }
        try fixture.writeRun("aa-older", agent: "worker-2", startOffset: 0)
        try fixture.writeRun("zz-newer", agent: "worker-2", startOffset: 100)
        #expect(try fixture.runs.resolve("worker-2").runId == "zz-newer")
        #expect(throws: RunLookupError.invalidID("../x")) { try fixture.runs.resolve("../x") }
    }

    @Test func followingPrintsNewEventsUntilTheRecordTurnsFinal() throws {
        let fixture = try OpsFixture()
        let sleeper = try startSleeper()
        defer { sleeper.stop() }
        let run = try fixture.writeRun(
            "run-live", status: .running, seconds: nil, pid: sleeper.pid, events: [Events.said("one")])
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            try? fixture.append([Events.said("two")], to: "run-live")
            Thread.sleep(forTimeInterval: 0.3)
            try? fixture.append([Events.result()], to: "run-live")
            var finished = run
            finished.status = .succeeded
            finished.endedAt = OpsFixture.start.addingTimeInterval(10)
            finished.exitCode = 0
            try? fixture.runs.save(finished)
        }
        writer.start()
        var lines: [String] = []
        try RunLog(runs: fixture.runs, runID: "run-live", pollInterval: 0.05).print(follow: true) { lines.append($0) }
        #expect(
            lines == [
                "run run-live: worker-1, task #1, started 2027-01-15T08:00:00.000Z", "assistant: one", "assistant: two",
                "result: succeeded, 1.2k tokens, $0.0123", "status: succeeded (exit 0), 10s, 0 tokens, $0.0000",
            ])
    }

    @Test func followingARunWhoseProcessIsGoneStopsWithANote() throws {
        let fixture = try OpsFixture()
        let sleeper = try startSleeper()
        let pid = sleeper.pid
        sleeper.stop()
        _ = sleeper.waitBlocking()
        try fixture.writeRun("run-dead", status: .running, seconds: nil, pid: pid, events: [Events.said("last words")])
        var lines: [String] = []
        try RunLog(runs: fixture.runs, runID: "run-dead", pollInterval: 0.05).print(follow: true) { lines.append($0) }
        #expect(lines.count == 4)
        #expect(lines[1] == "assistant: last words")
        #expect(lines[2].hasPrefix("status: running, "))
        #expect(
            lines[3]
                == "note: the record says running, but neither its process nor the team's launcher is alive; 'ccteam stop --team demo' marks it killed"
        )
    }
}
