import CCCore
import CProcessSpawn
import Foundation
import Glibc

/// Turns SIGINT/SIGTERM sent to this process into a callback, so the launcher can tear its agents
/// down instead of dying with them orphaned.
///
/// A classic self-pipe: the C handler only writes the signal number to a pipe, and one dedicated
/// thread reads it and calls the handlers. This works whatever signal mask other threads have
/// (Dispatch signal sources on Linux depend on those masks). While a trap is installed its signals
/// lose their default effect; ``cancel()`` (or releasing the trap) restores the default once no
/// other trap wants the signal.
public final class SignalTrap: Sendable {
    /// SIGINT and SIGTERM: what Ctrl-C and `kill` send.
    public static let interruptAndTerminate: [Int32] = [SIGINT, SIGTERM]

    private let id: Int
    private let signals: [Int32]

    /// Calls `handler` with the signal number each time one of `signals` arrives, on the trap thread.
    public init(signals: [Int32] = SignalTrap.interruptAndTerminate, handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        id = TrapRegistry.shared.add(signals: signals, handler: handler)
    }

    /// Stops calling the handler; signals no other trap wants get their default action back.
    public func cancel() {
        TrapRegistry.shared.remove(id: id)
    }

    deinit { cancel() }
}

/// The process-wide side of ``SignalTrap``: the pipe, the reader thread, the live handlers.
private final class TrapRegistry: Sendable {
    static let shared = TrapRegistry()

    private struct Entry {
        var signals: [Int32]
        var handler: @Sendable (Int32) -> Void
    }

    private let entries = Locked<(next: Int, live: [Int: Entry])>((0, [:]))

    private init() {
        var fds: [Int32] = [-1, -1]
        _ = ccspawn_pipe_cloexec(&fds)
        let readFD = fds[0]
        ccsignal_set_trap_fd(fds[1])
        let entries = self.entries
        let reader = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readFD, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                let number = Int32(byte)
                let handlers = entries.withLock { state in
                    state.live.values.filter { $0.signals.contains(number) }.map(\.handler)
                }
                for handler in handlers { handler(number) }
            }
        }
        reader.name = "ccprocess-signal-trap"
        reader.start()
    }

    func add(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) -> Int {
        entries.withLock { state in
            let id = state.next
            state.next += 1
            state.live[id] = Entry(signals: signals, handler: handler)
            for number in signals { ccsignal_trap(number) }
            return id
        }
    }

    func remove(id: Int) {
        entries.withLock { state in
            guard let removed = state.live.removeValue(forKey: id) else { return }
            let stillWanted = Set(state.live.values.flatMap(\.signals))
            for number in removed.signals where !stillWanted.contains(number) { ccsignal_default(number) }
        }
    }
}
