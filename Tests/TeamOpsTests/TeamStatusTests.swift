import CCCore
import CCProcess
import CCTeam
import Foundation
import Testing

@Suite("ccteam status: a snapshot built from the team's files")
struct TeamStatusTests {
    /// Two tasks, a lead run, two runs of worker-1 (the later one counts) and an idle worker-2.
    static func populated() throws -> OpsFixture {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .finished, workers: 2, goal: "Add a --verbose flag\nwith tests")
        let store = fixture.location.store()
        try store.create(subject: "Parse the flag")
        try store.create(subject: "Document it", blockedBy: ["1"])
        try fixture.writeRun(
            "lead-1", agent: "lead", task: nil, seconds: 30,
            usage: RunRecord.Usage(inputTokens: 500, outputTokens: 100, costUSD: 0.01), events: [Events.said("Planned")]
        )
        try fixture.writeRun(
            "w1-a", status: .failed, startOffset: 40, seconds: 20,
            usage: RunRecord.Usage(inputTokens: 100, outputTokens: 0, costUSD: 0.001))
        try fixture.writeRun(
            "w1-b", status: .succeeded, startOffset: 70, seconds: 125,
            usage: RunRecord.Usage(inputTokens: 1000, outputTokens: 234, costUSD: 0.0123),
            events: [Events.initialized, Events.wrote("/repo/Sources/Flag.swift"), Events.toolOK])
        return fixture
    }

    @Test func eachAgentShowsItsLatestRunAndTotalsCountEveryRun() throws {
        let fixture = try Self.populated()
        let now = OpsFixture.start.addingTimeInterval(3600)
        let status = try TeamStatus.load(fixture.location, now: now)
        #expect(status.agents.map(\.agentId) == ["lead", "worker-1", "worker-2"])
        let worker = status.agents[1]
        #expect(worker.runId == "w1-b")
        #expect(worker.status == .succeeded)
        #expect(worker.taskSubject == "Parse the flag")
        #expect(worker.elapsedSeconds == 125)
        #expect(worker.lastAction == "Write /repo/Sources/Flag.swift")
        #expect(worker.taskStatus == .open)
        #expect(status.agents[2] == TeamStatus.Agent(agentId: "worker-2"))
        #expect(
            status.totals
                == TeamStatus.Totals(runs: 3, running: 0, inputTokens: 1600, outputTokens: 334, costUSD: 0.0233))
        #expect(status.tasks.total == 2 && status.tasks.ready == 1 && status.tasks.blocked == 1)
        #expect(status.isActive == false)
    }

    @Test func rendersTheTeamItsTasksTheTableAndTotals() throws {
        let fixture = try Self.populated()
        let status = try TeamStatus.load(fixture.location, now: OpsFixture.start.addingTimeInterval(3600))
        #expect(
            status.render(width: 100) == """
                team demo: finished (no launcher)
                goal: Add a --verbose flag
                integration branch: ccteam/demo/integration (base \(fixture.base.prefix(12)))
                tasks: 2 total, 2 open (1 ready, 1 blocked), 0 in progress, 0 resolved, 0 failed
                WORKER    TASK               STATE  ELAPSED  TOKENS     COST  LAST ACTION
                lead      -                  done       30s     600  $0.0100  Planned
                worker-1  #1 Parse the flag  done     2m05s    1.2k  $0.0123  Write /repo/Sources/Flag.swift
                worker-2  -                  idle         -       0  $0.0000
                totals: 3 runs (0 running), 1.9k tokens, $0.0233
                by model:
                  unknown: 1.9k tokens, $0.0233 (3 runs)
                by agent:
                  lead: 600 tokens, $0.0100 (1 run)
                  worker-1: 1.3k tokens, $0.0133 (2 runs)
                latest runs ('ccteam logs RUN-ID' prints one):
                  lead      lead-1
                  worker-1  w1-b
                """)
    }

    @Test func aSucceededRunWhoseTaskIsStillInProgressIsBeingVerified() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .running, workers: 1)
        let store = fixture.location.store()
        try store.create(subject: "Parse the flag")
        try store.update("1", TaskChange(status: .inProgress, owner: "worker-1"))
        try fixture.writeRun("w1", status: .succeeded)
        let status = try TeamStatus.load(fixture.location)
        #expect(status.agents[0].taskStatus == .inProgress)
        #expect(status.agents[0].workerStatus(now: Date()).state == .verifying)
    }

    @Test func theJSONFormRoundTrips() throws {
        let fixture = try Self.populated()
        let status = try TeamStatus.load(fixture.location, now: OpsFixture.start.addingTimeInterval(3600))
        let decoded = try JSONCoding.decoder().decode(TeamStatus.self, from: Data(try status.json().utf8))
        #expect(decoded == status)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.json().utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "team", "goal", "state", "launcherAlive", "integrationBranch", "baseCommit", "workers", "tasks",
                "agents", "totals", "at", "confined", "spending", "modelWarnings",
            ])
    }

    @Test func aRunningTeamWhoseLauncherDiedSaysSoAndIsNotActive() throws {
        let fixture = try OpsFixture()
        let sleeper = try startSleeper()
        let pid = sleeper.pid
        sleeper.stop()
        _ = sleeper.waitBlocking()
        try fixture.writeTeam(state: .running, workers: 1, launcherPID: pid)
        try fixture.writeRun("w1", status: .running, seconds: nil, events: [Events.raw("compiling")])
        let status = try TeamStatus.load(fixture.location, now: OpsFixture.start.addingTimeInterval(42))
        #expect(!status.launcherAlive && !status.isActive)
        #expect(status.agents[0].elapsedSeconds == 42)
        #expect(status.totals.running == 1)
        let text = status.render()
        #expect(text.hasPrefix("team demo: running (launcher pid \(pid) not running)\n"))
        #expect(text.contains("\nwarning: the launcher is gone but the team is still marked running: "))
        #expect(text.contains("worker-1  #1    running      42s       0  $0.0000  compiling"))
    }

    @Test func aRunningRunCountsTheTokensItsEventsShowSoFar() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .running, workers: 1)
        func message(_ id: String, input: Int, output: Int, block: String) -> String {
            #"{"type":"assistant","message":{"id":"\#(id)","usage":{"input_tokens":\#(input),"cache_read_input_tokens":10,"output_tokens":\#(output)},"content":[\#(block)]}}"#
        }
        let text = #"{"type":"text","text":"hi"}"#
        let tool = #"{"type":"tool_use","name":"Read","input":{"file_path":"/a"}}"#
        try fixture.writeRun(
            "live", status: .running, seconds: nil,
            events: [
                Events.initialized,
                // One message split over two events with the same id counts once.
                message("m1", input: 100, output: 5, block: text), message("m1", input: 100, output: 20, block: tool),
                Events.toolOK, message("m2", input: 300, output: 40, block: text),
            ])
        let status = try TeamStatus.load(fixture.location)
        #expect(status.agents[0].inputTokens == 420 && status.agents[0].outputTokens == 60)
        #expect(status.totals.inputTokens == 420 && status.totals.outputTokens == 60)
        #expect(status.agents[0].costUSD == 0)
    }

    @Test func aLiveLauncherMakesTheTeamActive() throws {
        let fixture = try OpsFixture()
        let sleeper = try startSleeper()
        defer { sleeper.stop() }
        try fixture.writeTeam(state: .running, launcherPID: sleeper.pid)
        let status = try TeamStatus.load(fixture.location)
        #expect(status.launcherAlive && status.isActive)
    }

    @Test func watchingAFinishedTeamDrawsOnceOffATerminal() throws {
        let fixture = try Self.populated()
        var blocks: [String] = []
        try StatusWatch(location: fixture.location, isTerminal: false).run { blocks.append($0) }
        #expect(blocks.count == 1)
        #expect(blocks[0].hasPrefix("team demo: finished"))
    }

    @Test func watchingOnATerminalRedrawsInPlaceUntilTheTeamStops() throws {
        let fixture = try OpsFixture()
        let sleeper = try startSleeper()
        defer { sleeper.stop() }
        try fixture.writeTeam(state: .running, workers: 1, launcherPID: sleeper.pid)
        let finisher = Thread {
            Thread.sleep(forTimeInterval: 0.25)
            _ = try? fixture.writeTeam(state: .stopped, workers: 1, launcherPID: nil)
        }
        finisher.start()
        var blocks: [String] = []
        try StatusWatch(location: fixture.location, interval: 0.1, isTerminal: true).run { blocks.append($0) }
        #expect(blocks.count >= 2)
        #expect(!blocks[0].hasPrefix("\r"))
        // Each redraw moves up over the previous drawing: 7 lines and the newline after them.
        #expect(blocks[1].hasPrefix(StatusBoard.rewind(lineCount: 8) + "team demo: running"))
        #expect(blocks.last?.contains("team demo: stopped (no launcher)") == true)
    }

    @Test func onANarrowTerminalNoLineWraps() throws {
        let fixture = try Self.populated()
        try fixture.writeTeam(state: .finished, goal: String(repeating: "long goal ", count: 20))
        var blocks: [String] = []
        try StatusWatch(location: fixture.location, isTerminal: true, width: 60).run { blocks.append($0) }
        let lines = try #require(blocks.first).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count < 60 })
        #expect(lines[1].hasSuffix("…"))
    }

    @Test func noTeamFileMeansNoTeam() throws {
        let fixture = try OpsFixture()
        #expect(throws: ToolError.self) { try TeamStatus.load(fixture.location) }
    }
}
