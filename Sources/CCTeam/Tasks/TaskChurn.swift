import CCCore
import Foundation

/// A load generator for the task store: creates tasks, then claims, comments on and resolves
/// ready tasks until none are left, logging every claim. Stress tests run many of these at once
/// (through the hidden `ccteam tasks churn`) and check the logs against the store afterwards.
public enum TaskChurn {
    /// What one churn process does.
    public struct Options: Sendable {
        /// The owner name claims are made under.
        public var worker: String
        /// How many tasks to create first; every third waits for the one before it.
        public var creates: Int
        /// Claim this many tasks at most (0: until nothing is left).
        public var maxClaims: Int
        public var leaseSeconds: Double
        /// After a claim, wait this long before resolving (to be killed while holding a lease).
        public var holdSeconds: Double

        public init(
            worker: String, creates: Int, maxClaims: Int = 0, leaseSeconds: Double = 60, holdSeconds: Double = 0
        ) {
            self.worker = worker
            self.creates = creates
            self.maxClaims = maxClaims
            self.leaseSeconds = leaseSeconds
            self.holdSeconds = holdSeconds
        }
    }

    /// Runs the churn, calling `log` with one line per event:
    /// `created ID`, `claimed ID TOKEN`, `commented ID`, `resolved ID TOKEN`.
    public static func run(store: TaskStore, options: Options, log: (String) -> Void) throws {
        var mine: [String] = []
        for number in 0..<options.creates {
            let blockedBy = number % 3 == 2 ? [mine[number - 1]] : []
            let task = try store.create(
                subject: "\(options.worker) task \(number)", description: "churn", blockedBy: blockedBy)
            mine.append(task.id)
            log("created \(task.id)")
        }
        var claims = 0
        var idle = 0
        while options.maxClaims == 0 || claims < options.maxClaims {
            guard let claim = try store.claim(owner: options.worker, leaseSeconds: options.leaseSeconds) else {
                if try store.list().allSatisfy({ $0.status.isTerminal }) { return }
                idle += 1
                // Bounded: another worker holds what is left; give it time, but never spin forever.
                guard idle < 20_000 else { throw ChurnError.stalled(options.worker) }
                usleep(1000)
                continue
            }
            idle = 0
            claims += 1
            log("claimed \(claim.task.id) \(claim.token)")
            if options.holdSeconds > 0 { Thread.sleep(forTimeInterval: options.holdSeconds) }
            let now = Date()
            try store.comment(
                claim.task.id, token: claim.token, .init(author: options.worker, content: "working", at: now))
            if let other = mine.randomElement() {
                try store.update(
                    other, TaskChange(addComments: [.init(author: options.worker, content: "note", at: now)]))
                log("commented \(other)")
            }
            try store.resolve(
                claim.task.id, token: claim.token, comment: .init(author: options.worker, content: "done", at: now))
            log("resolved \(claim.task.id) \(claim.token)")
        }
    }

    /// The churn could not make progress.
    public enum ChurnError: Error, CustomStringConvertible {
        case stalled(String)
        public var description: String {
            switch self {
            case .stalled(let worker): "\(worker) found nothing to claim for 20 seconds while tasks were still open"
            }
        }
    }
}
