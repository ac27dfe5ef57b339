public import CCCore
public import CCProcess
import CCVerify
public import Foundation

/// Everything needed to start one agent process run.
public struct AgentRunSpec: Sendable {
    public var runID: String
    public var identity: Identity
    /// The program, its arguments, working directory and complete environment (identity included).
    public var command: ProcessCommand
    /// Fed on standard input (the `command` backend reads its prompt there).
    public var input: Data?
    /// The exact prompt the agent was given, kept as `prompt.md`.
    public var prompt: String
    public var worktree: String
    public var branch: String?
    public var baseCommit: String
    public var model: String?
    public var scope: [String]
    public var limits: ProcessLimits

    public init(
        runID: String, identity: Identity, command: ProcessCommand, input: Data?, prompt: String, worktree: String,
        branch: String?, baseCommit: String, model: String?, scope: [String], limits: ProcessLimits
    ) {
        self.runID = runID
        self.identity = identity
        self.command = command
        self.input = input
        self.prompt = prompt
        self.worktree = worktree
        self.branch = branch
        self.baseCommit = baseCommit
        self.model = model
        self.scope = scope
        self.limits = limits
    }
}

/// One supervised agent process: its run folder, its event stream and its verdict.
///
/// The run folder (`.ccteam/runs/<run-id>/`) gets `prompt.md` first, `meta.json` while running and
/// again at the end, every stdout line in `events.ndjson` (secrets redacted; a line that is not JSON
/// is wrapped so the file stays NDJSON), and stderr in `stderr.log`. A run *succeeded* only when the
/// stream ended with a result that is not an error: a silent exit, an error result or no result at
/// all is a failure, whatever the exit status says.
public final class AgentRun: Sendable {
    public let spec: AgentRunSpec
    public let directory: URL
    private let process: SupervisedProcess
    private let state: RunState
    private let store: RunStore
    private let redact: @Sendable (String) -> String

    /// Starts the agent. `redact` masks secrets in each line before it is written; `onEvent` sees
    /// every parsed event as it arrives (on the supervisor's thread: keep it short).
    public static func start(
        _ spec: AgentRunSpec, stateRoot: URL, redact: @escaping @Sendable (String) -> String,
        onEvent: @escaping @Sendable (AgentEvent) -> Void
    ) throws -> AgentRun {
        let store = RunStore(root: stateRoot)
        let directory = store.directory(for: spec.runID)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Records are masked; the agent itself gets its prompt as composed.
        try Data(redact(spec.prompt).utf8).write(to: directory.appendingPathComponent("prompt.md"))
        let events = try EventLog(url: directory.appendingPathComponent("events.ndjson"))
        let record = RunRecord(
            runId: spec.runID, team: spec.identity.team, agentId: spec.identity.agentID,
            agentType: spec.identity.agentType.rawValue, taskId: spec.identity.taskID, worktree: spec.worktree,
            branch: spec.branch, baseCommit: spec.baseCommit,
            command: ([spec.command.executable] + spec.command.arguments).map(redact), startedAt: Date(),
            status: .running, model: nil, requestedModel: spec.model, scope: spec.scope.isEmpty ? nil : spec.scope)
        try store.saveRun(record)
        let state = RunState(record: record)
        let process = try SupervisedProcess.start(
            spec.command, input: spec.input,
            stderr: .file(directory.appendingPathComponent("stderr.log").path), limits: spec.limits,
            marker: EnvironmentMarker(name: Identity.Variable.runID, value: spec.runID),
            onFinish: { _ in events.close() },
            onLine: { line in
                // Redacted first: the log, the status line and the summary all see the masked text.
                let text = redact(line.text)
                let event = AgentEvent(line: text)
                events.append(text, isJSON: event != nil)
                guard let event else { return }
                state.observe(event)
                onEvent(event)
            })
        // The pid goes on record so `ccteam stop` and `resume` can find the run's processes.
        try store.saveRun(state.started(pid: process.pid, startTicks: ProcessProbe.startTicks(of: process.pid)))
        return AgentRun(
            spec: spec, directory: directory, process: process, state: state, store: store, redact: redact)
    }

    private init(
        spec: AgentRunSpec, directory: URL, process: SupervisedProcess, state: RunState, store: RunStore,
        redact: @escaping @Sendable (String) -> String
    ) {
        self.redact = redact
        self.spec = spec
        self.directory = directory
        self.process = process
        self.state = state
        self.store = store
    }

