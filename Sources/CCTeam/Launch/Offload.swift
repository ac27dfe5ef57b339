import Foundation

/// Runs blocking work (libgit2, a test command, file scans) on a thread of its own, so it never
/// occupies one of the few threads of Swift's cooperative pool (two on a two-core machine).
func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
