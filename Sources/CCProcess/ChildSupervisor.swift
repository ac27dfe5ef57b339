import CCCore
import Foundation
import Glibc

/// Where one of the child's output streams goes.
enum OutputRoute: Sendable {
    /// Piped, kept only in the result's combined tail.
    case tail
    /// Piped, split into lines for `handler` (on the supervisor's thread), and kept in the tail.
    case lines(maxLineBytes: Int, handler: @Sendable (OutputLine) -> Void)
    /// Appended to a file; not seen by the supervisor.
    case file(String)
    /// Thrown away (`/dev/null`).
    case discard
}

/// Everything the supervisor needs to start and watch one child.
struct SupervisorConfiguration: Sendable {
    var command: ProcessCommand
    var input: Data?
    var stdout: OutputRoute
    var stderr: OutputRoute
    var limits: ProcessLimits
    var marker: EnvironmentMarker?
    /// Called on the supervisor's thread once the child and its group are gone, before waiters wake.
    var onFinish: (@Sendable (ProcessResult) -> Void)?
}

/// Owns one child: spawns it, pumps its pipes, enforces its limits, tears it down, reaps it.
///
/// Two dedicated threads per child, never the cooperative pool: one blocks in `waitpid`, the other
/// runs a `poll` loop over the pipes and a wake-up pipe the waiter and ``requestStop()`` write to.
final class ChildSupervisor: Sendable {
    /// What the loop learns from other threads.
    private struct Control {
        var stopRequested = false
        var waitStatus: Int32?
        /// Set when the loop has ended and closed the wake pipe: nobody may write to it any more.
        var finished = false
    }

    let pid: pid_t
    let result = OneShot<ProcessResult>()
    private let wakeWrite: Int32
    private let control = Locked(Control())

    private init(pid: pid_t, wakeWrite: Int32) {
        self.pid = pid
        self.wakeWrite = wakeWrite
    }

    /// Asks for the teardown sequence (reason ``StopReason/requested``); harmless once finished.
    func requestStop() {
        control.withLock { control in
            control.stopRequested = true
            if !control.finished { Self.poke(wakeWrite) }
        }
    }

    private static func poke(_ fd: Int32) {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }

    /// Spawns the child and starts its threads; throws only if the child could not be started.
    static func start(_ configuration: SupervisorConfiguration) throws -> ChildSupervisor {
        var command = configuration.command
        if let marker = configuration.marker { command.environment[marker.name] = marker.value }
        var parentFDs: [Int32] = []  // closed on failure
        var childFDs: [Int32] = []  // always closed after the spawn
        defer { childFDs.forEach { close($0) } }
        do {
            let stdinFD: Int32?
            let childStdin: Int32
            if configuration.input != nil {
                let pipe = try FileDescriptors.pipe(for: command)
                (stdinFD, childStdin) = (pipe.write, pipe.read)
                parentFDs.append(pipe.write)
            } else {
                (stdinFD, childStdin) = (nil, try FileDescriptors.devNull())
            }
            childFDs.append(childStdin)
            func route(_ route: OutputRoute) throws -> (parent: Int32?, child: Int32) {
                switch route {
                case .tail, .lines:
                    let pipe = try FileDescriptors.pipe(for: command)
                    parentFDs.append(pipe.read)
                    childFDs.append(pipe.write)
                    return (pipe.read, pipe.write)
                case .file(let path):
                    let fd = try FileDescriptors.appendFile(path)
                    childFDs.append(fd)
                    return (nil, fd)
                case .discard:
                    let fd = try FileDescriptors.devNull()
                    childFDs.append(fd)
                    return (nil, fd)
                }
            }
            let out = try route(configuration.stdout)
            let err: (parent: Int32?, child: Int32)
            if case .tail = configuration.stdout, case .tail = configuration.stderr {
                // One pipe for both, as on a terminal: the tail keeps their true interleaving.
                err = (nil, out.child)
            } else {
                err = try route(configuration.stderr)
            }
            let wake = try FileDescriptors.pipe(for: command)
            parentFDs += [wake.read, wake.write]
            FileDescriptors.setNonBlocking(wake.read)
            let started = ContinuousClock.now
            let pid = try Spawner.spawn(
                command, streams: ChildStreams(stdin: childStdin, stdout: out.child, stderr: err.child))

            let supervisor = ChildSupervisor(pid: pid, wakeWrite: wake.write)
            let waiter = Thread { supervisor.waitForExit() }
            waiter.name = "ccprocess-wait-\(pid)"
            waiter.start()
            var streams: [PipedStream] = []
            if let fd = out.parent { streams.append(PipedStream(fd: fd, route: configuration.stdout)) }
            if let fd = err.parent { streams.append(PipedStream(fd: fd, route: configuration.stderr)) }
            let loop = SupervisorLoop(
                pid: pid, started: started, configuration: configuration, streams: streams,
                stdinFD: stdinFD, wakeRead: wake.read)
            let pump = Thread { supervisor.run(loop) }
            pump.name = "ccprocess-io-\(pid)"
            pump.start()
            return supervisor
        } catch {
            parentFDs.forEach { close($0) }
            throw error
        }
    }

    /// The waiter thread: blocks in `waitpid` (this reaps the child: no zombie), then wakes the loop.
    private func waitForExit() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno == EINTR { continue }
            // Someone else reaped it (SIGCHLD ignored process-wide): report exit status 255.
            status = 0xff00
            break
        }
        control.withLock { control in
            control.waitStatus = status
            if !control.finished { Self.poke(wakeWrite) }
        }
    }

    /// The I/O thread: runs the loop, then publishes the result.
    private func run(_ loop: SupervisorLoop) {
        var loop = loop
        let outcome = loop.run { [control] in
            control.withLock { ($0.stopRequested, $0.waitStatus) }
        }
        control.withLock { control in
            control.finished = true
            close(loop.wakeRead)
            close(wakeWrite)
        }
        loop.configuration.onFinish?(outcome)
        result.fulfil(outcome)
    }
}
