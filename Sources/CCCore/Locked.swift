public import Foundation

/// A value guarded by a lock, for state shared between threads (supervisor threads, connection
/// threads) and their callers.
public final class Locked<Value>: @unchecked Sendable {
    // Sendable: every access to `value` holds `lock`.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
