import CCCore
import CCGit
import Foundation

/// Folds accepted work into the integration branch. The scheduler awaits each merge before it looks
/// at the next finished attempt, so merges happen strictly one at a time.
public struct MergeQueue: Integrator {
    let git: TeamGit
    let monitor: TeamMonitor

    public init(git: TeamGit, monitor: TeamMonitor) {
        self.git = git
        self.monitor = monitor
    }

    public func integrate(_ task: WorkItem, from worker: String) async -> Result<String, IntegrationConflict> {
        let git = git
        let message = "Merge task \(task.id) from \(worker): \(task.subject)\n"
        do {
            let outcome = try await offload { try git.integrate(worker, message: message) }
            switch outcome {
            case .conflicts(let paths):
                monitor.update(
                    worker,
                    line: "#\(task.id) conflicts with the integration branch in " + paths.joined(separator: ", ")
                ) { _ in }
                return .failure(IntegrationConflict(paths: paths))
            case .upToDate(let commit), .fastForwarded(to: let commit), .merged(let commit):
                monitor.update(worker, line: "#\(task.id) merged into \(git.integrationBranch) at \(commit.short)") {
                    $0.state = .done
                }
                return .success("merged at \(commit.short)")
            }
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            return .failure(IntegrationConflict(paths: ["(merge failed: \(message))"]))
        }
    }
}