    /// The agent's process id (also its process group and session).
    public var pid: Int32 { process.pid }

    /// Asks the agent to stop: SIGTERM to its group, SIGKILL after the grace period, then every
    /// leftover process carrying the run's id. The run ends as `killed`.
    public func stop() { process.stop() }

    /// Waits for the agent to end and returns the final record, written to `meta.json`.
    public func wait() async throws -> (record: RunRecord, result: AgentResult?) {
        let outcome = await process.wait()
        // Written by the agent's process directly: masked once the process has ended.
        RecordScrubber.rewrite(directory.appendingPathComponent("stderr.log"), redacting: redact)
        let record = state.finish(with: outcome)
        try store.saveRun(record)
        return (record, state.result)
    }

    /// How a finished process and its last result event come to a contract run status.
    static func status(of outcome: ProcessResult, result: AgentResult?) -> RunRecord.Status {
        switch outcome.stopReason {
        case .timedOut?, .idle?: return .timedOut
        case .budgetExceeded?: return .budgetExceeded
        case .requested?: return .killed
        case nil: break
        }
        // Stopped from outside (`ccteam stop --agent`, a person's kill): a stop, not a failure,
        // unless the agent finished its answer first.
        if result == nil, stoppedBySignal(outcome.termination) { return .killed }
        guard let result else { return .failed }
        if result.subtype == "error_max_budget_usd" { return .budgetExceeded }
        return !result.isError && outcome.exitCode == 0 ? .succeeded : .failed
    }
}

/// Whether a process ended because of SIGINT, SIGTERM or SIGKILL, directly or as a shell-style
/// exit status (128 + signal) from a program that caught it.
func stoppedBySignal(_ termination: ProcessTermination) -> Bool {
    switch termination {
    case .signaled(let signal): [SIGINT, SIGTERM, SIGKILL].contains(signal)
    case .exited(let code): [128 + SIGINT, 128 + SIGTERM, 128 + SIGKILL].contains(code)
    }
}

/// The run's record as events arrive, shared between the supervisor's thread and the waiter.
final class RunState: @unchecked Sendable {
    // Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var record: RunRecord
    private var lastResult: AgentResult?

    init(record: RunRecord) { self.record = record }

    var result: AgentResult? { lock.withLock { lastResult } }

    func observe(_ event: AgentEvent) {
        if case .initialized(let model?, _) = event {
            lock.withLock { record.model = model }
            return
        }
        guard case .result(let result) = event else { return }
        lock.withLock {
            lastResult = result
            if !result.models.isEmpty {
                record.models = result.models
                if record.model == nil { record.model = result.mainModel }
            }
            record.usage = RunRecord.Usage(
                inputTokens: result.inputTokens, outputTokens: result.outputTokens, costUSD: result.costUSD)
            record.finalText = result.finalText
        }
    }

    func started(pid: Int32, startTicks: UInt64?) -> RunRecord {
        lock.withLock {
            record.pid = pid
            record.pidStartTicks = startTicks
            return record
        }
    }

    func finish(with outcome: ProcessResult) -> RunRecord {
        lock.withLock {
            record.pid = nil
            record.pidStartTicks = nil
            record.endedAt = Date()
            record.exitCode = outcome.exitCode
            record.status = AgentRun.status(of: outcome, result: lastResult)
            return record
        }
    }
}

/// `events.ndjson`, appended line by line from the supervisor's thread.
final class EventLog: @unchecked Sendable {
    // Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var handle: FileHandle?

    init(url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        try handle?.seekToEnd()
    }

    func append(_ line: String, isJSON: Bool) {
        let text: String
        if isJSON {
            text = line
        } else {
            // Non-JSON output (a crash message, a warning) is kept, wrapped so every line parses.
            let data = try? JSONSerialization.data(withJSONObject: ["type": "ccteam_raw", "text": line])
            text = data.map { String(decoding: $0, as: UTF8.self) } ?? #"{"type":"ccteam_raw"}"#
        }
        lock.withLock { try? handle?.write(contentsOf: Data((text + "\n").utf8)) }
    }

    func close() {
        lock.withLock {
            try? handle?.close()
            handle = nil
        }
    }
}
