public import Foundation

/// What one worker is doing, as a row of the live status table.
public struct WorkerStatus: Sendable, Equatable {
    /// Where a worker is in its cycle.
    public enum State: String, Sendable {
        case idle, running, verifying, merging, retrying, done, failed, stopped
    }

    public var agentID: String
    public var taskID: String?
    public var taskSubject: String?
    public var state: State
    public var startedAt: Date?
    /// When the worker's current task stopped moving (done, failed or stopped): elapsed stops there.
    public var finishedAt: Date?
    public var tokens: Int
    public var costUSD: Double
    public var lastAction: String?

    public init(
        agentID: String, taskID: String? = nil, taskSubject: String? = nil, state: State = .idle,
        startedAt: Date? = nil, tokens: Int = 0, costUSD: Double = 0, lastAction: String? = nil
    ) {
        self.agentID = agentID
        self.taskID = taskID
        self.taskSubject = taskSubject
        self.state = state
        self.startedAt = startedAt
        self.tokens = tokens
        self.costUSD = costUSD
        self.lastAction = lastAction
    }
}

/// Renders the live status: a table redrawn in place on a terminal.
///
/// Pure text in, text out: the caller decides when to draw and where to write, so the layout is
/// tested without a terminal.
public struct StatusBoard: Sendable {
    /// The table's columns, fixed so the eye finds the same thing in the same place each redraw.
    static let headers = ["WORKER", "TASK", "STATE", "ELAPSED", "TOKENS", "COST", "LAST ACTION"]

    public var width: Int

    public init(width: Int = 120) {
        self.width = max(width, 60)
    }

    /// The table for `rows` at time `now`, with a title line, one line per row, and no trailing newline.
    public func render(title: String, rows: [WorkerStatus], now: Date) -> String {
        let cells = rows.map { row -> [String] in
            [
                row.agentID,
                row.taskID.map { id in row.taskSubject.map { "#\(id) \($0)" } ?? "#\(id)" } ?? "-",
                row.state.rawValue,
                row.startedAt.map { Self.duration((row.finishedAt ?? now).timeIntervalSince($0)) } ?? "-",
                Self.tokens(row.tokens),
                String(format: "$%.4f", row.costUSD),
                row.lastAction ?? "",
            ]
        }
        var widths = Self.headers.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < 6 {
                widths[index] = max(widths[index], cell.count)
            }
        }
        // The task column yields first when the terminal is narrow; the last action takes the rest.
        let fixed = widths[0] + widths[2] + widths[3] + widths[4] + widths[5] + 2 * 6
        widths[1] = min(widths[1], max(12, (width - fixed) / 2))
        widths[6] = max(8, width - fixed - widths[1])
        var lines = [title]
        lines.append(Self.line(Self.headers, widths))
        lines += cells.map { Self.line($0, widths) }
        return lines.joined(separator: "\n")
    }

    /// The escape sequence that moves the cursor back over a previous drawing of `lineCount` lines
    /// and clears from there, so the next drawing replaces it in place.
    public static func rewind(lineCount: Int) -> String {
        guard lineCount > 0 else { return "" }
        return "\r\u{1B}[\(lineCount - 1)A\u{1B}[J"
    }

    static func line(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let clipped = cell.count > width ? String(cell.prefix(max(width - 1, 0))) + "…" : cell
            // Numbers read best right-aligned; the last column needs no padding.
            if index == 6 { return clipped }
            let padding = String(repeating: " ", count: width - clipped.count)
            return (3...5).contains(index) ? padding + clipped : clipped + padding
        }.joined(separator: "  ").replacing(#/ +$/#, with: "")
    }

    /// `42s`, `3m07s`, `1h02m`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
    }

    /// `950`, `12.3k`, `4.1M`.
    public static func tokens(_ count: Int) -> String {
        if count < 1000 { return "\(count)" }
        if count < 1_000_000 { return String(format: "%.1fk", Double(count) / 1000) }
        return String(format: "%.1fM", Double(count) / 1_000_000)
    }
}
