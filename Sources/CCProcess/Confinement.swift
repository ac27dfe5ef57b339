public import CCCore
import CProcessSpawn
import Glibc

/// What a confined process tree may change: the kernel (Landlock) refuses every other write.
///
/// Applied in the child between fork and exec, so it holds for the program and everything it ever
/// starts — shells, `setsid` sessions, double forks — and cannot be lifted from inside. Reading and
/// executing stay free everywhere; the file-system rights handled are every write-type right the
/// kernel's ABI knows (write, truncate, create, remove, rename and link across folders).
public struct Confinement: Sendable, Equatable {
    /// Folders (everything beneath them) and single files the process may write.
    public var writable: [String]
    /// TCP ports the process may connect to; `nil` leaves the network alone (needs ABI 4 otherwise).
    public var connectPorts: [UInt16]?

    public init(writable: [String], connectPorts: [UInt16]? = nil) {
        self.writable = writable
        self.connectPorts = connectPorts
    }

    /// The devices every shell and runtime writes to (`2>/dev/null`, the terminal, ptys).
    public static let devices = [
        "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx", "/dev/pts",
    ]

    /// The kernel's ruleset for this confinement, as an fd the spawner applies in the child.
    func makeRuleset() throws(ConfinementError) -> LandlockRuleset {
        let abi = try Landlock.requireABI()
        if connectPorts != nil, abi < 4 { throw .networkRulesUnsupported(abi: abi) }
        let fd = cclandlock_create(abi, connectPorts == nil ? 0 : 1)
        guard fd >= 0 else { throw .rulesetFailed(errno: -fd) }
        let ruleset = LandlockRuleset(fd: fd)
        for path in writable + Self.devices {
            let result = cclandlock_allow_writes(fd, abi, path)
            // A device this machine lacks is no loss; a folder the caller named must exist.
            if result == -ENOENT, Self.devices.contains(path) { continue }
            guard result == 0 else { throw .pathRejected(path, errno: -result) }
        }
        for port in connectPorts ?? [] {
            let result = cclandlock_allow_connect(fd, port)
            guard result == 0 else { throw .rulesetFailed(errno: -result) }
        }
        return ruleset
    }
}

/// An open Landlock ruleset; closed when the value goes away (the child keeps its own copy).
final class LandlockRuleset {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

/// What this kernel offers for confining processes.
public enum Landlock {
    /// The ABI version, or why there is none.
    public static var availability: Result<Int, ConfinementError> {
        let abi = cclandlock_abi()
        if abi > 0 { return .success(Int(abi)) }
        switch -abi {
        case ENOSYS: return .failure(.unavailable("this kernel has no Landlock (it needs Linux 5.13 or later)"))
        case EOPNOTSUPP:
            return .failure(.unavailable("Landlock is built into this kernel but disabled (add 'landlock' to lsm=)"))
        default:
            return .failure(.unavailable("asking the kernel for Landlock failed: \(String(cString: strerror(-abi)))"))
        }
    }

    static func requireABI() throws(ConfinementError) -> Int32 {
        switch availability {
        case .success(let abi): return Int32(abi)
        case .failure(let error): throw error
        }
    }

    /// One line for `ccteam doctor` and error messages: what confinement this machine gives.
    public static var summary: String {
        switch availability {
        case .success(let abi): summary(abi: abi)
        case .failure(let error): error.message
        }
    }

    /// What Landlock ABI `abi` lets the launcher enforce.
    public static func summary(abi: Int) -> String {
        var parts = ["writes confined to each agent's worktree"]
        if abi >= 4 { parts.append("TCP connect rules") }
        if abi >= 6 { parts.append("signals and abstract sockets scoped") }
        return "Landlock ABI \(abi): " + parts.joined(separator: ", ")
    }
}

/// Confinement that could not be set up. Never silently skipped: the caller refuses to run.
public enum ConfinementError: UserFacingError, Equatable {
    case unavailable(String)
    case networkRulesUnsupported(abi: Int32)
    case rulesetFailed(errno: Int32)
    case pathRejected(String, errno: Int32)

    public var message: String {
        switch self {
        case .unavailable(let reason): reason
        case .networkRulesUnsupported(let abi):
            "network rules need Landlock ABI 4 or later; this kernel offers ABI \(abi)"
        case .rulesetFailed(let code): "creating the Landlock ruleset failed: \(String(cString: strerror(code)))"
        case .pathRejected(let path, let code):
            "cannot allow writes to \(path): \(String(cString: strerror(code)))"
        }
    }

    public var help: String? {
        switch self {
        case .unavailable:
            "run on Linux 5.13 or later with Landlock enabled, or pass --unconfined to give agents your full rights"
        case .networkRulesUnsupported: "run without --network, or on Linux 6.7 or later"
        case .rulesetFailed: "check the kernel's Landlock support with 'ccteam doctor'"
        case .pathRejected: "make sure the folder exists and is readable"
        }
    }
}
