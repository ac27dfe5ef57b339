public import CCCore
import CProcessSpawn
import Glibc

/// Unix-domain stream sockets: how a confined agent's tools reach the launcher. Connecting to a
/// socket by path is not a file write, so it works from inside a confinement; who connected is
/// what the kernel says (``peer(of:)``), not what the peer claims.
public enum LocalSocket {
    /// A listening socket at `path` (which must not exist yet; at most 107 bytes).
    public static func listen(at path: String) throws(LocalSocketError) -> Int32 {
        let fd = ccsocket_listen(path)
        guard fd >= 0 else { throw .listenFailed(path: path, errno: -fd) }
        return fd
    }

    /// The next connection, or `nil` once the listener is shut down.
    public static func accept(_ listener: Int32) -> Int32? {
        let fd = ccsocket_accept(listener)
        return fd >= 0 ? fd : nil
    }

    /// A connection to the socket at `path`.
    public static func connect(to path: String) throws(LocalSocketError) -> Int32 {
        let fd = ccsocket_connect(path)
        guard fd >= 0 else { throw .connectFailed(path: path, errno: -fd) }
        return fd
    }

    /// The process and user at the other end, as recorded when it connected.
    public static func peer(of fd: Int32) -> (pid: Int32, uid: UInt32)? {
        var pid: pid_t = 0
        var uid: uid_t = 0
        guard ccsocket_peer(fd, &pid, &uid) == 0 else { return nil }
        return (pid, uid)
    }

    /// Wakes a thread blocked in ``accept(_:)`` on `listener`, which then returns `nil`.
    public static func shutDown(_ listener: Int32) {
        _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))
    }
}

/// A socket that could not be opened.
public enum LocalSocketError: UserFacingError, Equatable {
    case listenFailed(path: String, errno: Int32)
    case connectFailed(path: String, errno: Int32)

    public var message: String {
        switch self {
        case .listenFailed(let path, let code):
            "cannot listen on the socket \(path): \(String(cString: strerror(code)))"
        case .connectFailed(let path, let code):
            "cannot reach the launcher's task socket \(path): \(String(cString: strerror(code)))"
        }
    }

    public var help: String? {
        switch self {
        case .listenFailed: "check that the temporary folder is writable and its path short"
        case .connectFailed: "the team's launcher has stopped; start it again with 'ccteam resume'"
        }
    }
}
