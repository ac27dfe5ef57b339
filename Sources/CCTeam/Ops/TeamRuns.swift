public import CCCore
import CCVerify
public import Foundation

/// The run records under `.ccteam/runs/`, read the way the team-operations commands need them:
/// one run by id (or unique id prefix), every run of a team, and the record rewritten when `stop`
/// ends a run its launcher can no longer end.
public struct TeamRuns: Sendable {
    /// The main checkout whose `.ccteam/runs/` holds the records.
    public var root: URL

    /// The runs of the repository whose main checkout is `root`.
    public init(root: URL) {
        self.root = root
    }

    /// `.ccteam/runs/`.
    public var runsDirectory: URL { root.appendingPathComponent(".ccteam/runs", isDirectory: true) }

    /// `.ccteam/runs/<run-id>/`.
    public func directory(for runID: String) -> URL {
        runsDirectory.appendingPathComponent(runID, isDirectory: true)
    }

    /// Every run id that has a folder, sorted.
    public func runIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Reads one run's `meta.json` (through `RunStore`, the one reader and writer of run records).
    public func load(_ runID: String) throws(RunLookupError) -> RunRecord {
        let file = directory(for: runID).appendingPathComponent("meta.json")
        guard FileManager.default.fileExists(atPath: file.path) else { throw .unknownRun(runID) }
        do {
            return try RunStore(root: root).loadRun(runID)
        } catch {
            throw .unreadable(path: file.path, reason: error.message)
        }
    }

    /// The run named by `idOrPrefix`: an exact id, else the one run whose id starts with it, else
    /// the latest run of the agent with that id (`worker-1`).
    public func resolve(_ idOrPrefix: String) throws(RunLookupError) -> RunRecord {
        guard Self.isValidRunID(idOrPrefix) else { throw .invalidID(idOrPrefix) }
        if FileManager.default.fileExists(atPath: directory(for: idOrPrefix).appendingPathComponent("meta.json").path) {
            return try load(idOrPrefix)
        }
        let matches = runIDs().filter {
            $0.hasPrefix(idOrPrefix)
                && FileManager.default.fileExists(atPath: directory(for: $0).appendingPathComponent("meta.json").path)
        }
        switch matches.count {
        case 0:
            // An agent id names that agent's latest run.
            let byAgent = runIDs().compactMap { try? load($0) }.filter { $0.agentId == idOrPrefix }
            guard let latest = byAgent.max(by: { ($0.startedAt, $0.runId) < ($1.startedAt, $1.runId) }) else {
                throw .unknownRun(idOrPrefix)
            }
            return latest
        case 1: return try load(matches[0])
        default: throw .ambiguous(idOrPrefix, matches: matches)
        }
    }

    /// Every readable run of `team`, oldest first. Unreadable records are skipped: a run being
    /// written for the first time must not break `status`.
    public func runs(ofTeam team: String) -> [RunRecord] {
        runIDs().compactMap { id -> RunRecord? in
            guard let run = try? load(id), run.team == team else { return nil }
            return run
        }.sorted { ($0.startedAt, $0.runId) < ($1.startedAt, $1.runId) }
    }

    /// Writes a run's `meta.json` atomically.
    public func save(_ run: RunRecord) throws(RunLookupError) {
        do {
            try RunStore(root: root).saveRun(run)
        } catch {
            throw .unwritable(path: directory(for: run.runId).appendingPathComponent("meta.json").path)
        }
    }

    /// Run ids name folders: letters, digits, `.`, `_` and `-`, never `.` or `..`.
    public static func isValidRunID(_ id: String) -> Bool {
        !id.isEmpty && id != "." && id != ".."
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "._-".unicodeScalars.contains($0)
            }
    }
}

/// A run that cannot be found, read or written.
public enum RunLookupError: UserFacingError, Equatable {
    case invalidID(String)
    case unknownRun(String)
    case ambiguous(String, matches: [String])
    case unreadable(path: String, reason: String)
    case unwritable(path: String)

    public var message: String {
        switch self {
        case .invalidID(let id): "'\(id)' is not a run id"
        case .unknownRun(let id): "no run '\(id)' in .ccteam/runs/"
        case .ambiguous(let prefix, let matches):
            "'\(prefix)' names \(matches.count) runs: \(matches.prefix(5).joined(separator: ", "))"
                + (matches.count > 5 ? ", ..." : "")
        case .unreadable(let path, let reason): "\(path) is not a valid run record: \(reason)"
        case .unwritable(let path): "cannot write \(path)"
        }
    }

    public var help: String? {
        switch self {
        case .invalidID: "run ids hold only letters, digits, '.', '_' and '-'"
        case .unknownRun: "'ccteam status' lists each agent's latest run id; every run has a folder in .ccteam/runs/"
        case .ambiguous: "give more of the run id"
        case .unreadable: "the launcher writes run records; if this one is damaged, remove its folder"
        case .unwritable: "check that .ccteam/runs/ is writable"
        }
    }
}
