import CCCore
import CCTestSupport
import Foundation

@testable import CCTeam

/// A task store in a fresh temporary folder with a clock the test moves by hand.
final class StoreFixture: @unchecked Sendable {
    // Sendable: the clock's date is guarded by the lock; the rest is immutable.
    let directory: TemporaryDirectory
    private let lock = NSLock()
    private var date = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = try TemporaryDirectory(prefix: "ccteam-store")
    }

    var now: Date { lock.withLock { date } }

    func advance(_ seconds: Double) {
        lock.withLock { date = date.addingTimeInterval(seconds) }
    }

    var tasksDirectory: URL { directory.url.appendingPathComponent("tasks") }

    var store: TaskStore {
        TaskStore(tasksDirectory: tasksDirectory, team: "demo", clock: { [self] in now })
    }

    /// The raw text of a task file.
    func file(_ id: String) throws -> String {
        try String(contentsOf: tasksDirectory.appendingPathComponent("\(id).json"), encoding: .utf8)
    }
}
