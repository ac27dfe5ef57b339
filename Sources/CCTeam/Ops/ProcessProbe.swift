import Foundation

/// Asks the kernel about processes named in team and run records, and signals them.
///
/// Reads `/proc` rather than trusting `kill(pid, 0)` alone: a killed child whose parent has not
/// reaped it yet is a zombie, which `kill` still finds but which will never do anything again.
enum ProcessProbe {
    /// Whether `pid` is a live process (not a zombie), ours or not.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = stat(of: pid) else { return true }
        return stat.state != "Z" && stat.state != "X"
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

    /// State letter and process group from `/proc/PID/stat`, parsed after the command name's last `)`.
    static func stat(of pid: Int32) -> (state: Character, group: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = Int32(fields[2]) else { return nil }
        return (state, group)
    }

    private static func livingMembers(ofGroup group: Int32) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { Int32($0) }.filter { pid in
            guard let info = stat(of: pid) else { return false }
            return info.group == group && info.state != "Z" && info.state != "X"
        }
    }
}
