import CCCore
import CCTestSupport
import Foundation
import Testing

@testable import CCTeam

@Suite("Task index text")
struct TaskIndexTextTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func sampleIndex() -> TaskIndex {
        var index = TaskIndex()
        index.apply(TeamTask(id: "2", subject: "b", blockedBy: ["1", "10"], createdAt: now, fence: 7), archived: false)
        index.apply(TeamTask(id: "10", subject: "c", status: .resolved, createdAt: now), archived: true)
        index.apply(
            TeamTask(
                id: "1", subject: "a", status: .inProgress, createdAt: now,
                lease: .init(owner: "w", token: 9, expiresAt: now), fence: 9), archived: false)
        index.pending = ["2", "10"]
        index.boot = "boot-1"
        index.generation = 0xabc
        return index
    }

    @Test func aSnapshotReadsBackAsWritten() throws {
        let index = sampleIndex()
        let read = try #require(TaskIndex.parse(snapshot: index.snapshot()))
        #expect(read.nextID == 11 && read.lastToken == 9 && read.pending == ["2", "10"])
        #expect(read.boot == "boot-1" && read.generation == 0xabc)
        #expect(read.entries.map(\.id) == ["1", "2", "10"])
        #expect(read["1"]?.leaseExpiry == 1_800_000_000_000 && read["1"]?.status == .inProgress)
        #expect(read["2"]?.blockedBy == ["1", "10"] && read["10"]?.archived == true)
        #expect(read.changed.isEmpty)
        #expect(read.snapshot() == index.snapshot())
    }

    @Test func aRecordHoldsOnlyTheChangesAndReplaysOntoTheSnapshot() throws {
        var index = sampleIndex()
        index.markWritten()
        let base = index
        index.apply(TeamTask(id: "2", subject: "b", status: .inProgress, createdAt: now, fence: 12), archived: false)
        index.remove("10")
        index.apply(TeamTask(id: "11", subject: "d", createdAt: now), archived: false)
        index.pending = ["2"]
        let record = index.record()
        let text = String(decoding: record, as: UTF8.self)
        #expect(text == "next 12\ntoken 12\npending 2\n2 in_progress - 0 -\nx 10\n11 open - 0 -\n")

        var replayed = try #require(TaskIndex.parse(snapshot: base.snapshot()))
        let applied = replayed.replay(record: record[...])
        #expect(applied)
        #expect(replayed.entries == index.entries)
        #expect(replayed.nextID == 12 && replayed.lastToken == 12 && replayed.pending == ["2"])
        #expect(replayed.changed.isEmpty)
    }

    @Test func writingAnEntryThatDidNotChangeRecordsNothing() {
        var index = sampleIndex()
        index.markWritten()
        index.apply(TeamTask(id: "2", subject: "b", blockedBy: ["1", "10"], createdAt: now, fence: 7), archived: false)
        #expect(index.changed.isEmpty)
        index.remove("404")
        #expect(index.changed.isEmpty)
    }

    @Test(arguments: [
        "", "ccteam-task-index 2\nboot b\nnext 1\ntoken 0\npending\n",
        "ccteam-task-index 3\nboot b\ngeneration 1\nnext x\n",
        "ccteam-task-index 3\nboot b\ngeneration 1\nnext 1\ntoken 0\npending\n1 done - 0 -\n",
        "ccteam-task-index 3\nboot b\ngeneration 1\nnext 1\ntoken 0\npending\n1 open - 0 -",
    ])
    func aSnapshotRejectsAnythingElse(text: String) {
        #expect(TaskIndex.parse(snapshot: Array(text.utf8)) == nil)
    }

    @Test(arguments: ["", "next 2\ntoken 1\npending\n1 open", "next 2\ntoken 1\npending\nx\n", "token 1\n"])
    func aRecordThatIsNotOneLeavesTheIndexAlone(text: String) {
        var index = sampleIndex()
        let before = index.snapshot()
        let applied = index.replay(record: Array(text.utf8)[...])
        #expect(!applied)
        #expect(index.snapshot() == before)
    }
}

@Suite("Index file: journal and recovery")
struct IndexFileTests {
    func indexPath(_ fixture: StoreFixture) -> String { fixture.tasksDirectory.path + "/.index" }

