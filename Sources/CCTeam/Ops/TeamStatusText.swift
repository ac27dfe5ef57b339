import CCCore
public import Foundation

extension TeamStatus {
    /// The status as text: the team's state, its goal and branch, the task counts, the workers'
    /// table and the totals. `width` sizes the table (the terminal's width, or 120).
    public func render(width: Int = 120) -> String {
        var lines: [String] = []
        var title = "team \(team): \(state.rawValue)"
        if let launcherPID {
            title +=
                launcherAlive ? " (launcher pid \(launcherPID) running)" : " (launcher pid \(launcherPID) not running)"
        } else {
            title += " (no launcher)"
        }
        lines.append(title)
        lines.append("goal: " + (goal.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""))
        lines.append("integration branch: \(integrationBranch) (base \(String(baseCommit.prefix(12))))")
        if !confined { lines.append(LaunchSettings.unconfinedWarning) }
        if !launcherAlive && (state == .planning || state == .running) {
            lines.append(
                "warning: the launcher is gone but the team is still marked \(state.rawValue): "
                    + "'ccteam stop --team \(team)' ends what is left, 'ccteam resume --team \(team)' continues")
        }
        lines += modelWarnings
        let rows = agents.map { $0.workerStatus(now: at) }
        lines.append(StatusBoard(width: width).render(title: tasksLine, rows: rows, now: at))
        lines.append(
            "totals: \(totals.runs) run\(totals.runs == 1 ? "" : "s") (\(totals.running) running), "
                + "\(StatusBoard.tokens(totals.inputTokens + totals.outputTokens)) tokens, "
                + String(format: "$%.4f", totals.costUSD))
        lines += spending.lines()
        let withRuns = agents.filter { $0.runId != nil }
        if !withRuns.isEmpty {
            lines.append("latest runs ('ccteam logs RUN-ID' prints one):")
            let width = withRuns.map(\.agentId.count).max() ?? 0
            lines += withRuns.map {
                "  " + $0.agentId.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + ($0.runId ?? "")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `tasks: 5 total, 2 open (1 ready, 1 blocked), 1 in progress, 1 resolved, 1 failed`.
    var tasksLine: String {
        "tasks: \(tasks.total) total, \(tasks.open) open (\(tasks.ready) ready, \(tasks.blocked) blocked), "
            + "\(tasks.inProgress) in progress, \(tasks.resolved) resolved, \(tasks.failed) failed"
    }

    /// The snapshot as the documented JSON object of `ccteam status --json`.
    public func json() throws -> String {
        String(decoding: try JSONCoding.encoder().encode(self), as: UTF8.self)
    }
}

extension TeamStatus.Agent {
    /// The status table's row: elapsed time runs to `now` while the run runs, and stops at its end.
    public func workerStatus(now: Date) -> WorkerStatus {
        let state: WorkerStatus.State =
            switch status {
            case nil: .idle
            case .running: .running
            case .succeeded: taskStatus == .inProgress ? .verifying : .done
            case .failed, .timedOut, .budgetExceeded: .failed
            case .killed: .stopped
            }
        var row = WorkerStatus(
            agentID: agentId, taskID: taskId, taskSubject: taskSubject, state: state, startedAt: startedAt,
            tokens: inputTokens + outputTokens, costUSD: costUSD, lastAction: lastAction)
        row.finishedAt = endedAt
        return row
    }
}

/// `ccteam status --watch`: redraws the status in place every interval until the team is no
/// longer active. Off a terminal it prints plain blocks instead, a bounded number of times.
public struct StatusWatch: Sendable {
    /// The team watched.
    public var location: TeamLocation
    /// Seconds between drawings.
    public var interval: TimeInterval
    /// Redraw in place (a terminal) or print plain blocks.
    public var isTerminal: Bool
    /// The table's width.
    public var width: Int
    /// Off a terminal, how many blocks to print at most (a log never grows without bound).
    public var maxPlainBlocks: Int

    /// A watch; the interval is at least 50 ms, and at least one block is drawn.
    public init(
        location: TeamLocation, interval: TimeInterval = 1, isTerminal: Bool, width: Int = 120,
        maxPlainBlocks: Int = 600
    ) {
        self.location = location
        self.interval = max(0.05, interval)
        self.isTerminal = isTerminal
        self.width = width
        self.maxPlainBlocks = max(1, maxPlainBlocks)
    }

    /// Draws until the team is finished, stopped or its launcher gone; `write` gets text without a
    /// final newline, to print as-is followed by one.
    public func run(write: (String) -> Void) throws {
        var drawnLines = 0
        var blocks = 0
        while true {
            let status = try TeamStatus.load(location)
            var text = status.render(width: width)
            if isTerminal {
                // A wrapped line would throw off the count of lines to move back over: clip them.
                text = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.count < width ? String($0) : String($0.prefix(max(width - 2, 1))) + "…"
                }.joined(separator: "\n")
                write(StatusBoard.rewind(lineCount: drawnLines) + text)
                drawnLines = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
            } else {
                write((blocks == 0 ? "" : "\n") + text)
            }
            blocks += 1
            if !status.isActive || (!isTerminal && blocks >= maxPlainBlocks) { return }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
