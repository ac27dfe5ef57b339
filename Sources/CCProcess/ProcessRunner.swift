public import Foundation

/// Runs a command to completion under limits and returns how it went.
///
/// Standard output (and, unless `stderr` says otherwise, standard error) is piped and kept, in
/// arrival order, in the result's bounded tail. When the command exits, what is left of its process group is ended too, so a run
/// never leaves processes behind in its group; with a `marker`, processes that left the group but
/// carry the marker in their environment are killed as well.
public enum ProcessRunner {
    /// Runs `command`, feeding `input` on stdin (or `/dev/null`); cancelling the task tears it down.
    /// Pass `stderr: .file(path)` or `.discard` to keep standard error out of the output tail.
    public static func run(
        _ command: ProcessCommand, input: Data? = nil, stderr: ErrorDestination = .tail,
        limits: ProcessLimits = ProcessLimits(), marker: EnvironmentMarker? = nil
    ) async throws -> ProcessResult {
        let supervisor = try start(command, input: input, stderr: stderr, limits: limits, marker: marker)
        return await withTaskCancellationHandler {
            await supervisor.result.value()
        } onCancel: {
            supervisor.requestStop()
        }
    }

    /// Runs `command` and blocks the calling thread until it is done: for synchronous callers only,
    /// never from the cooperative thread pool.
    public static func runBlocking(
        _ command: ProcessCommand, input: Data? = nil, stderr: ErrorDestination = .tail,
        limits: ProcessLimits = ProcessLimits(), marker: EnvironmentMarker? = nil
    ) throws -> ProcessResult {
        try start(command, input: input, stderr: stderr, limits: limits, marker: marker).result.waitBlocking()
    }

    private static func start(
        _ command: ProcessCommand, input: Data?, stderr: ErrorDestination, limits: ProcessLimits,
        marker: EnvironmentMarker?
    ) throws -> ChildSupervisor {
        try ChildSupervisor.start(
            SupervisorConfiguration(
                command: command, input: input, stdout: .tail, stderr: stderr.route, limits: limits, marker: marker))
    }
}
