public import Foundation

/// Where a supervised process's standard error goes.
public enum ErrorDestination: Sendable, Equatable {
    /// Appended to this file (created if missing).
    case file(String)
    /// Piped into the result's output tail, beside standard output.
    case tail
    /// Thrown away.
    case discard
}

extension ErrorDestination {
    var route: OutputRoute {
        switch self {
        case .file(let path): .file(path)
        case .tail: .tail
        case .discard: .discard
        }
    }
}

/// A long-running child (an agent) whose standard output arrives line by line while it runs.
///
/// The child leads its own session. ``stop()`` and every limit run the same teardown: SIGTERM to
/// the process group, SIGKILL after the grace period, then SIGKILL for every process whose
/// environment carries the marker (which the child's environment is given). The child is always
/// reaped.
public final class SupervisedProcess: Sendable {
    /// The child's process id, which is also its process group and session id.
    public let pid: Int32
    private let supervisor: ChildSupervisor

    private init(_ supervisor: ChildSupervisor) {
        self.supervisor = supervisor
        self.pid = supervisor.pid
    }

    /// Starts `command`; `onLine` receives each stdout line in order, on the supervisor's thread
    /// (keep it short: a slow handler slows the reading). A line longer than `maxLineBytes` is
    /// delivered cut, with ``OutputLine/truncated`` set.
    public static func start(
        _ command: ProcessCommand, input: Data? = nil, stderr: ErrorDestination = .discard,
        limits: ProcessLimits = ProcessLimits(), marker: EnvironmentMarker? = nil,
        maxLineBytes: Int = 16 * 1024 * 1024, onFinish: (@Sendable (ProcessResult) -> Void)? = nil,
        onLine: @escaping @Sendable (OutputLine) -> Void
    ) throws -> SupervisedProcess {
        let supervisor = try ChildSupervisor.start(
            SupervisorConfiguration(
                command: command, input: input, stdout: .lines(maxLineBytes: maxLineBytes, handler: onLine),
                stderr: stderr.route, limits: limits, marker: marker, onFinish: onFinish))
        return SupervisedProcess(supervisor)
    }

    /// Starts `command` and returns its stdout lines as a stream that ends when the process is done.
    public static func startStreaming(
        _ command: ProcessCommand, input: Data? = nil, stderr: ErrorDestination = .discard,
        limits: ProcessLimits = ProcessLimits(), marker: EnvironmentMarker? = nil,
        maxLineBytes: Int = 16 * 1024 * 1024
    ) throws -> (process: SupervisedProcess, lines: AsyncStream<OutputLine>) {
        let (stream, continuation) = AsyncStream.makeStream(of: OutputLine.self)
        let process = try start(
            command, input: input, stderr: stderr, limits: limits, marker: marker, maxLineBytes: maxLineBytes,
            onFinish: { _ in continuation.finish() }, onLine: { continuation.yield($0) })
        return (process, stream)
    }

    /// Starts the teardown sequence; returns at once. The result says ``StopReason/requested``.
    public func stop() {
        supervisor.requestStop()
    }

    /// Waits until the child, its group and its marked leftovers are gone.
    public func wait() async -> ProcessResult {
        await supervisor.result.value()
    }

    /// Blocks the calling thread (never the cooperative pool) until the process is done.
    public func waitBlocking() -> ProcessResult {
        supervisor.result.waitBlocking()
    }

    /// The result if the process is already done, else `nil`.
    public var result: ProcessResult? { supervisor.result.current }
}