    @Test func aLostIndexIsRebuiltFromTheFilesWithCountersIntact() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        try FileManager.default.removeItem(atPath: indexPath(fixture))
        #expect(try store.create(subject: "c").id == "3")
        let next = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        #expect(next.task.id == "2" && next.token > claim.token)
    }

    @Test func anIndexFromAnEarlierBootIsRebuiltFromTheFiles() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        _ = try store.claim(owner: "w", leaseSeconds: 60)
        // As if the machine went down and the claim's index write never reached the disk.
        var (index, _) = try #require(try IndexFile.load(indexPath(fixture)))
        index.boot = "earlier"
        index.lastToken = 0
        index.put(.init(number: 1, status: .open, archived: false, leaseExpiry: 0, blockers: []))
        _ = try IndexFile.write(&index, after: nil, to: indexPath(fixture), sync: false)
        try store.create(subject: "b")
        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        #expect(claim.task.id == "2" && claim.token == 2)
    }

    @Test func aWriterKilledAfterItsRecordLeavesNothingStale() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        // A claim that appended its record (task 1 in progress, pending) and died before the task file.
        var (index, position) = try #require(try IndexFile.load(indexPath(fixture)))
        index.lastToken = 5
        index.put(.init(number: 1, status: .inProgress, archived: false, leaseExpiry: 9_999_999_999_999, blockers: []))
        index.pending = ["1"]
        let appended = try IndexFile.write(&index, after: position, to: indexPath(fixture), sync: false)
        #expect(appended.snapshotEnd == position.snapshotEnd && appended.end > position.end)
        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        #expect(claim.task.id == "1" && claim.token == 6)
    }

    @Test func aTornRecordIsCutOffAndWrittenOver() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        _ = try store.claim(owner: "w", leaseSeconds: 60)
        // A writer killed halfway through its record.
        let torn = "record 48 1f2e\nnext 3\ntoken 9\npending 2\n2 in_pro"
        let handle = try #require(FileHandle(forWritingAtPath: indexPath(fixture)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(torn.utf8))
        try handle.close()

        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        #expect(claim.task.id == "2" && claim.token == 2)
        #expect(try store.get("1").status == .inProgress)
        let text = try String(contentsOfFile: indexPath(fixture), encoding: .utf8)
        #expect(!text.contains("1f2e") && !text.contains("token 9"))
        let (_, position) = try #require(try IndexFile.load(indexPath(fixture)))
        #expect(position.end == position.size)
    }

    @Test func aTornSnapshotIsRebuiltFromTheFiles() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        try store.create(subject: "b")
        _ = try store.claim(owner: "w", leaseSeconds: 60)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: indexPath(fixture))))
        let body = try #require(bytes.firstIndex(of: 0x0A)) + 1
        bytes[body + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: indexPath(fixture)))
        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        #expect(claim.task.id == "2" && claim.token == 2)
        #expect(try store.get("1").status == .inProgress)
    }

    @Test func theJournalIsFoldedIntoANewSnapshotBeforeItOutgrowsIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.create(subject: "a")
        let claim = try #require(try store.claim(owner: "w", leaseSeconds: 60))
        var largest = 0
        for step in 1...1500 {
            try store.renew("1", token: claim.token, leaseSeconds: 60 + Double(step))
            let size = try FileManager.default.attributesOfItem(atPath: indexPath(fixture))[.size] as! Int
            largest = max(largest, size)
        }
        // 1,500 records of about 60 bytes would be 90 KB; the journal is folded at 64 KiB.
        #expect(largest <= 64 * 1024 + 256)
        let (index, position) = try #require(try IndexFile.load(indexPath(fixture)))
        #expect(position.end == position.size)
        #expect(index["1"]?.leaseExpiry == TaskIndex.milliseconds(fixture.now.addingTimeInterval(1560)))
        #expect(try store.get("1").lease?.expiresAt == fixture.now.addingTimeInterval(1560))
    }

    /// Two stores on one folder, the second through a symlink, so each keeps its own memory of the
    /// index as two processes would; a third path only ever reads the file from scratch.
    @Test func writersThatRememberTheIndexSeeEachOthersRecords() throws {
        let fixture = try StoreFixture()
        let first = fixture.store
        try first.create(subject: "seed")
        let alias = fixture.directory.url.appendingPathComponent("alias")
        let fresh = fixture.directory.url.appendingPathComponent("fresh")
        try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: fixture.tasksDirectory)
        try FileManager.default.createSymbolicLink(at: fresh, withDestinationURL: fixture.tasksDirectory)
        let second = TaskStore(tasksDirectory: alias, team: "demo", clock: { fixture.now })
        let stores = [first, second]

        var random = SplitMix(seed: 7)
        var claims: [String: UInt64] = [:]
        var tokens: Set<UInt64> = []
        for step in 0..<400 {
            let store = stores[Int(random.next() % 2)]
            switch random.next() % 6 {
            case 0, 1:
                let open = try store.list(status: .open).map(\.id)
                let blockers =
                    open.isEmpty || random.next() % 3 != 0 ? [] : [open[Int(random.next() % UInt64(open.count))]]
                try store.create(subject: "task \(step)", blockedBy: blockers)
            case 2, 3:
                if let claim = try store.claim(owner: "w\(step)", leaseSeconds: 60) {
                    #expect(claims[claim.task.id] == nil, "task \(claim.task.id) claimed twice")
                    #expect(claim.token > tokens.max() ?? 0, "tokens only grow")
                    tokens.insert(claim.token)
                    claims[claim.task.id] = claim.token
                }
            case 4:
                if let (id, token) = claims.sorted(by: { $0.key < $1.key }).first {
                    if random.next() % 2 == 0 {
                        try store.resolve(id, token: token)
                    } else {
                        try store.release(id, token: token)
                    }
                    claims[id] = nil
                }
            default:
                if let (id, token) = claims.first { try store.renew(id, token: token, leaseSeconds: 120) }
            }
            // What each writer remembers, after replaying the other's records, is what the file holds.
            let (onDisk, _) = try #require(try IndexFile.load(fresh.path + "/.index"))
            let rebuilt = try TaskTransaction.rebuildIndex(store)
            #expect(onDisk.entries == rebuilt.entries, "step \(step)")
        }
        #expect(tokens.count == tokens.max().map(Int.init))
    }
}
