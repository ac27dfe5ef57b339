import CCTeam
import Foundation

/// Shows a running team: on a terminal, the status table redrawn in place once a second; elsewhere,
/// one plain line per event, so logs and CI output read well. Progress goes to stderr; stdout is
/// kept for the summary.
final class LiveDisplay: TeamDisplay, @unchecked Sendable {
    // Sendable: the mutable drawing state is touched only under the lock.
    private let lock = NSLock()
    private let interactive: Bool
    private let title: String
    private var drawnLines = 0
    private var monitor: TeamMonitor?
    private var ticker: Task<Void, Never>?
    private let started = Date()

    init(title: String, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.title = title
        self.interactive = interactive
    }

    /// Prints one event line, when not drawing the table.
    func line(_ text: String) {
        guard !interactive else { return }
        let offset = StatusBoard.duration(Date().timeIntervalSince(started))
        lock.withLock { FileHandle.standardError.write(Data("[\(offset)] \(text)\n".utf8)) }
    }

    /// Starts redrawing `monitor`'s table (on a terminal only).
    func attach(_ monitor: TeamMonitor) {
        lock.withLock { self.monitor = monitor }
        guard interactive, ticker == nil else { return }
        ticker = Task { [self] in
            while !Task.isCancelled {
                draw()
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Draws once more and stops.
    func finish() {
        ticker?.cancel()
        ticker = nil
        if interactive { draw() }
    }

    private func draw() {
        lock.withLock {
            guard let monitor else { return }
            let rows = monitor.snapshot
            let busy = rows.filter { [.running, .verifying, .merging, .retrying].contains($0.state) }.count
            let totals = monitor.totals
            let heading =
                "\(title) — \(busy) busy, \(StatusBoard.tokens(totals.tokens)) tokens, "
                + String(format: "$%.4f", totals.costUSD)
            let columns = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120
            let text = StatusBoard(width: columns).render(title: heading, rows: rows, now: Date())
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            FileHandle.standardError.write(Data((StatusBoard.rewind(lineCount: drawnLines) + text + "\n").utf8))
            drawnLines = lines + 1
        }
    }
}
