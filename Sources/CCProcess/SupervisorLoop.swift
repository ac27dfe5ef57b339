import Foundation
import Glibc

/// One piped output stream of the child, as the loop reads it.
struct PipedStream {
    var fd: Int32
    var route: OutputRoute
    var splitter: LineSplitter?

    init(fd: Int32, route: OutputRoute) {
        self.fd = fd
        self.route = route
        if case .lines(let maxLineBytes, _) = route { splitter = LineSplitter(maxLineBytes: maxLineBytes) }
        FileDescriptors.setNonBlocking(fd)
    }
}

/// The state machine of one supervised child, run on its I/O thread.
///
/// Phases: running → (limit hit or stop requested: SIGTERM to the group, SIGKILL after grace) →
/// leader exited → group cleared (SIGTERM, grace, SIGKILL to members left behind) → marker sweep →
/// pipes drained (bounded) → result.
struct SupervisorLoop {
    let pid: pid_t
    let started: ContinuousClock.Instant
    let configuration: SupervisorConfiguration
    var streams: [PipedStream]
    var stdinFD: Int32?
    let wakeRead: Int32

    private var input: [UInt8] = []
    private var inputOffset = 0
    private var tail: ByteTail
    private var lastOutput: ContinuousClock.Instant
    private var stopReason: StopReason?
    private var killAt: ContinuousClock.Instant?
    private var killSent = false
    private var waitStatus: Int32?
    private var groupKillAt: ContinuousClock.Instant?
    private var groupGiveUpAt: ContinuousClock.Instant?
    private var groupCleared = false
    private var drainUntil: ContinuousClock.Instant?
    private var leftovers: [Int32] = []
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// How long pipes are still read after the whole group is gone, in case a process outside the
    /// group (and without the marker) still holds them open.
    private static let drainGrace = Duration.milliseconds(500)
    /// How often the group is re-checked while members linger after the leader's exit.
    private static let groupPoll = Duration.milliseconds(20)

    init(
        pid: pid_t, started: ContinuousClock.Instant, configuration: SupervisorConfiguration,
        streams: [PipedStream], stdinFD: Int32?, wakeRead: Int32
    ) {
        self.pid = pid
        self.started = started
        self.configuration = configuration
        self.streams = streams
        self.stdinFD = stdinFD
        self.wakeRead = wakeRead
        self.input = configuration.input.map(Array.init) ?? []
        self.tail = ByteTail(capacity: configuration.limits.tailBytes)
        self.lastOutput = started
        if let stdinFD { FileDescriptors.setNonBlocking(stdinFD) }
    }

