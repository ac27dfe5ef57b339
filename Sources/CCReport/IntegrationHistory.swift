import CCGit
import Foundation

/// Which commits on the integration branch carry which run's work. The launcher commits a run's
/// work as `Task N: ...` with `Run <run-id> by <agent>` in the body, then merges it with
/// `Merge task N from <agent>` (or fast-forwards to it), so both are found by reading history.
struct IntegrationHistory {
    /// The branch's commit now; `nil` when the branch does not exist.
    var tip: String?
    /// Run id → the commit of its work, for runs whose work reached the branch.
    var workCommits: [String: String] = [:]
    /// Run id → the commit that brought its work into the branch.
    var mergeCommits: [String: String] = [:]

    /// Reads `base..branch` in the repository at `root`; a repository that cannot be read gives an
    /// empty history rather than no report.
    init(root: URL, branch: String, base: String, runIDs: [String]) {
        guard let repository = try? Repository.open(at: root.path), let tip = repository.branchTarget(branch) else {
            return
        }
        self.tip = tip.hex
        guard let commits = try? repository.commits(inRange: "\(base)..\(tip.hex)") else { return }
        let wanted = Set(runIDs)
        for commit in commits {
            guard let runID = Self.runID(inMessage: commit.message), wanted.contains(runID) else { continue }
            workCommits[runID] = commit.id.hex
        }
        for (runID, work) in workCommits {
            let merge = commits.first { $0.parents.count > 1 && $0.parents.dropFirst().contains { $0.hex == work } }
            mergeCommits[runID] = merge?.id.hex ?? work
        }
    }

    /// `abc` from a message with the line `Run abc by worker-1, attempt 2.`
    static func runID(inMessage message: String) -> String? {
        for line in message.split(separator: "\n") where line.hasPrefix("Run ") {
            let words = line.split(separator: " ")
            if words.count >= 3, words[2] == "by" { return String(words[1]) }
        }
        return nil
    }
}
