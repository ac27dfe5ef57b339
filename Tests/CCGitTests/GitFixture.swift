import CCTestSupport
import Foundation

/// A temporary repository driven by the `git` CLI, the independent oracle CCGit is checked against.
final class GitFixture {
    let directory: TemporaryDirectory
    var url: URL { directory.url }
    var path: String { directory.path }

    /// A fresh repository on branch `main`, with one commit when `initialCommit` is set.
    init(initialCommit: Bool = true) throws {
        directory = try TemporaryDirectory(prefix: "ccgit-test")
        try git("init", "-q", "-b", "main")
        if initialCommit {
            try write("README.md", "hello\n")
            try commitAll("initial")
        }
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Shell.git(arguments, in: url)
    }

    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        try Shell.git(arguments, in: url)
    }

    /// The trimmed output of `git rev-parse <revision>`.
    func revParse(_ revision: String) throws -> String {
        try git("rev-parse", revision).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        try directory.write(relative, text)
    }

    func writeBytes(_ relative: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func read(_ relative: String) throws -> String { try directory.read(relative) }

    func exists(_ relative: String) -> Bool {
        var info = stat()
        return lstat(url.appendingPathComponent(relative).path, &info) == 0
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relative))
    }

    func symlink(_ relative: String, to target: String) throws {
        let file = url.appendingPathComponent(relative)
        try? FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target)
    }

    func makeExecutable(_ relative: String) throws {
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: url.appendingPathComponent(relative).path)
    }

    /// Stages everything and commits; returns the new commit's sha.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try revParse("HEAD")
    }

    /// `git status --porcelain` of the working tree, for "nothing changed" assertions.
    func status() throws -> String {
        try git("status", "--porcelain", "--untracked-files=all")
    }
}

/// One line of `git diff --numstat -z`: counts (`nil` for binary) and paths.
struct NumstatEntry: Hashable, CustomStringConvertible {
    var added: Int?
    var deleted: Int?
    var oldPath: String?
    var path: String
    var description: String {
        "\(added.map(String.init) ?? "-")\t\(deleted.map(String.init) ?? "-")\t\(oldPath.map { "\($0) => " } ?? "")\(path)"
    }

    /// Parses `git diff --numstat -z` output.
    static func parse(_ output: String) -> Set<NumstatEntry> {
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var entries: Set<NumstatEntry> = []
        while let first = fields.first, !first.isEmpty {
            fields.removeFirst()
            let parts = first.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let added = Int(parts[0])
            let deleted = Int(parts[1])
            if parts[2].isEmpty {
                let old = fields.removeFirst()
                let new = fields.removeFirst()
                entries.insert(NumstatEntry(added: added, deleted: deleted, oldPath: old, path: new))
            } else {
                entries.insert(NumstatEntry(added: added, deleted: deleted, oldPath: nil, path: parts[2]))
            }
        }
        return entries
    }
}
