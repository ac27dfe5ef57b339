import CCCore
public import CCSecrets
public import Foundation

/// Rewrites a team's records when a secret is found after they were written: every file of the
/// team's runs (`runs/<run>/meta.json`, `events.ndjson`, `stderr.log`, `prompt.md`, `verify.json`)
/// and everything under `teams/<team>/`, masked in place with masks of the same length.
///
/// In place, because a live run may still be appending to its `events.ndjson`: bytes before the
/// end never move, so the writer's appends and the masks cannot clobber each other. A run's
/// `private/` folder (the agent's own, removed when its checks end) and the worktrees are left
/// alone; symbolic links are never followed.
public struct RecordScrubber: Sendable {
    public var root: URL
    public var team: String

    public init(root: URL, team: String) {
        self.root = root
        self.team = team
    }

    /// One scrub at a time in this process: two runs that find values at once would otherwise
    /// each write back bytes the other had not masked yet.
    private static let lock = NSLock()

    /// Masks `values` in every record of the team; returns the files that changed.
    @discardableResult
    public func scrub(_ values: [String]) -> [URL] {
        guard !values.isEmpty else { return [] }
        return Self.lock.withLock { records().filter { Self.scrub(file: $0, values: values) } }
    }

    /// The team's run folders' files and its team folder's files.
    func records() -> [URL] {
        let manager = FileManager.default
        let state = root.appendingPathComponent(".ccteam")
        var files: [URL] = []
        let runs = state.appendingPathComponent("runs")
        for run in (try? manager.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)) ?? []
        where belongsToTeam(run) {
            for file in (try? manager.contentsOfDirectory(at: run, includingPropertiesForKeys: nil)) ?? []
            where file.lastPathComponent != "private" {
                files.append(file)
            }
        }
        let teamFolder = state.appendingPathComponent("teams").appendingPathComponent(team)
        if let walk = manager.enumerator(at: teamFolder, includingPropertiesForKeys: nil) {
            for case let file as URL in walk { files.append(file) }
        }
        return files
    }

    /// A run is the team's when its `meta.json` says so, or when it has none yet (being created).
    private func belongsToTeam(_ run: URL) -> Bool {
        let meta = run.appendingPathComponent("meta.json")
        guard let data = FileManager.default.contents(atPath: meta.path) else { return true }
        guard let record = try? JSONCoding.decoder().decode(TeamOnly.self, from: data) else { return true }
        return record.team == team
    }

    private struct TeamOnly: Decodable { var team: String }

    /// Redacts a whole record no one writes to any more (a finished run's `stderr.log`, its
    /// `verify.json`), replacing the file only when something was masked.
    static func rewrite(_ file: URL, redacting redact: (String) -> String) {
        guard let data = FileManager.default.contents(atPath: file.path), !data.isEmpty else { return }
        let text = String(decoding: data, as: UTF8.self)
        let clean = redact(text)
        if clean != text { try? Data(clean.utf8).write(to: file, options: .atomic) }
    }

    /// Masks `values` in one regular file, in place: the masks keep every length, so the bytes
    /// read are written back where they were, and whatever was appended meanwhile stays after them.
    static func scrub(file: URL, values: [String]) -> Bool {
        let descriptor = open(file.path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else {
            return false
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard read > 0 else { return false }
        bytes.removeLast(bytes.count - read)
        guard SecretTaint.mask(values, in: &bytes) else { return false }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return written == bytes.count
    }
}
