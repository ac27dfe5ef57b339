public import CCCore
public import CCPrompt
import Foundation

/// What an agent is told: a system prompt appended to Claude Code's own (the preamble and a persona),
/// and the prompt that states the work.
public struct AgentPrompt: Sendable, Equatable {
    public var system: String
    public var prompt: String
}

/// Builds agents' prompts from the prompt pack, so a repository's `.ccteam/prompt-pack/` overrides
/// change what the team reads without rebuilding anything.
public struct PromptComposer: Sendable {
    public var pack: PromptPack
    /// The template a worker's task is rendered with.
    public var template: String
    /// The persona workers get.
    public var workerRole: String

    public init(pack: PromptPack, template: String = "feature", workerRole: String = "implementation") {
        self.pack = pack
        self.template = template
        self.workerRole = workerRole
    }

    /// The team lead's prompt: the goal, and how to hand the work to the team.
    public func lead(goal: String, team: String, workers: Int) throws -> AgentPrompt {
        AgentPrompt(
            system: try pack.persona(role: "team-lead"),
            prompt: """
                # Goal

                \(goal)

                # Your job now

                You lead the team "\(team)" of \(workers) worker agent\(workers == 1 ? "" : "s"). Read the \
                repository, then create the task graph for this goal with `mcp__ccteam__TaskCreate` (each task \
                with a narrow `scope` and real `blockedBy` dependencies). The launcher starts the workers on \
                ready tasks as soon as you finish, so finish once the graph is complete: end with a short \
                summary of the plan. Do not write code or change files yourself.
                """)
    }

    /// A worker's prompt for one attempt at a task; a retry carries what was wrong with the last one.
    public func worker(
        task: WorkItem, identity: Identity, worktree: String, attempt: Int, feedback: [Finding],
        testCommand: String?
    ) throws -> AgentPrompt {
        let scope = task.scope.isEmpty ? "" : task.scope.joined(separator: ", ")
        var variables = [
            "task_id": task.id, "write_scope": scope, "team": identity.team, "agent_id": identity.agentID,
            "worktree": worktree,
        ]
        let preamble = try pack.preamble(variables: variables)
        let persona = try pack.persona(role: workerRole)
        variables = ["task": Self.taskText(task), "write_scope": scope.isEmpty ? "(the whole repository)" : scope]
        if let testCommand, pack.document(.template, named: template)?.variable(named: "test_command") != nil {
            variables["test_command"] = testCommand
        }
        var prompt = try pack.renderTemplate(name: template, variables: variables)
        if attempt > 1 {
            prompt += "\n\n" + Self.retryNote(attempt: attempt, feedback: feedback)
        }
        return AgentPrompt(system: preamble + "\n\n" + persona, prompt: prompt)
    }

    /// The task as the worker reads it: its id and subject as a heading, then the lead's brief.
    static func taskText(_ task: WorkItem) -> String {
        let description = task.description.trimmingCharacters(in: .whitespacesAndNewlines)
        return "Task \(task.id): \(task.subject)" + (description.isEmpty ? "" : "\n\n" + description)
    }

    /// Why the last attempt was rolled back, finding by finding, and what to do differently.
    static func retryNote(attempt: Int, feedback: [Finding]) -> String {
        var lines = [
            "# Attempt \(attempt): the previous attempt was rejected",
            "",
            "Your worktree was reset to where the task started. The checks found:",
            "",
        ]
        for finding in feedback.prefix(20) {
            let place = finding.path.map { path in finding.line.map { "\(path):\($0)" } ?? path }
            lines.append("- [\(finding.rule)] " + (place.map { "\($0): " } ?? "") + finding.message)
        }
        if feedback.count > 20 { lines.append("- ... and \(feedback.count - 20) more") }
        if feedback.isEmpty { lines.append("- the run itself failed (no result, an error, or a time limit)") }
        lines += ["", "Do the task again without repeating these problems."]
        return lines.joined(separator: "\n")
    }
}
