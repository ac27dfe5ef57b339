import CCCore
import CCTeam
import CCTestSupport
import Foundation
import Testing

@Suite struct TeamConfigTests {
    @Test func roundTripsThroughTeamJSONWhichTheTaskToolsCanRead() throws {
        let directory = try TemporaryDirectory()
        let config = TeamConfig(
            team: "web", goal: "Build a REST API", baseCommit: "abc", integrationBranch: "ccteam/web/integration",
            settings: LaunchSettings(workers: 3, agent: .claude, taskTimeoutSeconds: 600, include: ["*.env"]),
            workersMayCreateTasks: true, createdAt: Date(timeIntervalSince1970: 0), launcherPID: getpid())
        try config.save(root: directory.url)
        #expect(try TeamConfig.load(root: directory.url, team: "web") == config)
        #expect(config.launcherIsAlive)
        // One flat object: the launch settings sit beside the team's own fields.
        let data = try Data(contentsOf: TeamConfig.file(root: directory.url, team: "web"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["workers"] as? Int == 3 && object["goal"] as? String == "Build a REST API")
        #expect(object["include"] as? [String] == ["*.env"] && object["permissionMode"] as? String == "dontAsk")
        #expect(object["settings"] == nil)
        let settings = try TeamSettings.load(TeamLocation(root: directory.url, team: "web"))
        #expect(settings.workersMayCreateTasks)
    }

    @Test func aMissingTeamIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ToolError.self) { try TeamConfig.load(root: directory.url, team: "nope") }
    }

    @Test func aLauncherThatIsGoneIsNotAlive() {
        var config = TeamConfig(
            team: "t", goal: "g", baseCommit: "b", integrationBranch: "i",
            settings: LaunchSettings(workers: 1, agent: .command, taskTimeoutSeconds: 1, maxRetries: 0))
        #expect(!config.launcherIsAlive)
        config.launcherPID = Int32.max
        #expect(!config.launcherIsAlive)
    }

    @Test func theLauncherIsRecordedWithItsStartTimeAndForgottenWhole() throws {
        var config = TeamConfig(
            team: "t", goal: "g", baseCommit: "b", integrationBranch: "i",
            settings: LaunchSettings(workers: 1, agent: .command, taskTimeoutSeconds: 1, maxRetries: 0))
        config.recordLauncher()
        let stat = try String(contentsOfFile: "/proc/self/stat", encoding: .utf8)
        let fields = try #require(stat.split(separator: ")").last).split(separator: " ")
        #expect(config.launcherPID == getpid() && config.launcherStartTicks == UInt64(fields[19]))
        #expect(config.launcherIsAlive)
        config.launcherStartTicks! += 1
        #expect(!config.launcherIsAlive)
        config.clearLauncher()
        #expect(config.launcherPID == nil && config.launcherStartTicks == nil)
    }
}
