import CCTeam
import CCTestSupport
import Foundation
import Testing

@Suite struct ClaudeLocatorTests {
    func makeExecutable(_ directory: TemporaryDirectory, _ relative: String) throws -> String {
        let url = try directory.write(relative, "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func prefersTheExplicitSettingThenTheSetupCacheThenPATH() throws {
        let directory = try TemporaryDirectory()
        let explicit = try makeExecutable(directory, "explicit/claude")
        let cached = try makeExecutable(directory, "cached/claude")
        let onPath = try makeExecutable(directory, "bin/claude")
        try directory.write("home/.cache/ccteam/claude-path", cached + "\n")
        let home = directory.path + "/home"
        let path = directory.path + "/bin"

        let all = ClaudeLocator(environment: ["CCTEAM_CLAUDE": explicit, "PATH": path], homeDirectory: home)
        #expect(all.locate()?.path == explicit)
        #expect(all.locate()?.source == .environment)
        let noExplicit = ClaudeLocator(environment: ["PATH": path], homeDirectory: home)
        #expect(noExplicit.locate()?.path == cached)
        let pathOnly = ClaudeLocator(environment: ["PATH": "/nonexistent:" + path], homeDirectory: directory.path)
        #expect(pathOnly.locate()?.path == onPath)
        #expect(pathOnly.locate()?.source == .path)
    }

    @Test func skipsCandidatesThatAreNotExecutable() throws {
        let directory = try TemporaryDirectory()
        let plain = try directory.write("claude", "not executable").path
        let locator = ClaudeLocator(environment: ["CCTEAM_CLAUDE": plain, "PATH": ""], homeDirectory: directory.path)
        #expect(locator.locate() == nil)
        #expect(locator.candidates().map(\.path) == [plain])
    }
}
