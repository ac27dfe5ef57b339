import Foundation

/// Asks the kernel about processes named in team and run records, and signals them.
///
/// Reads `/proc` rather than trusting `kill(pid, 0)` alone: a killed child whose parent has not
/// reaped it yet is a zombie, which `kill` still finds but which will never do anything again.
enum ProcessProbe {
    /// Whether `pid` is a live process (not a zombie), ours or not.
    static func isAlive(_ pid: Int32) -> Bool { isAlive(pid, startTicks: nil) }

    /// Whether the process a record names is still alive: `pid` is alive and, when the record
    /// kept its start time, started then. A pid reused by a later process does not count.
    static func isAlive(_ pid: Int32, startTicks: UInt64?) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // Without /proc a live pid is taken at its word, unless a start time must be checked.
        guard let stat = stat(of: pid) else { return startTicks == nil }
        return stat.state != "Z" && stat.state != "X" && startTicks.map { $0 == stat.startTicks } ?? true
    }

    /// When `pid` started, in clock ticks after boot; `nil` when it is gone (or on a system
    /// without `/proc`).
    static func startTicks(of pid: Int32) -> UInt64? {
        stat(of: pid)?.startTicks
    }

    /// Whether process group `pid` is still the one a record names: its leader is the recorded
    /// process, or the leader is gone and members remain. (Linux keeps a pid number reserved while
    /// any process uses it as a group id, so a group outliving its leader cannot be a stranger's,
    /// while a live process with another start time means the whole group is gone.)
    static func groupIsStill(_ pid: Int32, startTicks: UInt64?) -> Bool {
        if isAlive(pid, startTicks: startTicks) { return true }
        return !isAlive(pid) && groupIsAlive(pid)
    }

    /// Whether any live process belongs to process group `group`.
    static func groupIsAlive(_ group: Int32) -> Bool {
        guard group > 0 else { return false }
        return livingMembers(ofGroup: group).contains { _ in true }
    }

    /// Sends `signal` to the process group led by `pid`, or to `pid` alone when it leads no group.
    @discardableResult
    static func signalGroup(_ pid: Int32, _ signal: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(-pid, signal) == 0 { return true }
        return kill(pid, signal) == 0
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` seconds pass; returns whether it held.
    static func wait(upTo timeout: TimeInterval, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if condition() { return true }
            if Date() >= deadline { return false }
            usleep(50_000)
        }
    }

    /// What `/proc/PID/stat` says of one process, parsed after the command name's last `)`
    /// (fields 3, 4, 5, 6 and 22).
    struct Stat {
        var state: Character
        var parent: Int32
        var group: Int32
        var session: Int32
        var startTicks: UInt64
    }

    static func stat(of pid: Int32) -> Stat? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let parent = Int32(fields[1]),
            let group = Int32(fields[2]), let session = Int32(fields[3]), let start = UInt64(fields[19])
        else { return nil }
        return Stat(state: state, parent: parent, group: group, session: session, startTicks: start)
    }

    /// `pid` and its ancestors up to init, each with its stat: who a process descends from. A
    /// process cannot choose its parent or join a session it did not start, so the chain and the
    /// sessions on it say which agent's tree a process belongs to, whatever its environment says.
    static func lineage(of pid: Int32) -> [(pid: Int32, stat: Stat)] {
        var chain: [(pid: Int32, stat: Stat)] = []
        var current = pid
        while current > 1, chain.count < 128, let info = stat(of: current) {
            chain.append((current, info))
            current = info.parent
        }
        return chain
    }

    private static func livingMembers(ofGroup group: Int32) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { Int32($0) }.filter { pid in
            guard let info = stat(of: pid) else { return false }
            return info.group == group && info.state != "Z" && info.state != "X"
        }
    }
}
