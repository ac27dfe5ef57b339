public import CCCore
public import Foundation

/// Who may do what to a team's tasks (the contract: only the owner or the team lead updates a
/// claimed task), shared by the MCP tools and by `ccteam tasks` when an agent runs it.
///
/// A `nil` identity is a person at a terminal (no `CLAUDE_CODE_AGENT_*` environment), who may do
/// anything the lead may.
public enum TaskPermissions {
    /// Refuses a worker creating tasks unless the team's `workersMayCreateTasks` allows it.
    public static func checkCreate(identity: Identity?, settings: TeamSettings, team: String)
        throws(TaskPermissionError)
    {
        if let identity, !identity.isLead, !settings.workersMayCreateTasks {
            throw .workersMayNotCreate(agent: identity.agentID, team: team)
        }
    }

    /// The check to pass as `TaskStore.update`'s `authorize`: a worker may not change a task in
    /// progress that someone else owns, nor a finished one (resolved and failed are the launcher's
    /// verdicts: a worker reopening or failing another's merged task would undo the team's record).
    /// `nil` when there is nothing to check.
    public static func updateCheck(identity: Identity?) -> (@Sendable (TeamTask) throws -> Void)? {
        guard let identity, !identity.isLead else { return nil }
        let caller = identity.agentID
        return { task in
            if task.status == .inProgress, let owner = task.owner, owner != caller {
                throw TaskPermissionError.notOwner(agent: caller, id: task.id, owner: owner)
            }
            if task.status == .resolved || task.status == .failed {
                throw TaskPermissionError.finished(agent: caller, id: task.id, status: task.status.rawValue)
            }
        }
    }
}

extension TaskPermissions {
    /// A worker's status change to a task its supervisor holds a claim on becomes a comment.
    ///
    /// The launcher resolves a task only after it has verified and merged the run: were a worker's
    /// own "resolved" to stand, the tasks waiting for it would start before its work is checked, and
    /// from a branch that does not hold it yet. The worker's word is kept as a comment for the lead.
    public static func deferringSupervisedStatus(
        _ change: TaskChange, to task: TeamTask?, identity: Identity?, at now: Date = Date()
    ) -> TaskChange {
        guard let identity, !identity.isLead, let status = change.status, let task, task.lease != nil,
            task.status == .inProgress
        else { return change }
        var deferred = change
        deferred.status = nil
        deferred.addComments.append(
            TeamTask.Comment(
                author: identity.agentID,
                content: "reports status '\(status.rawValue)'; the launcher sets it once the run is verified",
                at: now))
        return deferred
    }
}

/// The caller may not do this to the team's tasks.
public enum TaskPermissionError: UserFacingError, Equatable {
    case workersMayNotCreate(agent: String, team: String)
    case notOwner(agent: String, id: String, owner: String)
    case finished(agent: String, id: String, status: String)

    public var message: String {
        switch self {
        case .workersMayNotCreate(let agent, let team): "\(agent) may not create tasks in team '\(team)'"
        case .notOwner(let agent, let id, let owner):
            "\(agent) may not update task \(id): it is claimed by \(owner)"
        case .finished(let agent, let id, let status): "\(agent) may not update task \(id): it is \(status)"
        }
    }

    public var help: String? {
        switch self {
        case .workersMayNotCreate:
            "ask the team lead to create it (or set \"workersMayCreateTasks\": true in team.json)"
        case .notOwner: "only the owner or the team lead may update a task in progress; add a note to your own task"
        case .finished: "only the team lead may change a finished task; add a note to your own task"
        }
    }
}
