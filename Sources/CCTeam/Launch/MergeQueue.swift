import CCCore
import CCGit
import Foundation

/// Folds accepted work into the integration branch. The scheduler awaits each merge before it looks
/// at the next finished attempt, so merges happen strictly one at a time.
///
/// Before each merge the tamper guard compares the repository with the launch; any difference
/// stops the team (``TamperDetected``) instead of merging on top of it.
public struct MergeQueue: Integrator {
    let git: TeamGit
    let monitor: TeamMonitor
    let tamperGuard: TamperGuard
    let liveRuns: LiveRuns

    init(git: TeamGit, monitor: TeamMonitor, tamperGuard: TamperGuard, liveRuns: LiveRuns) {
        self.git = git
        self.monitor = monitor
        self.tamperGuard = tamperGuard
        self.liveRuns = liveRuns
    }

    public func integrate(_ task: WorkItem, from worker: String) async throws -> Result<String, IntegrationConflict> {
        let git = git
        let tamperGuard = tamperGuard
        let message = "Merge task \(task.id) from \(worker): \(task.subject)\n"
        try await tamperGuard.requireIntact(liveRuns)
        do {
            let expected = tamperGuard.integrationTip
            let outcome = try await offload { try git.integrate(worker, message: message) }
            switch outcome {
            case .merged(let commit), .fastForwarded(to: let commit), .mergedKeepingBothInsertions(let commit, _):
                // The merge read the tip itself: it must have built on the one the launcher wrote.
                guard try git.descends(commit, from: expected) else {
                    throw TamperDetected(
                        differences: ["\(git.integrationBranch) was moved while task \(task.id) merged"],
                        suspects: liveRuns.suspects)
                }
                tamperGuard.recordMerge(commit)
            case .upToDate, .conflicts: break
            }
            switch outcome {
            case .conflicts(let paths):
                monitor.update(
                    worker,
                    line: "#\(task.id) conflicts with the integration branch in " + paths.joined(separator: ", ")
                ) { _ in }
                return .failure(IntegrationConflict(paths: paths))
            case .upToDate(let commit), .fastForwarded(to: let commit), .merged(let commit),
                .mergedKeepingBothInsertions(let commit, _):
                var line = "#\(task.id) merged into \(git.integrationBranch) at \(commit.short)"
                if case .mergedKeepingBothInsertions(_, let paths) = outcome {
                    line += ", keeping both sides' lines added at the same place in " + paths.joined(separator: ", ")
                }
                monitor.update(worker, line: line) { $0.state = .done }
                return .success("merged at \(commit.short)")
            }
        } catch let tampering as TamperDetected {
            throw tampering
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            return .failure(IntegrationConflict(paths: ["(merge failed: \(message))"]))
        }
    }
}
