import CCCore
import Foundation
import Testing

@testable import CCTeam

@Suite("Task file decoder")
struct TaskFileDecoderTests {
    static let samples: [TeamTask] = [
        TeamTask(id: "1", subject: "plain", createdAt: Date(timeIntervalSince1970: 1_700_000_000.123)),
        TeamTask(
            id: "42", subject: "Ünïcödé \"quoted\" \\ back/slash\ttab\nnew 🚀", description: "line1\nline2\u{1}",
            status: .inProgress, owner: "worker-2", blocks: ["43", "44"], blockedBy: ["7"],
            comments: [.init(author: "lead", content: "ok 👍", at: Date(timeIntervalSince1970: 1_800_000_000.5))],
            scope: ["Sources/**", "Tests/*.swift"], createdAt: Date(timeIntervalSince1970: 1_750_000_000),
            updatedAt: Date(timeIntervalSince1970: 1_750_000_001.999),
            lease: .init(
                owner: "worker-2", token: 18_446_744_073_709_551_615,
                expiresAt: Date(timeIntervalSince1970: 1_750_000_060)),
            fence: 18_446_744_073_709_551_615),
        TeamTask(id: "3", subject: "done", status: .resolved, createdAt: Date(timeIntervalSince1970: 0)),
    ]

    @Test(arguments: samples)
    func decodesWhatTheEncoderWrites(task: TeamTask) throws {
        for pretty in [true, false] {
            let bytes = Array(try JSONCoding.encoder(pretty: pretty).encode(task))
            let fast = try TaskFileDecoder.decode(bytes)
            let standard = try JSONCoding.decoder().decode(TeamTask.self, from: Data(bytes))
            // Dates are stored to the millisecond, so compare what each decoding writes back.
            let encoder = JSONCoding.encoder()
            #expect(try encoder.encode(fast) == encoder.encode(task))
            #expect(try encoder.encode(fast) == encoder.encode(standard))
            #expect(abs(fast.createdAt.timeIntervalSince(standard.createdAt)) < 0.000_001)
        }
    }

    @Test func readsEscapesAndOtherTimestampForms() throws {
        let text = #"""
            {"id":"9","subject":"\u00e9\ud83d\ude80 \/ \"x\"","status":"failed","owner":null,
             "createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T05:04:05+02:00"}
            """#
        let task = try TaskFileDecoder.decode(Array(text.utf8))
        #expect(task.subject == "é🚀 / \"x\"")
        #expect(task.status == .failed && task.owner == nil && task.blocks == [] && task.comments == [])
        #expect(Timestamp.format(task.createdAt) == "2026-01-02T03:04:05.000Z")
        #expect(task.updatedAt == task.createdAt)
    }

    @Test(arguments: [
        ("", "unexpected end of file at byte 0"),
        ("[]", "expected a JSON object"),
        (#"{"id":"1","subject":"s","status":"done","createdAt":"2026-01-02T03:04:05Z"}"#, "unknown status 'done'"),
        (#"{"id":"1","status":"open","createdAt":"2026-01-02T03:04:05Z"}"#, "'subject' is missing"),
        (
            #"{"id":"1","subject":"s","status":"open","createdAt":"yesterday"}"#,
            "'createdAt' is not an ISO 8601 date: 'yesterday'"
        ),
        (
            #"{"id":"1","subject":"s","status":"open","createdAt":"2026-01-02T03:04:05Z","blocks":[1]}"#,
            "'blocks' must be a list of strings"
        ),
        (#"{"id":"1"} x"#, "unexpected text after the JSON value at byte 11"),
        (#"{"id":"1\u12"}"#, "invalid \\u escape at byte 12"),
    ])
    func reportsWhyAFileIsNotATask(text: String, reason: String) {
        #expect(throws: TaskFileDecoder.DecodeFailure.self) { try TaskFileDecoder.decode(Array(text.utf8)) }
        do {
            _ = try TaskFileDecoder.decode(Array(text.utf8))
        } catch {
            #expect(error.reason == reason)
        }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test(arguments: [1_700_000_000.123, 1_750_000_001.999, 0.0005, 1_800_000_000])
    func surviveBeingReadAndWrittenAgain(seconds: Double) throws {
        let first = Timestamp.format(Date(timeIntervalSince1970: seconds))
        var text = first
        for _ in 0..<5 { text = Timestamp.format(try #require(Timestamp.parse(text))) }
        #expect(text == first)
        #expect(Timestamp.format(try #require(FastTimestamp.parse(first))) == first)
    }
}
