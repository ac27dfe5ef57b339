import CCProcess
import Foundation

/// `ccteam mcp` inside a launch: copies the agent's MCP stream to the launcher's task socket and
/// the answers back, byte for byte. It holds no store and no identity of its own; the launcher
/// decides both (see ``TaskToolBroker``).
public enum TaskToolRelay {
    /// Relays stdin to the socket at `path` and the socket to stdout until the launcher closes it.
    public static func run(socket path: String) throws {
        let connection = try LocalSocket.connect(to: path)
        defer { close(connection) }
        let upstream = Thread {
            copy(from: STDIN_FILENO, to: connection)
            // The agent is done asking: let the launcher finish its answers, then close.
            shutdown(connection, Int32(SHUT_WR))
        }
        upstream.start()
        copy(from: connection, to: STDOUT_FILENO)
    }

    /// Copies until `source` ends or `target` stops taking data.
    static func copy(from source: Int32, to target: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            var sent = 0
            while sent < count {
                let wrote = buffer.withUnsafeBytes { write(target, $0.baseAddress! + sent, count - sent) }
                if wrote < 0, errno == EINTR { continue }
                guard wrote > 0 else { return }
                sent += wrote
            }
        }
    }
}
