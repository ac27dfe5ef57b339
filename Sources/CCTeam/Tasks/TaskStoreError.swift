public import CCCore

/// Everything that can go wrong with a team's task store, each with a message naming the input at
/// fault and a way to fix it.
public enum TaskStoreError: UserFacingError, Equatable {
    /// No task with this id among the team's tasks.
    case unknownTask(id: String, team: String)
    /// The text is not a task id.
    case invalidID(String)
    /// The text is not one of the four task states.
    case unknownStatus(String)
    /// Adding a dependency would close this cycle (ids along `blocks` edges, first repeated last).
    case dependencyCycle([String])
    /// A task cannot wait for itself.
    case selfDependency(String)
    /// A task file exists but is not a valid task; the store never drops or overwrites it.
    case corruptTask(path: String, reason: String)
    /// A write carried a fencing token from a claim that is no longer current.
    case staleToken(id: String, token: UInt64, current: UInt64?)
    /// The task cannot be claimed in its present state.
    case notClaimable(id: String, status: TeamTask.Status)
    /// The task is open but waits for unfinished tasks.
    case notReady(id: String, waitingFor: [String])
    /// Only finished tasks are archived.
    case cannotArchive(id: String, status: TeamTask.Status)
    /// A subject is required and must not be blank.
    case emptySubject
    /// A lease must last a positive time.
    case invalidLease(Double)
    /// A file operation failed.
    case io(path: String, reason: String)

    public var message: String {
        switch self {
        case .unknownTask(let id, let team): "no task '\(id)' in team '\(team)'"
        case .invalidID(let text): "'\(text)' is not a task id"
        case .unknownStatus(let text): "unknown task status '\(text)'"
        case .dependencyCycle(let ids): "dependency cycle: " + ids.joined(separator: " → ")
        case .selfDependency(let id): "task \(id) cannot depend on itself"
        case .corruptTask(let path, let reason): "task file '\(path)' is not a valid task: \(reason)"
        case .staleToken(let id, let token, let current):
            "task \(id): fencing token \(token) is stale "
                + (current.map { "(the current claim holds token \($0))" } ?? "(the task is no longer claimed)")
                + "; the write was refused"
        case .notClaimable(let id, let status): "task \(id) is \(status.rawValue), not open"
        case .notReady(let id, let waiting):
            "task \(id) is waiting for " + waiting.map { "task \($0)" }.joined(separator: ", ")
        case .cannotArchive(let id, let status):
            "task \(id) is \(status.rawValue); only resolved or failed tasks are archived"
        case .emptySubject: "a task needs a subject"
        case .invalidLease(let seconds): "a lease must last longer than 0 seconds, not \(seconds)"
        case .io(let path, let reason): "cannot access '\(path)': \(reason)"
        }
    }

    public var help: String? {
        switch self {
        case .unknownTask: "run 'ccteam tasks list --all' to see the team's task ids"
        case .invalidID: "task ids are decimal numbers such as 1, 2, 3"
        case .unknownStatus: "use one of: open, in_progress, resolved, failed"
        case .dependencyCycle: "each arrow points from a task to a task it blocks; drop one of these dependencies"
        case .selfDependency: "name a different task"
        case .corruptTask: "repair the file by hand or delete it; ccteam never overwrites a file it cannot read"
        case .staleToken: "the lease lapsed and the task was reclaimed; claim it again before writing to it"
        case .notClaimable: "only open tasks can be claimed; reopen it with 'ccteam tasks update ID --status open'"
        case .notReady: "resolve the tasks it waits for first, or claim the next ready task"
        case .cannotArchive: "finish the task first, or delete it with 'ccteam tasks delete ID'"
        case .emptySubject: "pass --subject with a short summary of the work"
        case .invalidLease: "pass a lease duration in seconds, such as 60"
        case .io: "check that the folder exists and is writable"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .staleToken, .notClaimable, .notReady: .failure
        default: .usage
        }
    }
}
