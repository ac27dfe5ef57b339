import CCTestSupport
import Foundation

/// A temporary git repository with one commit, made with the git CLI (the tests' independent oracle).
final class RepositoryFixture {
    let directory: TemporaryDirectory
    var url: URL { directory.url }
    var path: String { directory.path }

    init(files: [String: String] = ["src/app.swift": "let answer = 42\n", "README.md": "# demo\n"]) throws {
        directory = try TemporaryDirectory(prefix: "ccverify-e2e")
        try git("init", "-q", "-b", "main")
        for (path, text) in files { try directory.write(path, text) }
        try git("add", "-A")
        try git("commit", "-q", "-m", "initial")
        // As the toolkit does on first use: ccteam's own folder never shows up in diffs.
        try directory.write(".git/info/exclude", ".ccteam/\n")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Shell.git(arguments, in: url)
    }

    func write(_ path: String, _ text: String) throws {
        try directory.write(path, text)
    }

    func read(_ path: String) throws -> String {
        try directory.read(path)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Runs the built ccverify in the repository.
    func ccverify(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws
        -> ProcessOutput
    {
        var env = ProcessInfo.processInfo.environment
        env["CCTEAM_SCOPE"] = nil
        env["CCTEAM_ROOT"] = nil
        env["TEAM"] = nil
        for (key, value) in environment { env[key] = value }
        return try BuiltTools.run("ccverify", arguments, in: url, input: input, environment: env)
    }
}

/// A fake AWS access key id (the documented example shape), split so this file holds no secret itself.
let fakeAWSKey = "AKIA" + "IOSFODNN7EXAMPL2"
