import CCCore
import CCProcess
import CCTestSupport
import Foundation
import Testing

@testable import CCTeam

@Suite("ccteam doctor: each check, passing and failing")
struct DoctorTests {
    /// A doctor looking at `directory` with only the given environment and a fake home.
    static func doctor(
        in directory: URL, home: TemporaryDirectory, environment: [String: String] = [:], tools: URL? = nil,
        uid: UInt32 = 1000
    ) -> Doctor {
        Doctor(
            directory: directory, environment: environment, homeDirectory: home.path, toolsDirectory: tools,
            effectiveUserID: uid, libraries: [Doctor.libgit2], versionTimeout: .seconds(10))
    }

    /// Writes a shell script through `cp`, so no file descriptor open for writing it lingers in this
    /// process (another test's concurrent spawn could inherit one and make exec fail with ETXTBSY).
    static func executable(_ folder: TemporaryDirectory, _ name: String, _ script: String) throws {
        let draft = try folder.write(".\(name).draft", "#!/bin/sh\n" + script + "\n")
        try Shell.run("/bin/cp", [draft.path, folder.path + "/" + name])
        try Shell.run("/bin/chmod", ["755", folder.path + "/" + name])
    }

    @Test func everythingInPlacePasses() throws {
        let fixture = try OpsFixture()
        try fixture.directory.write(".git/info/exclude", ".ccteam/\n")
        let home = try TemporaryDirectory()
        let bin = try TemporaryDirectory()
        try Self.executable(bin, "claude", "echo '9.9.9 (Claude Code)'")
        try Self.executable(bin, "ccverify", "exit 0")
        let checks = Self.doctor(
            in: fixture.root, home: home, environment: ["PATH": bin.path, "ANTHROPIC_API_KEY": "k"], tools: bin.url
        ).run()
        #expect(checks.allSatisfy { $0.outcome == .passed })
        #expect(
            checks.map(\.name) == [
                "git repository", "libgit2", "confinement", "Claude Code CLI", "API access", "ccverify", "user",
            ])
        #expect(checks[0].detail == "\(fixture.root.path), .ccteam/ excluded from git")
        #expect(checks[1].detail.hasPrefix("1.5."))
        #expect(checks[2].detail.hasPrefix("Landlock ABI "))
        #expect(checks[3].detail == "9.9.9 (Claude Code) at \(bin.path)/claude (from PATH)")
        #expect(checks[4].detail == "ANTHROPIC_API_KEY set")
    }

    @Test func withoutLandlockTheConfinementCheckFailsAndSaysLaunchWillRefuse() throws {
        let home = try TemporaryDirectory()
        var doctor = Self.doctor(in: home.url, home: home)
        doctor.landlock = .failure(.unavailable("this kernel has no Landlock (it needs Linux 5.13 or later)"))
        let check = doctor.confinementCheck()
        #expect(check.outcome == .failed)
        #expect(check.detail.hasSuffix("'ccteam launch' refuses to start agents here"))
        #expect(check.fix?.contains("--unconfined") == true)
        doctor.landlock = .success(4)
        #expect(
            doctor.confinementCheck().detail
                == "Landlock ABI 4: writes confined to each agent's worktree, TCP connect rules")
    }

    @Test func outsideARepositoryTheGitCheckFailsWithGitsOwnAdvice() throws {
        let folder = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        let check = Self.doctor(in: folder.url, home: home).repositoryCheck()
        #expect(check.outcome == .failed)
        #expect(check.detail.hasPrefix("not a git repository: "))
        #expect(check.fix == "run the command inside a git working tree, or create one with `git init`")
    }

    @Test func aMissingExcludeEntryIsAWarningWithTheCommand() throws {
        let fixture = try OpsFixture()
        let home = try TemporaryDirectory()
        let check = Self.doctor(in: fixture.root, home: home).repositoryCheck()
        #expect(check.outcome == .warning)
        #expect(
            check.fix
                == "ccteam adds it on first use; to do it now: echo .ccteam/ >> \(fixture.root.path)/.git/info/exclude")
    }

    @Test func claudeMissingOrBrokenFails() throws {
        let fixture = try OpsFixture()
        let home = try TemporaryDirectory()
        let empty = try TemporaryDirectory()
        let missing = Self.doctor(in: fixture.root, home: home, environment: ["PATH": empty.path]).claudeCheck()
        #expect(missing.outcome == .failed)
        #expect(missing.fix == ClaudeLocator.notFound.help)
        let bin = try TemporaryDirectory()
        try Self.executable(bin, "claude", "echo broken >&2; exit 3")
        let broken = Self.doctor(in: fixture.root, home: home, environment: ["PATH": bin.path]).claudeCheck()
        #expect(broken.outcome == .failed)
        #expect(
            broken.detail == "\(bin.path)/claude (from PATH): '\(bin.path)/claude --version' exited with exit status 3")
    }

    @Test func credentialsToolsAndRoot() throws {
        let fixture = try OpsFixture()
        let home = try TemporaryDirectory()
        let bin = try TemporaryDirectory()
        let bare = Self.doctor(in: fixture.root, home: home, tools: bin.url)
        #expect(bare.credentialsCheck().outcome == .failed)
        #expect(bare.ccverifyCheck().outcome == .failed)
        #expect(
            bare.ccverifyCheck().fix
                == "build it with 'swift build --product ccverify' (or install ccverify into \(bin.path))")
        let gateway = Self.doctor(
            in: fixture.root, home: home, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:9"])
        #expect(gateway.credentialsCheck().detail == "ANTHROPIC_BASE_URL set")
        #expect(Self.doctor(in: fixture.root, home: home, uid: 0).rootCheck().outcome == .warning)
        let sandboxed = Self.doctor(in: fixture.root, home: home, environment: ["IS_SANDBOX": "1"], uid: 0)
        #expect(sandboxed.rootCheck().outcome == .passed)
    }

    @Test func linesUseMarksOnATerminalAndWordsOffOne() {
        let check = DoctorCheck(name: "ccverify", outcome: .failed, detail: "missing", fix: "build it")
        #expect(check.lines(unicode: true) == ["✘ ccverify: missing", "  fix: build it"])
        #expect(check.lines(unicode: false) == ["FAIL ccverify: missing", "     fix: build it"])
        #expect(DoctorCheck(name: "a", outcome: .warning, detail: "b").lines(unicode: false) == ["warn a: b"])
    }
}
