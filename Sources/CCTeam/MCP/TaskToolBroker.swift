public import CCCore
import CCProcess
public import Foundation

/// The launcher's end of the agents' task tools. Agents never open the task store themselves: the
/// `ccteam mcp` each one starts relays its MCP stream to this socket, and the launcher serves it
/// with its own store and the identity of the run the connecting process belongs to.
///
/// That identity is bound by the kernel, not by the caller: the peer's pid comes from SO_PEERCRED,
/// and it counts as run R's only when R's agent process is its ancestor or leads its session (a
/// process can neither pick its parent nor join a session it did not start). Environment variables
/// an agent sets, and a connection from any other process, change nothing; the latter is refused.
public final class TaskToolBroker: Sendable {
    /// The socket agents connect to (handed to them as `CCTEAM_MCP_SOCKET`).
    public let socketPath: String
    private let folder: String
    private let listener: Int32
    private let store: TaskStore
    private let settings: TeamSettings
    private let runs = Locked<[Int32: RegisteredRun]>([:])
    /// How long a connection from a process not yet registered waits for its run to be (the
    /// agent can start its tools before the launcher has recorded its pid).
    private let registrationGrace: Duration
    private let redact: @Sendable (String) -> String

    private struct RegisteredRun {
        var startTicks: UInt64?
        var identity: Identity
    }

    /// The environment variable that tells `ccteam mcp` to relay to the launcher.
    public static let socketVariable = "CCTEAM_MCP_SOCKET"

    /// Listens on a fresh socket in a private folder under the system temporary folder (socket
    /// paths are limited to 107 bytes, too short for a path inside a deep repository).
    public init(
        store: TaskStore, settings: TeamSettings, registrationGrace: Duration = .seconds(3),
        redact: @escaping @Sendable (String) -> String = { $0 }
    ) throws {
        var template = Array((NSTemporaryDirectory() + "/ccteam-mcp-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ToolError("cannot create a folder for the task socket under \(NSTemporaryDirectory())")
        }
        folder = String(cString: made)
        socketPath = folder + "/tasks.sock"
        listener = try LocalSocket.listen(at: socketPath)
        self.store = store
        self.settings = settings
        self.registrationGrace = registrationGrace
        self.redact = redact
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "ccteam task broker"
        thread.start()
    }

    /// Binds connections from `pid`'s process tree to `identity` until ``unregister(pid:)``.
    public func register(pid: Int32, identity: Identity) {
        let ticks = ProcessProbe.startTicks(of: pid)
        runs.withLock { $0[pid] = RegisteredRun(startTicks: ticks, identity: identity) }
    }

    public func unregister(pid: Int32) {
        _ = runs.withLock { $0.removeValue(forKey: pid) }
    }

    /// Stops accepting connections and removes the socket.
    public func close() {
        LocalSocket.shutDown(listener)
        unlink(socketPath)
        rmdir(folder)
    }

    /// The identity of the run `pid` belongs to, or `nil` for a process no run of ours started.
    func identity(of pid: Int32) -> Identity? {
        let chain = ProcessProbe.lineage(of: pid)
        return runs.withLock { runs in
            for (ancestor, stat) in chain {
                for candidate in [ancestor, stat.session] {
                    guard let run = runs[candidate] else { continue }
                    // A recorded pid reused by a stranger's process is not the run.
                    if candidate == ancestor, let ticks = run.startTicks, ticks != stat.startTicks { continue }
                    return run.identity
                }
            }
            return nil
        }
    }

    private func acceptLoop() {
        while let connection = LocalSocket.accept(listener) {
            Task { await self.serve(connection) }
        }
        Glibc.close(listener)
    }

    private func serve(_ connection: Int32) async {
        defer { Glibc.close(connection) }
        guard let peer = LocalSocket.peer(of: connection), peer.uid == getuid(),
            let identity = await waitForIdentity(of: peer.pid)
        else {
            let refusal =
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"ccteam: this process is not part of a run the launcher started"}}"#
                + "\n"
            _ = refusal.withCString { write(connection, $0, strlen($0)) }
            return
        }
        let tools = TaskTools(store: store, identity: identity, settings: settings, redact: redact)
        try? await TaskToolServer.serve(tools, on: LenientStdioTransport(input: connection, output: connection))
    }

    private func waitForIdentity(of pid: Int32) async -> Identity? {
        let deadline = ContinuousClock.now + registrationGrace
        while true {
            if let identity = identity(of: pid) { return identity }
            guard ContinuousClock.now < deadline, ProcessProbe.isAlive(pid) else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