    /// Runs until the child is reaped, its group is gone and its pipes are drained.
    mutating func run(control: () -> (stopRequested: Bool, waitStatus: Int32?)) -> ProcessResult {
        let limits = configuration.limits
        while true {
            let timeout = pollTimeout(now: .now)
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            for stream in streams { fds.append(pollfd(fd: stream.fd, events: Int16(POLLIN), revents: 0)) }
            if let stdinFD { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { usleep(1000) }

            if fds[0].revents != 0 { drainWake() }
            // Read every stream that is ready; iterate from the back so removal keeps indices valid.
            for index in streams.indices.reversed() where fds[index + 1].revents != 0 {
                readStream(at: index)
            }
            if let stdinFD, fds.last?.fd == stdinFD, fds.last!.revents != 0 { writeInput() }

            // Read the shared state last, right before acting on it: once the child is reaped its
            // pid may only be signalled while its group still has members holding the id.
            let (stopRequested, status) = control()
            if let status, waitStatus == nil { waitStatus = status }
            let now = ContinuousClock.now
            // A child that ended by itself is not "stopped"; what is left of its group is handled
            // by clearGroup.
            if stopReason == nil, waitStatus == nil {
                if stopRequested {
                    beginTeardown(.requested, now: now)
                } else if let budget = limits.outputBudget, tail.totalBytes > budget {
                    beginTeardown(.budgetExceeded, now: now)
                } else if let timeout = limits.timeout, now - started >= timeout {
                    beginTeardown(.timedOut, now: now)
                } else if let idle = limits.idleTimeout, now - lastOutput >= idle {
                    beginTeardown(.idle, now: now)
                }
            }
            if waitStatus == nil, let killAt, !killSent, now >= killAt {
                kill(-pid, SIGKILL)
                killSent = true
            }
            if waitStatus != nil {
                closeInput()
                if !groupCleared { clearGroup(now: now) }
                if groupCleared {
                    if streams.isEmpty { break }
                    if let drainUntil, now >= drainUntil { break }
                }
            }
        }
        for index in streams.indices.reversed() { closeStream(at: index) }
        closeInput()
        return ProcessResult(
            pid: pid, termination: ProcessTermination(waitStatus: waitStatus ?? 0xff00), stopReason: stopReason,
            duration: .now - started, output: String(decoding: tail.bytes, as: UTF8.self),
            outputByteCount: tail.totalBytes, outputTruncated: tail.truncated, leftoversKilled: leftovers)
    }

    /// SIGTERM to the whole group now, SIGKILL once the grace period is over.
    private mutating func beginTeardown(_ reason: StopReason, now: ContinuousClock.Instant) {
        stopReason = reason
        closeInput()
        kill(-pid, SIGTERM)
        killAt = now + configuration.limits.grace
    }

    /// After the leader's exit: ends what is left of its group, then sweeps for the marker.
    private mutating func clearGroup(now: ContinuousClock.Instant) {
        // kill(-pgid, 0) fails with ESRCH once the group is empty: the common case needs no /proc scan.
        // Signalling -pid after the reap is safe: while members live they hold the id, and once the
        // group is empty this check runs within the same loop turn, far too soon for the kernel to
        // hand the id to a new group leader.
        let living = kill(-pid, 0) == 0 ? ProcessTable.livingMembers(ofGroup: pid) : []
        if living.isEmpty || (groupGiveUpAt.map { now >= $0 } ?? false) {
            groupCleared = true
            if let marker = configuration.marker {
                leftovers = LeftoverSweeper.killProcesses(carrying: marker)
            }
            drainUntil = now + Self.drainGrace
            return
        }
        if groupKillAt == nil {
            if let killAt {
                // A teardown already sent SIGTERM; keep its deadline.
                groupKillAt = killAt
            } else {
                kill(-pid, SIGTERM)
                groupKillAt = now + configuration.limits.grace
            }
        }
        if let groupKillAt, now >= groupKillAt, groupGiveUpAt == nil {
            kill(-pid, SIGKILL)
            // A process in uninterruptible sleep may take a moment; do not wait for it forever.
            groupGiveUpAt = now + .seconds(2)
        }
    }

    private func pollTimeout(now: ContinuousClock.Instant) -> Int32 {
        let limits = configuration.limits
        var deadlines: [ContinuousClock.Instant] = []
        if stopReason == nil {
            if let timeout = limits.timeout { deadlines.append(started + timeout) }
            if let idle = limits.idleTimeout, waitStatus == nil { deadlines.append(lastOutput + idle) }
        }
        if waitStatus == nil, let killAt, !killSent { deadlines.append(killAt) }
        if waitStatus != nil {
            if !groupCleared { deadlines.append(now + Self.groupPoll) }
            if let drainUntil { deadlines.append(drainUntil) }
        }
        guard let next = deadlines.min() else { return -1 }
        let wait = next - now
        if wait <= .zero { return 0 }
        let (seconds, attoseconds) = wait.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    private func drainWake() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    private mutating func readStream(at index: Int) {
        let fd = streams[index].fd
        let count = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if count <= 0 {
            closeStream(at: index)
            return
        }
        lastOutput = .now
        readBuffer.withUnsafeBytes { raw in
            let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            tail.append(chunk)
            if case .lines(_, let handler) = streams[index].route {
                streams[index].splitter?.feed(chunk, emit: handler)
            }
        }
    }

    private mutating func closeStream(at index: Int) {
        if case .lines(_, let handler) = streams[index].route {
            streams[index].splitter?.finish(emit: handler)
        }
        close(streams[index].fd)
        streams.remove(at: index)
    }

    private mutating func writeInput() {
        guard let stdinFD else { return }
        if inputOffset < input.count {
            let written = input.withUnsafeBytes { raw in
                write(stdinFD, raw.baseAddress! + inputOffset, min(64 * 1024, input.count - inputOffset))
            }
            if written > 0 {
                inputOffset += written
            } else if written < 0 && errno != EAGAIN && errno != EINTR {
                closeInput()  // EPIPE: the child closed its stdin; what it did not read is dropped.
                return
            }
        }
        if inputOffset >= input.count { closeInput() }
    }

    private mutating func closeInput() {
        if let stdinFD {
            close(stdinFD)
            self.stdinFD = nil
        }
    }
}
