import CCTeam
import Foundation
import Testing

@Suite struct StatusBoardTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func drawsOneAlignedLinePerWorkerUnderAHeader() {
        let rows = [
            WorkerStatus(
                agentID: "worker-1", taskID: "2", taskSubject: "Add the API", state: .running,
                startedAt: now.addingTimeInterval(-187), tokens: 12_345, costUSD: 0.0421,
                lastAction: "Write src/api.swift"),
            WorkerStatus(agentID: "worker-2"),
        ]
        let text = StatusBoard(width: 100).render(title: "team web: 1 running", rows: rows, now: now)
        #expect(
            text == """
                team web: 1 running
                WORKER    TASK            STATE    ELAPSED  TOKENS     COST  LAST ACTION
                worker-1  #2 Add the API  running    3m07s   12.3k  $0.0421  Write src/api.swift
                worker-2  -               idle           -       0  $0.0000
                """)
    }

    @Test func clipsALongSubjectWithAnEllipsisOnANarrowTerminal() {
        let rows = [WorkerStatus(agentID: "w", taskID: "1", taskSubject: String(repeating: "x", count: 200))]
        let text = StatusBoard(width: 60).render(title: "t", rows: rows, now: now)
        let line = text.split(separator: "\n")[2]
        #expect(line.contains("…"))
        #expect(line.count <= 60 + 8)
    }

    @Test(arguments: [(0.0, "0s"), (59, "59s"), (60, "1m00s"), (3599, "59m59s"), (3720, "1h02m")])
    func formatsDurations(seconds: Double, text: String) {
        #expect(StatusBoard.duration(seconds) == text)
    }

    @Test(arguments: [(999, "999"), (1000, "1.0k"), (4_100_000, "4.1M")])
    func formatsTokenCounts(count: Int, text: String) {
        #expect(StatusBoard.tokens(count) == text)
    }

    @Test func rewindsOverThePreviousDrawing() {
        #expect(StatusBoard.rewind(lineCount: 4) == "\r\u{1B}[3A\u{1B}[J")
        #expect(StatusBoard.rewind(lineCount: 0) == "")
    }
}
