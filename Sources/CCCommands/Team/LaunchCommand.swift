import ArgumentParser
import CCCore
import CCProcess
import CCReport
import CCTeam
import Foundation

/// `ccteam launch GOAL`: a lead plans, workers build in worktrees, every run is verified, accepted
/// work is merged into the team's integration branch.
struct LaunchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch", abstract: "Launch a team on a goal and run it to the end.")

    @Argument(help: "What the team should achieve.") var goal: String
    @Option(help: "How many worker agents run at once.") var workers = 3
    @Option(help: "The team's name (default: the repository folder's name, plus -$TEAM when set).") var team: String?
    @Option(help: "The agent backend: claude or command.") var agent: String = "claude"
    @Option(
        name: .customLong("agent-command"), help: "With --agent command: the executable that reads its prompt on stdin."
    )
    var agentCommand: String?
    @Option(help: "The workers' model.") var model: String?
    @Option(name: .customLong("lead-model"), help: "The lead's model (default: --model).") var leadModel: String?
    @Option(
        help: ArgumentHelp(
            "A YAML or JSON file mapping model tiers to model ids ('sonnet: claude-sonnet-4-5').",
            discussion: "Roles declare a tier (the lead opus, workers sonnet); a task or --model may name one too."))
    var models: String?
    @Option(help: "A task graph in YAML or JSON; skips the lead.") var plan: String?
    @Option(help: "The commit the team starts from (default: HEAD).") var base: String?
    @Option(help: "A write-scope policy file (default: .ccteam/policies/scope.yaml, else built in).") var policy:
        String?
    @Option(name: .customLong("test-command"), help: "Runs in each worktree after each run; must pass.")
    var testCommand: String?
    @Option(name: .customLong("task-timeout"), help: "Seconds one run may take.") var taskTimeout: Double = 1800
    @Option(name: .customLong("max-retries"), help: "Attempts allowed beyond the first.") var maxRetries = 1
    @Option(name: .customLong("permission-mode"), help: "Claude Code's permission mode for agents.")
    var permissionMode = "dontAsk"
    @Option(name: .customLong("max-budget-usd"), help: "The team's cost limit, split across runs.") var maxBudgetUSD:
        Double?
    @Option(name: .customLong("max-output-mb"), help: "The most output one agent run may print.")
    var maxOutputMB = 256
    @Option(name: .customLong("include"), help: "Git-ignored files to copy into every worktree (a glob; repeatable).")
    var include: [String] = []
    @Flag(
        help: ArgumentHelp(
            "Run agents and their tests with your full rights, without Landlock (not recommended).",
            discussion: "Only the tamper check before each merge then stands between an agent and your repository."))
    var unconfined = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() async throws {
        guard let backend = TeamConfig.Agent(rawValue: agent) else {
            throw ToolError("unknown agent backend '\(agent)'", help: "use --agent claude or --agent command")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let settings = LaunchSettings(
            workers: workers, agent: backend, agentCommand: agentCommand, model: model, leadModel: leadModel,
            policy: policy.map { URL(fileURLWithPath: $0, relativeTo: cwd).path }, testCommand: testCommand,
            taskTimeoutSeconds: taskTimeout, maxRetries: maxRetries, permissionMode: permissionMode,
            maxBudgetUSD: maxBudgetUSD, maxOutputBytes: maxOutputMB > 0 ? maxOutputMB << 20 : -1,
            include: include.isEmpty ? nil : include, unconfined: unconfined ? true : nil,
            modelTiers: try models.map { try ModelTiers.load(URL(fileURLWithPath: $0, relativeTo: cwd).path) }
                ?? ModelTiers())
        let request = LaunchRequest(
            goal: goal, team: team, planFile: plan.map { URL(fileURLWithPath: $0, relativeTo: cwd) }, base: base,
            settings: settings, directory: cwd, environment: ProcessInfo.processInfo.environment)
        try await TeamRun.present(title: "ccteam: \(goal.prefix(60))", json: json) { display in
            try await TeamLauncher.launch(request, display: display)
        }
    }
}

/// `ccteam resume`: continues a stopped or killed team where it left off.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Continue a stopped team: its open tasks run, finished ones stay.")

    @Option(help: "The team's name (default: the repository folder's name, plus -$TEAM when set).") var team: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        try await TeamRun.present(title: "ccteam resume", json: json) { display in
            try await TeamLauncher.resume(
                team: team, directory: cwd, environment: ProcessInfo.processInfo.environment, display: display)
        }
    }
}

/// Runs a team in the foreground: live display, Ctrl-C and SIGTERM stop it cleanly, a summary at the end.
enum TeamRun {
    static func present(
        title: String, json: Bool,
        _ body: @escaping @Sendable (LiveDisplay) async throws -> LaunchSummary
    ) async throws {
        let display = LiveDisplay(title: title)
        let work = Task { try await body(display) }
        let trap = SignalTrap { _ in
            FileHandle.standardError.write(Data("ccteam: stopping every agent; 'ccteam resume' continues\n".utf8))
            work.cancel()
        }
        defer { trap.cancel() }
        var summary: LaunchSummary
        do {
            summary = try await work.value
        } catch {
            display.finish()
            throw error
        }
        display.finish()
        summary.reportPath = writeReport(team: summary.team)
        if json {
            Console.out(String(decoding: try JSONCoding.encoder().encode(summary), as: UTF8.self))
        } else {
            Console.out(SummaryText.render(summary))
        }
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
    }

    /// Writes the team's HTML report as the launch ends; a report that cannot be written is a
    /// warning, never a failed launch.
    static func writeReport(team: String) -> String? {
        do {
            let location = try TeamLocation.resolve(
                team: team, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            return try ReportWriter.write(location).file.path
        } catch {
            Console.warning(
                "the team's report could not be written: \((error as? any UserFacingError)?.message ?? "\(error)")")
            return nil
        }
    }
}
