import CCCore
import CCGit
import CCProcess
import CCTeam
import CCTestSupport
import Foundation
import Testing

@Suite("ccteam gc: worktrees and worker branches of teams that are over")
struct TeamGCTests {
    /// Gives the team an integration branch and a worktree per worker, as a launch would.
    static func makeWorktrees(_ fixture: OpsFixture, team: String = "demo", workers: [String]) throws {
        let git = TeamGit(root: fixture.root.path, team: team)
        try git.prepareIntegration(base: try Repository.open(at: fixture.root.path).resolveCommit("HEAD"))
        for worker in workers { _ = try git.prepareWorktree(for: worker) }
    }

    static func branches(_ fixture: OpsFixture) throws -> [String] {
        try Shell.git(["branch", "--list", "--format=%(refname:short)"], in: fixture.root).split(separator: "\n").map(
            String.init)
    }

    @Test func removesWorktreesAndWorkerBranchesAndKeepsTheIntegrationBranch() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .finished)
        try Self.makeWorktrees(fixture, workers: ["worker-1", "worker-2"])
        try fixture.writeRun("r1")
        #expect(try Self.branches(fixture).count == 4)
        let report = try TeamGC(root: fixture.root).collect(team: "demo")
        #expect(report.removedWorktrees == [".ccteam/worktrees/demo/worker-1", ".ccteam/worktrees/demo/worker-2"])
        #expect(report.removedBranches.sorted() == ["ccteam/demo/worker-1", "ccteam/demo/worker-2"])
        #expect(report.keptIntegrationBranch == "ccteam/demo/integration")
        #expect(try Self.branches(fixture) == ["ccteam/demo/integration", "main"])
        let worktrees = try Shell.git(["worktree", "list", "--porcelain"], in: fixture.root)
        #expect(!worktrees.contains(".ccteam/worktrees"))
        #expect(!FileManager.default.fileExists(atPath: fixture.root.path + "/.ccteam/worktrees/demo"))
        // The record stays.
        #expect(FileManager.default.fileExists(atPath: fixture.root.path + "/.ccteam/teams/demo/team.json"))
        #expect(FileManager.default.fileExists(atPath: fixture.root.path + "/.ccteam/runs/r1/meta.json"))
        #expect(
            report.lines == [
                "team demo:",
                "  removed worktree .ccteam/worktrees/demo/worker-1",
                "  removed worktree .ccteam/worktrees/demo/worker-2",
            ] + report.removedBranches.map { "  removed branch \($0)" } + [
                "  kept branch ccteam/demo/integration (the accepted work; delete it with 'git branch -D ccteam/demo/integration')",
                "  kept the record: .ccteam/teams/demo/ and 1 run folder in .ccteam/runs/ (delete them by hand when no longer needed)",
            ])
    }

    @Test func aWorktreeFolderRemovedByHandIsStillCollected() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(state: .stopped)
        try Self.makeWorktrees(fixture, workers: ["worker-1"])
        try FileManager.default.removeItem(atPath: fixture.root.path + "/.ccteam/worktrees/demo/worker-1")
        let report = try TeamGC(root: fixture.root).collect(team: "demo")
        #expect(report.removedBranches == ["ccteam/demo/worker-1"])
        #expect(try Self.branches(fixture) == ["ccteam/demo/integration", "main"])
    }

    @Test func refusesWhileTheLauncherIsAlive() throws {
        let fixture = try OpsFixture()
        let launcher = try startSleeper()
        defer { launcher.stop() }
        try fixture.writeTeam(state: .running, launcherPID: launcher.pid)
        try Self.makeWorktrees(fixture, workers: ["worker-1"])
        #expect {
            try TeamGC(root: fixture.root).collect(team: "demo")
        } throws: { error in
            (error as? ToolError)?.message
                == "team 'demo' is still running (launcher pid \(launcher.pid)); gc would remove its workers' worktrees"
                && (error as? ToolError)?.exitStatus == .usage
        }
        #expect(try Self.branches(fixture).contains("ccteam/demo/worker-1"))
    }

    @Test func withoutATeamCollectsOnlyTeamsThatAreOver() throws {
        let fixture = try OpsFixture()
        try fixture.writeTeam(name: "done", state: .finished)
        try fixture.writeTeam(name: "busy", state: .running)
        try Self.makeWorktrees(fixture, team: "done", workers: ["worker-1"])
        try Self.makeWorktrees(fixture, team: "busy", workers: ["worker-1"])
        let (collected, skipped) = try TeamGC(root: fixture.root).collectFinished()
        #expect(collected.map(\.team) == ["done"])
        #expect(skipped.map(\.team) == ["busy"])
        #expect(
            skipped.first?.reason
                == "it is marked running ('ccteam stop --team busy' first, or 'ccteam gc --team busy')")
        #expect(
            try Self.branches(fixture) == [
                "ccteam/busy/integration", "ccteam/busy/worker-1", "ccteam/done/integration", "main",
            ])
    }
}
