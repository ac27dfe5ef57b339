import Foundation

/// A value produced once on one thread and awaited by any number of others, sync or async.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    // Sendable: `state` is only touched while holding `condition`.
    private let condition = NSCondition()
    private var state: Value?
    private var waiters: [CheckedContinuation<Value, Never>] = []

    func fulfil(_ value: Value) {
        condition.lock()
        guard state == nil else {
            condition.unlock()
            return
        }
        state = value
        let resumed = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        for waiter in resumed { waiter.resume(returning: value) }
    }

    /// Blocks the calling thread (never call from the cooperative pool) until the value exists.
    func waitBlocking() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while state == nil { condition.wait() }
        return state!
    }

    /// Suspends until the value exists.
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            condition.lock()
            if let state {
                condition.unlock()
                continuation.resume(returning: state)
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }

    /// The value, if it exists yet.
    var current: Value? {
        condition.lock()
        defer { condition.unlock() }
        return state
    }
}
