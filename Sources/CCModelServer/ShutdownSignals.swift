import Glibc

/// SIGTERM and SIGINT, taken synchronously so `ccmodel` shuts down cleanly whatever signal mask
/// its parent passed on: they are blocked in every thread and awaited with `sigwait`, which
/// receives a blocked signal (a child started from a Dispatch thread inherits SIGTERM blocked).
public enum ShutdownSignals {
    private static var signals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks both in the calling thread and so in every thread started after it: call it first,
    /// before the server starts its event loop threads.
    public static func block() {
        var set = signals
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until one of them arrives; returns its number.
    public static func wait() -> Int32 {
        var set = signals
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
