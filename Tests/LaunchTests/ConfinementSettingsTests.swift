import CCCore
import CCProcess
import CCTestSupport
import Foundation
import Testing

@testable import CCTeam

@Suite("Confinement: no silent downgrade, private run folders, identity by process lineage")
struct ConfinementSettingsTests {
    @Test func withoutLandlockALaunchRefusesUnlessTheUserChoseUnconfined() throws {
        let missing = Result<Int, ConfinementError>.failure(.unavailable("this kernel has no Landlock"))
        #expect(throws: ConfinementError.unavailable("this kernel has no Landlock")) {
            try LaunchSettings().requireConfinement(missing)
        }
        #expect(ConfinementError.unavailable("x").help?.contains("--unconfined") == true)
        try LaunchSettings(unconfined: true).requireConfinement(missing)
        try LaunchSettings().requireConfinement(.success(7))
        #expect(LaunchSettings(unconfined: true).isConfined == false)
        #expect(LaunchSettings().isConfined)
    }

    @Test func aRunsPrivateFolderIsSeededWithTheUsersLoginAndNothingElse() throws {
        let home = try TemporaryDirectory(prefix: "ccteam-home")
        try home.write(".claude/.credentials.json", #"{"token":"login"}"#)
        try home.write(".claude/settings.json", #"{"hooks":{}}"#)
        try home.write(".claude.json", #"{"oauthAccount":{}}"#)
        let run = try TemporaryDirectory(prefix: "ccteam-run")
        let sandbox = try RunSandbox.prepare(in: run.url, environment: ["HOME": home.path])
        let config = sandbox.claudeConfig.path
        #expect(try String(contentsOfFile: config + "/.credentials.json", encoding: .utf8) == #"{"token":"login"}"#)
        #expect(FileManager.default.fileExists(atPath: config + "/.claude.json"))
        #expect(!FileManager.default.fileExists(atPath: config + "/settings.json"))
        #expect(sandbox.environment["CLAUDE_CONFIG_DIR"] == config)
        #expect(sandbox.environment["TMPDIR"] == sandbox.temporary.path)
        #expect(sandbox.confinement(worktree: "/w").writable == ["/w", sandbox.folder.path])
        sandbox.remove()
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.path))
    }

    @Test func theBrokerKnowsARunsDescendantsAndNoOtherProcess() throws {
        let directory = try TemporaryDirectory(prefix: "ccteam-broker")
        let store = TaskStore(tasksDirectory: directory.url.appendingPathComponent("tasks"), team: "t")
        let broker = try TaskToolBroker(store: store, settings: TeamSettings())
        defer { broker.close() }
        #expect(broker.socketPath.utf8.count < 108)
        let child = Locked<Int32?>(nil)
        let agent = try SupervisedProcess.start(.shell("sleep 30 & echo $!; wait")) { line in
            child.withLock { $0 = Int32(line.text) }
        }
        defer { agent.stop() }
        let identity = Identity(team: "t", agentID: "worker-1", agentType: .worker, agentName: "Worker 1")
        broker.register(pid: agent.pid, identity: identity)
        #expect(broker.identity(of: agent.pid) == identity)
        let deadline = Date().addingTimeInterval(10)
        while child.withLock({ $0 }) == nil, Date() < deadline { usleep(10_000) }
        let descendant = try #require(child.withLock { $0 })
        #expect(broker.identity(of: descendant) == identity, "a process the agent started is the agent's")
        #expect(broker.identity(of: getpid()) == nil, "the launcher's own process is no run")
        let stranger = try SupervisedProcess.start(ProcessCommand("sleep", ["30"])) { _ in }
        defer { stranger.stop() }
        #expect(broker.identity(of: stranger.pid) == nil)
        broker.unregister(pid: agent.pid)
        #expect(broker.identity(of: agent.pid) == nil)
    }
}
