/// Who an agent process is, as the contract's environment variables carry it.
public struct Identity: Codable, Sendable, Hashable {
    /// The two kinds of agent in a team.
    public enum AgentType: String, Codable, Sendable, CaseIterable {
        case teamLead = "team-lead"
        case worker
    }

    public var team: String
    /// `lead`, `worker-1`, ...
    public var agentID: String
    public var agentType: AgentType
    /// Human-readable, for status tables and comments.
    public var agentName: String
    public var runID: String?
    public var taskID: String?
    /// The main checkout (not the worktree).
    public var root: String?

    public init(
        team: String, agentID: String, agentType: AgentType, agentName: String, runID: String? = nil,
        taskID: String? = nil, root: String? = nil
    ) {
        self.team = team
        self.agentID = agentID
        self.agentType = agentType
        self.agentName = agentName
        self.runID = runID
        self.taskID = taskID
        self.root = root
    }

    /// The contract's environment variable names.
    public enum Variable {
        public static let team = "CLAUDE_CODE_TEAM_NAME"
        public static let agentID = "CLAUDE_CODE_AGENT_ID"
        public static let agentType = "CLAUDE_CODE_AGENT_TYPE"
        public static let agentName = "CLAUDE_CODE_AGENT_NAME"
        public static let runID = "CCTEAM_RUN_ID"
        public static let taskID = "CCTEAM_TASK_ID"
        public static let root = "CCTEAM_ROOT"
    }

    /// The variables an agent process gets, to merge over the launcher's own environment.
    public var environment: [String: String] {
        var variables = [
            Variable.team: team, Variable.agentID: agentID, Variable.agentType: agentType.rawValue,
            Variable.agentName: agentName,
        ]
        variables[Variable.runID] = runID
        variables[Variable.taskID] = taskID
        variables[Variable.root] = root
        return variables
    }

    /// Reads an identity from an environment; `nil` when the team or agent id is missing.
    /// An unknown agent type is read as a worker, the least privileged kind.
    public init?(environment: [String: String]) {
        guard let team = environment[Variable.team], !team.isEmpty,
            let agentID = environment[Variable.agentID], !agentID.isEmpty
        else { return nil }
        self.init(
            team: team, agentID: agentID,
            agentType: AgentType(rawValue: environment[Variable.agentType] ?? "") ?? .worker,
            agentName: environment[Variable.agentName] ?? agentID,
            runID: environment[Variable.runID], taskID: environment[Variable.taskID],
            root: environment[Variable.root])
    }

    /// Whether this agent is the team lead, who may update any task.
    public var isLead: Bool { agentType == .teamLead }
}
