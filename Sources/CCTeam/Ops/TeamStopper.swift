import CCCore
import CCProcess
public import Foundation

/// `ccteam stop`: ends a team (through its launcher while it lives, by hand when it is gone) or
/// one agent's current run.
///
/// The launcher owns its runs: while it lives, the stopper only signals it (or one agent) and lets
/// the launcher record the outcome. When the launcher died without cleaning up (SIGKILL, a crash),
/// nobody else will, so the stopper ends each run still marked `running` itself (SIGTERM to its
/// process group, then SIGKILL, then every process carrying its `CCTEAM_RUN_ID`), marks it
/// `killed` and the team `stopped`.
public struct TeamStopper: Sendable {
    /// The team to stop.
    public var location: TeamLocation
    /// How long the launcher gets to wind down after SIGTERM.
    public var launcherGrace: TimeInterval
    /// How long an agent's process group gets after SIGTERM before SIGKILL.
    public var agentGrace: TimeInterval
    /// Kills what is left of a run by its `CCTEAM_RUN_ID` (processes that left the group);
    /// returns the ids it killed.
    public var sweepLeftovers: @Sendable (_ runID: String) -> [Int32]
    /// Finds the processes carrying `CCTEAM_RUN_ID=<runID>`: how a run with no recorded pid is
    /// reached (they get SIGTERM first, like a process group would).
    public var carriers: @Sendable (_ runID: String) -> [Int32]

    /// A stopper with the default grace periods (30 s for the launcher, 10 s per agent) and the
    /// `/proc` leftover sweep.
    public init(
        location: TeamLocation, launcherGrace: TimeInterval = 30, agentGrace: TimeInterval = 10,
        sweepLeftovers: @escaping @Sendable (_ runID: String) -> [Int32] = TeamStopper.killLeftovers,
        carriers: @escaping @Sendable (_ runID: String) -> [Int32] = TeamStopper.processes
    ) {
        self.carriers = carriers
        self.location = location
        self.launcherGrace = launcherGrace
        self.agentGrace = agentGrace
        self.sweepLeftovers = sweepLeftovers
    }

    /// The processes whose environment carries `CCTEAM_RUN_ID=<runID>`.
    public static func processes(of runID: String) -> [Int32] {
        LeftoverSweeper.processes(carrying: EnvironmentMarker(name: Identity.Variable.runID, value: runID))
    }

    /// Kills every process whose environment carries `CCTEAM_RUN_ID=<runID>`.
    public static func killLeftovers(of runID: String) -> [Int32] {
        LeftoverSweeper.killProcesses(carrying: EnvironmentMarker(name: Identity.Variable.runID, value: runID))
    }

    /// Stops the whole team; returns what it did, one line each.
    public func stopTeam() throws -> [String] {
        var config = try TeamConfig.load(root: location.root, team: location.team)
        var report: [String] = []
        if let pid = config.launcherPID, config.launcherIsAlive {
            kill(pid, SIGTERM)
            guard ProcessProbe.wait(upTo: launcherGrace, until: { !config.launcherIsAlive }) else {
                throw ToolError(
                    "the launcher of team '\(location.team)' (pid \(pid)) did not exit within "
                        + "\(Int(launcherGrace)) s of SIGTERM",
                    help:
                        "wait for it, or end it with 'kill -9 \(pid)' and run 'ccteam stop --team \(location.team)' again",
                    exitStatus: .usage)
            }
            report.append("stopped the launcher of team '\(location.team)' (pid \(pid))")
            // A launcher that wound down properly recorded its runs and state; re-read them.
            config = try TeamConfig.load(root: location.root, team: location.team)
        }
        let running = TeamRuns(root: location.root).runs(ofTeam: location.team).filter { $0.status == .running }
        for run in running {
            report.append(try end(run))
        }
        if config.state == .planning || config.state == .running {
            config.state = .stopped
            // The launcher is gone (it exited or was killed): the record should not name its pid.
            config.clearLauncher()
            try config.save(root: location.root)
            report.append(
                "marked team '\(location.team)' stopped ('ccteam resume --team \(location.team)' continues it)")
        }
        if report.isEmpty { report.append("nothing is running in team '\(location.team)'") }
        return report
    }

    /// Stops `agent`'s running run. While the launcher lives it only signals the run's process
    /// group (the launcher hands the task back and leaves the worker idle); otherwise it also
    /// records the run as killed.
    public func stopAgent(_ agent: String) throws -> [String] {
        let config = try TeamConfig.load(root: location.root, team: location.team)
        let runs = TeamRuns(root: location.root).runs(ofTeam: location.team).filter { $0.agentId == agent }
        let known =
            agent == "lead" || (config.workers > 0 && (1...config.workers).map { "worker-\($0)" }.contains(agent))
        guard known || !runs.isEmpty else {
            throw ToolError(
                "team '\(location.team)' has no agent '\(agent)'",
                help: "its agents are lead"
                    + (config.workers > 0 ? " and worker-1 ... worker-\(config.workers)" : "")
                    + "; 'ccteam status' shows them")
        }
        guard let run = runs.last(where: { $0.status == .running }) else {
            return ["\(agent) has no running run in team '\(location.team)'"]
        }
        if config.launcherIsAlive {
            return [terminate(run, recordOutcome: false)]
        }
        return [try end(run)]
    }

    /// Ends a run whose launcher is gone and records it as killed.
    private func end(_ run: RunRecord) throws -> String {
        let line = terminate(run, recordOutcome: true)
        var record = run
        record.status = .killed
        record.endedAt = Date()
        record.pid = nil
        record.pidStartTicks = nil
        try TeamRuns(root: location.root).save(record)
        return line
    }

    /// SIGTERM to the run's process group, SIGKILL after the grace period, then the leftover sweep.
    private func terminate(_ run: RunRecord, recordOutcome: Bool) -> String {
        var steps: [String] = []
        if let pid = run.pid, ProcessProbe.groupIsStill(pid, startTicks: run.pidStartTicks) {
            ProcessProbe.signalGroup(pid, SIGTERM)
            steps.append("SIGTERM")
            let ended = ProcessProbe.wait(upTo: agentGrace) {
                !ProcessProbe.groupIsStill(pid, startTicks: run.pidStartTicks)
            }
            if !ended, ProcessProbe.groupIsStill(pid, startTicks: run.pidStartTicks) {
                ProcessProbe.signalGroup(pid, SIGKILL)
                steps.append("SIGKILL")
            }
        } else if run.pid == nil, case let found = carriers(run.runId), !found.isEmpty {
            // No pid recorded: the run's processes are still found by the run id they all carry.
            for process in found { kill(process, SIGTERM) }
            steps.append("SIGTERM to \(found.count) process(es) carrying its run id")
            _ = ProcessProbe.wait(upTo: agentGrace) { carriers(run.runId).isEmpty }
        }
        let leftovers = sweepLeftovers(run.runId)
        if !leftovers.isEmpty { steps.append("killed \(leftovers.count) leftover process(es)") }
        var line = "stopped \(run.agentId)'s run \(run.runId)"
        if let pid = run.pid {
            line += " (pid \(pid)" + (steps.isEmpty ? ", already gone)" : ": " + steps.joined(separator: ", ") + ")")
        } else {
            line += steps.isEmpty ? " (no process left)" : " (" + steps.joined(separator: ", ") + ")"
        }
        if recordOutcome { line += ", marked killed" }
        return line
    }
}
