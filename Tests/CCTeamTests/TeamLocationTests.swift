import CCCore
import CCTestSupport
import Foundation
import Testing

@testable import CCTeam

@Suite("Team location")
struct TeamLocationTests {
    @Test func findsTheRootFromASubfolderAndNamesTheTeam() throws {
        let repo = try TemporaryDirectory(prefix: "ccteam-loc")
        try Shell.git(["init", "-q"], in: repo.url)
        try repo.write("src/deep/file.txt", "x")
        let sub = repo.url.appendingPathComponent("src/deep")
        let plain = try TeamLocation.resolve(team: nil, from: sub, environment: [:])
        #expect(plain.root.path == repo.path)
        #expect(plain.team == repo.url.lastPathComponent)
        let suffixed = try TeamLocation.resolve(team: nil, from: sub, environment: ["TEAM": "blue"])
        #expect(suffixed.team == repo.url.lastPathComponent + "-blue")
        #expect(try TeamLocation.resolve(team: "red", from: sub, environment: ["TEAM": "blue"]).team == "red")
        #expect(throws: TeamLocationError.invalidTeamName("../x")) {
            try TeamLocation.resolve(team: "../x", from: sub, environment: [:])
        }
    }

    @Test func aLinkedWorktreeResolvesToTheMainCheckout() throws {
        let repo = try TemporaryDirectory(prefix: "ccteam-loc")
        try Shell.git(["init", "-q"], in: repo.url)
        try repo.write("a.txt", "a")
        try Shell.git(["add", "."], in: repo.url)
        try Shell.git(["commit", "-qm", "init"], in: repo.url)
        let worktree = repo.url.appendingPathComponent(".ccteam/worktrees/t/worker-1")
        try Shell.git(["worktree", "add", "-q", "-b", "w1", worktree.path], in: repo.url)
        let location = try TeamLocation.resolve(team: nil, from: worktree, environment: [:])
        #expect(location.root.path == repo.path)
    }

    @Test func outsideARepositoryIsAnError() throws {
        let folder = try TemporaryDirectory(prefix: "ccteam-loc")
        #expect(throws: TeamLocationError.notARepository(folder.path)) {
            try TeamLocation.resolve(team: nil, from: folder.url, environment: [:])
        }
    }

    @Test func excludesTheRuntimeFolderOnce() throws {
        let repo = try TemporaryDirectory(prefix: "ccteam-loc")
        try Shell.git(["init", "-q"], in: repo.url)
        let location = try TeamLocation.resolve(team: "t", from: repo.url, environment: [:])
        _ = try location.preparedStore()
        _ = try location.preparedStore()
        let exclude = try repo.read(".git/info/exclude")
        #expect(exclude.components(separatedBy: "\n").filter { $0 == ".ccteam/" }.count == 1)
        try repo.write(".ccteam/teams/t/tasks/1.json", "{}")
        #expect(try Shell.git(["status", "--porcelain"], in: repo.url) == "")
    }

    @Test func teamSettingsDefaultWhenMissingAndRejectWrongTypes() throws {
        let repo = try TemporaryDirectory(prefix: "ccteam-loc")
        try Shell.git(["init", "-q"], in: repo.url)
        let location = try TeamLocation.resolve(team: "t", from: repo.url, environment: [:])
        #expect(try TeamSettings.load(location) == TeamSettings(workersMayCreateTasks: false))
        try repo.write(".ccteam/teams/t/team.json", #"{"goal":"g","workersMayCreateTasks":true}"#)
        #expect(try TeamSettings.load(location) == TeamSettings(workersMayCreateTasks: true))
        try repo.write(".ccteam/teams/t/team.json", #"{"workersMayCreateTasks":"yes"}"#)
        #expect(throws: TeamSettingsError.self) { try TeamSettings.load(location) }
    }
}
