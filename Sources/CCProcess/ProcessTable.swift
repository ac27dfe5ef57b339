import Foundation
import Glibc

/// Reads the kernel's process table under `/proc`: who is in a process group, who carries a marker.
enum ProcessTable {
    /// Every numeric entry of `/proc`, i.e. every visible process id.
    static func allPIDs() -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var pids: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let pid = pid_t(name), pid > 0 { pids.append(pid) }
        }
        return pids
    }

    /// Reads a whole small `/proc` file, or `nil` if the process is gone or not ours to read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// The state letter and process group of `pid` from `/proc/PID/stat`.
    static func stateAndGroup(of pid: pid_t) -> (state: Character, group: pid_t)? {
        guard let bytes = read("/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = pid_t(fields[2]) else { return nil }
        return (state, group)
    }

    /// Processes of group `group` that are still running (zombies, already dead, are left out).
    static func livingMembers(ofGroup group: pid_t) -> [pid_t] {
        allPIDs().filter { pid in
            guard let info = stateAndGroup(of: pid) else { return false }
            return info.group == group && info.state != "Z" && info.state != "X"
        }
    }

    /// Processes (other than this one) whose environment holds `marker` exactly.
    static func carriers(of marker: EnvironmentMarker) -> [pid_t] {
        let wanted = Array(marker.entry.utf8)
        let me = getpid()
        return allPIDs().filter { pid in
            guard pid != me, let environment = read("/proc/\(pid)/environ") else { return false }
            return environment.split(separator: 0, omittingEmptySubsequences: true).contains {
                $0.elementsEqual(wanted)
            }
        }
    }
}

/// Finds and kills processes that outlived their run, by the marker in their environment.
public enum LeftoverSweeper {
    /// SIGKILLs every process (other than the caller) whose environment holds `marker`, repeating
    /// until none is left (a leftover may fork while we kill), at most `rounds` times.
    ///
    /// Returns the ids killed. Killed processes whose parent is not us become zombies until their
    /// parent (or init) reaps them; they no longer match, since a zombie's environment reads empty.
    @discardableResult
    public static func killProcesses(carrying marker: EnvironmentMarker, rounds: Int = 10) -> [Int32] {
        var killed: [Int32] = []
        for _ in 0..<rounds {
            let found = ProcessTable.carriers(of: marker)
            if found.isEmpty { break }
            for pid in found {
                // Stop first so it cannot fork again between the scan and the kill.
                kill(pid, SIGSTOP)
            }
            for pid in found where kill(pid, SIGKILL) == 0 && !killed.contains(pid) {
                killed.append(pid)
            }
            usleep(2000)
        }
        return killed
    }

    /// The ids of processes (other than the caller) whose environment holds `marker`.
    public static func processes(carrying marker: EnvironmentMarker) -> [Int32] {
        ProcessTable.carriers(of: marker)
    }
}
