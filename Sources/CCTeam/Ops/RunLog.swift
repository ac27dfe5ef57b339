public import CCCore
public import Foundation

/// `ccteam logs`: a run's event stream in human form, followed live while the run goes on.
public struct RunLog: Sendable {
    /// The repository's run records.
    public var runs: TeamRuns
    /// The run to print: an id or a unique prefix of one.
    public var runID: String
    /// How long to sleep between reads while following.
    public var pollInterval: TimeInterval
    /// How many lines of `stderr.log` a failed run shows.
    public var stderrLines: Int

    /// A log of `runID`; the poll interval is kept between 10 ms and 2 s.
    public init(runs: TeamRuns, runID: String, pollInterval: TimeInterval = 0.2, stderrLines: Int = 20) {
        self.runs = runs
        self.runID = runID
        self.pollInterval = max(0.01, min(pollInterval, 2))
        self.stderrLines = stderrLines
    }

    /// The line opening the log: which run, whose, on what.
    public static func header(_ run: RunRecord) -> String {
        var text = "run \(run.runId): \(run.agentId)"
        if let task = run.taskId { text += ", task #\(task)" }
        text += ", started " + Timestamp.format(run.startedAt)
        return text
    }

    /// The line closing the log: how the run ended (or that it is still going).
    public static func footer(_ run: RunRecord, now: Date = Date()) -> String {
        var text = "status: " + run.status.rawValue
        if let code = run.exitCode, run.status != .running { text += " (exit \(code))" }
        let elapsed = (run.endedAt ?? now).timeIntervalSince(run.startedAt)
        text += ", " + StatusBoard.duration(elapsed)
        text += ", \(StatusBoard.tokens(run.usage.inputTokens + run.usage.outputTokens)) tokens"
        text += ", " + String(format: "$%.4f", run.usage.costUSD)
        return text
    }

    /// One printed line: the entry, after its offset from the run's start when the event was dated.
    public static func line(_ entry: RunLogEntry, startedAt: Date) -> String {
        guard let at = entry.at else { return entry.text }
        return "+" + StatusBoard.duration(at.timeIntervalSince(startedAt)) + "  " + entry.text
    }

    /// Writes the whole log through `write`, one line per call. With `follow`, keeps reading new
    /// events until the run's record is no longer `running` (or its process and launcher are gone).
    public func print(follow: Bool, write: (String) -> Void) throws(RunLookupError) {
        var run = try runs.resolve(runID)
        write(Self.header(run))
        var reader = LineReader(path: runs.directory(for: run.runId).appendingPathComponent("events.ndjson").path)
        var stale = false
        while true {
            for line in reader.readNewLines() {
                for entry in RunLogEntry.entries(fromLine: line) { write(Self.line(entry, startedAt: run.startedAt)) }
            }
            guard follow, run.status == .running else { break }
            if !Self.isStillRunning(run, root: runs.root) {
                stale = true
                break
            }
            Thread.sleep(forTimeInterval: pollInterval)
            run = (try? runs.load(run.runId)) ?? run
            if run.status != .running {
                // The record turned final: drain what the agent wrote before it ended.
                for line in reader.readNewLines(includingPartial: true) {
                    for entry in RunLogEntry.entries(fromLine: line) {
                        write(Self.line(entry, startedAt: run.startedAt))
                    }
                }
                break
            }
        }
        if ![.running, .succeeded].contains(run.status) {
            let tail = Self.tail(
                of: runs.directory(for: run.runId).appendingPathComponent("stderr.log"), lines: stderrLines)
            if !tail.isEmpty {
                write("stderr.log (last \(tail.count) line\(tail.count == 1 ? "" : "s")):")
                tail.forEach { write("  " + $0) }
            }
        }
        write(Self.footer(run))
        if let mismatch = run.modelMismatch { write("warning: " + mismatch) }
        if stale {
            write(
                "note: the record says running, but neither its process nor the team's launcher is alive; 'ccteam stop --team \(run.team)' marks it killed"
            )
        }
    }

    /// Whether a run marked running can still produce events: its process lives, or (with no pid
    /// recorded yet) its team's launcher does.
    static func isStillRunning(_ run: RunRecord, root: URL) -> Bool {
        if let pid = run.pid { return ProcessProbe.isAlive(pid, startTicks: run.pidStartTicks) }
        return (try? TeamConfig.load(root: root, team: run.team))?.launcherIsAlive ?? false
    }

    /// The last `lines` non-empty lines of a text file (reading at most its last 64 KiB).
    static func tail(of file: URL, lines: Int) -> [String] {
        guard lines > 0, let text = TailReader.lastBytes(of: file.path, count: 64 * 1024) else { return [] }
        let all = text.split(whereSeparator: \.isNewline).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return Array(all.suffix(lines))
    }
}

/// Reads a growing file line by line: each call returns the complete lines written since the last.
struct LineReader {
    let path: String
    private var offset: UInt64 = 0
    private var partial = Data()

    init(path: String) {
        self.path = path
    }

    /// New complete lines; with `includingPartial`, a last line without its newline too.
    mutating func readNewLines(includingPartial: Bool = false) -> [String] {
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            if (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty {
                offset += UInt64(data.count)
                partial.append(data)
            }
        }
        var lines: [String] = []
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
            partial.removeSubrange(partial.startIndex...newline)
        }
        if includingPartial, !partial.isEmpty {
            lines.append(String(decoding: partial, as: UTF8.self))
            partial.removeAll()
        }
        return lines
    }
}

/// Reads the end of a file without reading all of it (event streams grow to megabytes).
enum TailReader {
    /// The last `count` bytes of the file as text, starting at a line boundary when cut; `nil` when unreadable.
    static func lastBytes(of path: String, count: Int) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let start = size > UInt64(count) ? size - UInt64(count) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        return text
    }
}
