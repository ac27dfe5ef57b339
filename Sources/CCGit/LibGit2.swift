import CGit2
import Foundation

/// Process-wide libgit2 set-up, done once and never undone (handles may live until exit).
enum LibGit2 {
    /// Touch before any libgit2 call; Swift runs a global initialiser exactly once, thread-safely.
    static let ready: Void = {
        _ = git_libgit2_init()
    }()

    /// The current thread's last libgit2 error text; read it right after the failing call.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let text = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Throws ``GitError/operationFailed`` when `code` is negative, naming `operation`.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
        guard code < 0 else { return code }
        throw GitError.operationFailed(operation: operation(), detail: lastErrorMessage())
    }
}

/// Passes `strings` to libgit2 as a `git_strarray` valid for the duration of `body`.
func withStrArray<Result>(
    _ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> Result
) rethrows -> Result {
    let pointers = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: max(strings.count, 1))
    for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
    defer {
        for index in strings.indices { free(pointers[index]) }
        pointers.deallocate()
    }
    var array = git_strarray(strings: pointers, count: strings.count)
    return try body(&array)
}

extension String {
    /// Decodes bytes that may not be UTF-8 (paths, file lines), replacing invalid sequences.
    init(bytes pointer: UnsafePointer<CChar>, count: Int) {
        self = pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
