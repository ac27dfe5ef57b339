import CCCore
import CCPrompt
import CCTeam
import Testing

@Suite struct PromptComposerTests {
    let composer = PromptComposer(pack: .builtin)
    let identity = Identity(team: "web", agentID: "worker-2", agentType: .worker, agentName: "Worker 2")
    let task = WorkItem(
        id: "3", subject: "Add the health endpoint", description: "GET /health returns 200.", scope: ["src/api/**"])

    @Test func theLeadGetsTheTeamLeadPersonaAndTheGoal() throws {
        let prompt = try composer.lead(goal: "Build a REST API", team: "web", workers: 3)
        #expect(prompt.system.contains("team lead"))
        #expect(prompt.prompt.hasPrefix("# Goal\n\nBuild a REST API\n"))
        #expect(prompt.prompt.contains("3 worker agents"))
    }

    @Test func aWorkerGetsThePreambleWithItsTaskIdentityAndScope() throws {
        let prompt = try composer.worker(
            task: task, identity: identity, worktree: "/r/.ccteam/worktrees/web/worker-2", attempt: 1, feedback: [],
            testCommand: "swift test")
        #expect(prompt.system.hasPrefix("# You are a worker"))
        #expect(prompt.system.contains("**worker-2**"))
        #expect(prompt.system.contains("`taskId: \"3\"`"))
        #expect(prompt.system.contains("src/api/**"))
        #expect(prompt.prompt.contains("Task 3: Add the health endpoint\n\nGET /health returns 200."))
        #expect(prompt.prompt.contains("swift test"))
        #expect(!prompt.prompt.contains("previous attempt"))
    }

    @Test func aRetryListsWhatTheChecksFound() throws {
        let findings = [
            Finding(rule: "scope.outside-allow", kind: .scope, message: "outside the task's scope", path: "README.md"),
            Finding(
                rule: "aws-access-key-id", kind: .secret, message: "AWS access key", path: "src/api/k.swift", line: 4),
        ]
        let prompt = try composer.worker(
            task: task, identity: identity, worktree: "/w", attempt: 2, feedback: findings, testCommand: nil)
        #expect(
            prompt.prompt.hasSuffix(
                """
                # Attempt 2: the previous attempt was rejected

                Your worktree was reset to where the task started. The checks found:

                - [scope.outside-allow] README.md: outside the task's scope
                - [aws-access-key-id] src/api/k.swift:4: AWS access key

                Do the task again without repeating these problems.
                """))
    }
}
