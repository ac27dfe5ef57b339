import CCTestSupport
import Foundation
import Testing

/// Many real processes on one store at once, and processes killed in the middle of a claim.
@Suite("Task store under concurrent processes", .serialized)
struct StoreConcurrencyTests {
    /// One line per event from `ccteam tasks churn`: `claimed ID TOKEN`, `commented ID`, ...
    private struct ChurnLog {
        var claims: [(id: String, token: UInt64)] = []
        var created: [String] = []
        var commented: [String: Int] = [:]
        var resolved: [String] = []

        mutating func read(_ text: String) {
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                switch words.first {
                case "claimed": claims.append((words[1], UInt64(words[2]) ?? 0))
                case "created": created.append(words[1])
                case "commented": commented[words[1], default: 0] += 1
                case "resolved": resolved.append(words[1])
                default: break
                }
            }
        }
    }

    @Test func eightProcessesCreateClaimAndResolveWithoutDoubleClaimsOrLostUpdates() throws {
        let repo = try TestRepository()
        let workers = 8, perWorker = 25
        let processes = try (1...workers).map { number in
            try LiveProcess(
                "ccteam", ["tasks", "churn", "--worker", "w\(number)", "--creates", "\(perWorker)"], in: repo.url,
                environment: TestRepository.environment())
        }
        var log = ChurnLog()
        for process in processes {
            let status = process.finish(timeout: 240)
            #expect(status == 0, "churn failed: \(process.stderr)")
            log.read(process.stdout)
        }

        let total = workers * perWorker
        #expect(log.created.count == total)
        #expect(Set(log.created).count == total, "an id was handed out twice")
        #expect(Set(log.created) == Set((1...total).map(String.init)))
        // Every task was claimed exactly once, and every fencing token is unique.
        #expect(log.claims.count == total)
        #expect(Set(log.claims.map(\.id)).count == total, "a task was claimed twice")
        #expect(Set(log.claims.map(\.token)).count == total, "a fencing token was issued twice")
        #expect(Set(log.resolved) == Set(log.created))

        let files = try repo.taskFiles()
        #expect(files.count == total)
        for (id, task) in files {
            #expect(task["status"] as? String == "resolved", "task \(id)")
            // "working" and "done" from the claimant, plus every note other workers logged: none lost.
            let comments = (task["comments"] as? [[String: Any]])?.count ?? -1
            #expect(comments == 2 + log.commented[id, default: 0], "task \(id) lost a comment")
            for blocked in task["blocks"] as? [String] ?? [] {
                #expect((files[blocked]?["blockedBy"] as? [String])?.contains(id) == true, "\(id) blocks \(blocked)")
            }
            for blocker in task["blockedBy"] as? [String] ?? [] {
                #expect((files[blocker]?["blocks"] as? [String])?.contains(id) == true, "\(id) after \(blocker)")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.tasksDirectory.path)
            .filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aProcessKilledInsideAClaimLeavesTheStoreValid() throws {
        let repo = try TestRepository()
        for subject in ["A", "B"] { try repo.ccteam(["tasks", "create", "--subject", subject]) }
        // Stops inside its claim: index written (token burned, task marked pending), lock held,
        // task file not yet written.
        let victim = try LiveProcess(
            "ccteam", ["tasks", "churn", "--worker", "victim", "--max-claims", "1"], in: repo.url,
            environment: TestRepository.environment(["CCTEAM_TASKS_FAULT": "pause-after-index"]))
        #expect(victim.wait(timeout: 30) { _, err in err.contains("paused at pause-after-index") })
        // A second claimant waits on the lock meanwhile.
        let survivor = try LiveProcess(
            "ccteam", ["tasks", "churn", "--worker", "survivor", "--max-claims", "1"], in: repo.url,
            environment: TestRepository.environment())
        #expect(!survivor.wait(timeout: 0.5) { out, _ in out.contains("claimed") })
        victim.kill(SIGKILL)
        #expect(victim.finish() != 0)
        #expect(survivor.finish(timeout: 60) == 0, "\(survivor.stderr)")
        #expect(survivor.stdout.hasPrefix("claimed 1 2\n"), "the dead claim's token 1 is never reused")

        let files = try repo.taskFiles()
        #expect(files["1"]?["status"] as? String == "resolved")
        #expect(files["1"]?["owner"] as? String == "survivor")
        #expect(files["2"]?["status"] as? String == "open")
        let list = try repo.ccteam(["tasks", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("2   ready"))
    }

    @Test func aDeadOwnersLeaseLapsesAndTheTaskReturns() throws {
        let repo = try TestRepository()
        try repo.ccteam(["tasks", "create", "--subject", "A"])
        let owner = try LiveProcess(
            "ccteam", ["tasks", "churn", "--worker", "doomed", "--max-claims", "1", "--lease", "1", "--hold", "60"],
            in: repo.url, environment: TestRepository.environment())
        #expect(owner.wait(timeout: 30) { out, _ in out.contains("claimed 1 1") })
        owner.kill(SIGKILL)
        owner.finish()
        let held = try repo.taskFiles()["1"]
        #expect(held?["status"] as? String == "in_progress")
        Thread.sleep(forTimeInterval: 1.3)
        let list = try repo.ccteam(["tasks", "list"])
        #expect(list.stdout.contains("1   ready   -      A"), "\(list.stdout)")
        let task = try repo.taskFiles()["1"]
        #expect(task?["status"] as? String == "open")
        #expect(task?["owner"] is NSNull)
        #expect(task?["lease"] == nil)
        #expect(task?["fence"] as? Int == 1)
    }
}
