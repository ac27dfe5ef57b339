import CCCore
import CCProcess
import CCTeam
import Foundation
import Testing

@Suite("ccteam stop: through the launcher, or by hand when it is gone")
struct TeamStopperTests {
    @Test func aLiveLauncherGetsSIGTERMAndTheTeamIsMarkedStopped() throws {
        let fixture = try OpsFixture()
        let launcher = try startSleeper()
        defer { launcher.stop() }
        try fixture.writeTeam(
            state: .running, launcherPID: launcher.pid, launcherStartTicks: try startTicks(of: launcher.pid))
        let report = try TeamStopper(location: fixture.location, launcherGrace: 10).stopTeam()
        #expect(
            report == [
                "stopped the launcher of team 'demo' (pid \(launcher.pid))",
                "marked team 'demo' stopped ('ccteam resume --team demo' continues it)",
            ])
        #expect(launcher.waitBlocking().termination == .signaled(SIGTERM))
        let config = try TeamConfig.load(root: fixture.root, team: "demo")
        #expect(config.state == .stopped && config.launcherPID == nil && config.launcherStartTicks == nil)
    }

    /// The launcher died and the kernel gave its pid to another process: that one is left alone.
    @Test func aLauncherPidNowHeldByAnotherProcessIsNotSignalled() throws {
        let fixture = try OpsFixture()
        let stranger = try startSleeper()
        defer { stranger.stop() }
        let otherStart = try startTicks(of: stranger.pid) + 1
        try fixture.writeTeam(state: .running, launcherPID: stranger.pid, launcherStartTicks: otherStart)
        #expect(try !TeamConfig.load(root: fixture.root, team: "demo").launcherIsAlive)
        let report = try TeamStopper(location: fixture.location, launcherGrace: 1).stopTeam()
        #expect(report == ["marked team 'demo' stopped ('ccteam resume --team demo' continues it)"])
        #expect(exists(stranger.pid) && stranger.result == nil)
    }

    @Test func aRunPidNowHeldByAnotherProcessIsNotSignalled() throws {
        let fixture = try OpsFixture()
        let stranger = try startSleeper()
        defer { stranger.stop() }
        try fixture.writeTeam(state: .running, launcherPID: nil)
        try fixture.writeRun(
            "gone", status: .running, seconds: nil, pid: stranger.pid,
            pidStartTicks: try startTicks(of: stranger.pid) + 1)
        let report = try TeamStopper(location: fixture.location, agentGrace: 1, sweepLeftovers: { _ in [] })
            .stopTeam()
        #expect(
            report == [
                "stopped worker-1's run gone (pid \(stranger.pid), already gone), marked killed",
                "marked team 'demo' stopped ('ccteam resume --team demo' continues it)",
            ])
        #expect(exists(stranger.pid) && stranger.result == nil)
        let record = try fixture.runs.load("gone")
        #expect(record.status == .killed && record.pid == nil && record.pidStartTicks == nil)
    }

    @Test func withTheLauncherGoneEachRunningRunIsKilledSweptAndRecorded() throws {
        let fixture = try OpsFixture()
        let runID = "run-\(UUID().uuidString.prefix(8))"
        let agent = try startSleeper(environment: [Identity.Variable.runID: runID])
        // A process that left the agent's group (as the Bash tool's commands do) but carries its run id.
        let leftover = try startSleeper(environment: [Identity.Variable.runID: runID])
        defer {
            agent.stop()
            leftover.stop()
        }
        try fixture.writeTeam(state: .running, launcherPID: nil)
        try fixture.writeRun(runID, status: .running, seconds: nil, pid: agent.pid)
        try fixture.writeRun("old", status: .succeeded)
        let report = try TeamStopper(location: fixture.location, agentGrace: 5).stopTeam()
        #expect(
            report == [
                "stopped worker-1's run \(runID) (pid \(agent.pid): SIGTERM, killed 1 leftover process(es)), marked killed",
                "marked team 'demo' stopped ('ccteam resume --team demo' continues it)",
            ])
        #expect(agent.waitBlocking().termination == .signaled(SIGTERM))
        #expect(leftover.waitBlocking().termination == .signaled(SIGKILL))
        let record = try fixture.runs.load(runID)
        #expect(record.status == .killed && record.pid == nil && record.endedAt != nil)
        #expect(try fixture.runs.load("old").status == .succeeded)
    }

    @Test func aRunWithNoRecordedPidIsReachedByItsRunID() throws {
        let fixture = try OpsFixture()
        let launcher = try startSleeper()
        let runID = "run-\(UUID().uuidString.prefix(8))"
        let agent = try startSleeper(environment: [Identity.Variable.runID: runID])
        defer {
            launcher.stop()
            agent.stop()
        }
        try fixture.writeTeam(state: .running, launcherPID: launcher.pid)
        try fixture.writeRun(runID, agent: "worker-2", status: .running, seconds: nil, pid: nil)
        #expect(
            try TeamStopper(location: fixture.location).stopAgent("worker-2") == [
                "stopped worker-2's run \(runID) (SIGTERM to 1 process(es) carrying its run id)"
            ])
        #expect(agent.waitBlocking().termination == .signaled(SIGTERM))
        #expect(
            try TeamStopper(location: fixture.location).stopAgent("worker-2") == [
                "stopped worker-2's run \(runID) (no process left)"
            ])
    }

    @Test func anAgentIgnoringSIGTERMIsKilledAfterTheGrace() throws {
        let fixture = try OpsFixture()
        // It says when its trap is set, so SIGTERM cannot arrive before.
        let ready = DispatchSemaphore(value: 0)
        let stubborn = try SupervisedProcess.start(
            ProcessCommand("/bin/sh", ["-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"]),
            limits: ProcessLimits(timeout: .seconds(60), grace: .milliseconds(100))
        ) { _ in ready.signal() }
        defer { stubborn.stop() }
        #expect(ready.wait(timeout: .now() + 30) == .success)
        try fixture.writeTeam(state: .stopped, launcherPID: nil)
        try fixture.writeRun("stubborn", status: .running, seconds: nil, pid: stubborn.pid)
        let report = try TeamStopper(location: fixture.location, agentGrace: 0.3, sweepLeftovers: { _ in [] })
            .stopTeam()
        #expect(report == ["stopped worker-1's run stubborn (pid \(stubborn.pid): SIGTERM, SIGKILL), marked killed"])
        #expect(stubborn.waitBlocking().termination == .signaled(SIGKILL))
    }

    @Test func nothingRunningIsSaidPlainly() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .finished)
        try fixture.writeRun("done", status: .succeeded)
        #expect(try TeamStopper(location: fixture.location).stopTeam() == ["nothing is running in team 'demo'"])
        #expect(try TeamConfig.load(root: fixture.root, team: "demo").state == .finished)
    }

    @Test func stoppingOneAgentWhileTheLauncherLivesOnlySignalsItsRun() throws {
        let fixture = try OpsFixture()
        let launcher = try startSleeper()
        let agent = try startSleeper()
        defer {
            launcher.stop()
            agent.stop()
        }
        try fixture.writeTeam(state: .running, launcherPID: launcher.pid)
        try fixture.writeRun("w2-run", agent: "worker-2", status: .running, seconds: nil, pid: agent.pid)
        let stopper = TeamStopper(location: fixture.location, sweepLeftovers: { _ in [] })
        #expect(try stopper.stopAgent("worker-2") == ["stopped worker-2's run w2-run (pid \(agent.pid): SIGTERM)"])
        #expect(agent.waitBlocking().termination == .signaled(SIGTERM))
        // The launcher records the outcome, not us; and it is still running.
        #expect(try fixture.runs.load("w2-run").status == .running)
        #expect(launcher.result == nil)
        #expect(try stopper.stopAgent("worker-1") == ["worker-1 has no running run in team 'demo'"])
    }

    @Test func anUnknownAgentIsAUsageError() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(workers: 2)
        #expect {
            try TeamStopper(location: fixture.location).stopAgent("worker-9")
        } throws: { error in
            (error as? ToolError)?.message == "team 'demo' has no agent 'worker-9'"
                && (error as? ToolError)?.help
                    == "its agents are lead and worker-1 ... worker-2; 'ccteam status' shows them"
        }
    }
}
