import ArgumentParser
import CCVerify
import Foundation

/// `ccverify hook`: hooks for agent CLIs.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook", abstract: "Hooks for Claude Code.", subcommands: [PreToolUseCommand.self])
}

/// `ccverify hook pre-tool-use`: Claude Code's PreToolUse hook, blocking writes outside scope or with secrets.
struct PreToolUseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-tool-use",
        abstract: "Read a PreToolUse hook call on stdin; exit 2 with a reason to block a write.",
        discussion: """
            Blocks Write, Edit, MultiEdit and NotebookEdit calls whose file is outside the repository, protected, \
            denied or outside the scope (--scope, else the CCTEAM_SCOPE JSON array), or whose new content holds a \
            secret. Other tools pass silently. Unreadable input blocks the call (fails closed).
            """)

    @Option(name: .customLong("scope"), help: "A glob the agent may write (repeatable); default: CCTEAM_SCOPE.")
    var scope: [String] = []

    @Option(help: "A scope policy file (default: .ccteam/policies/scope.yaml, else the built-in policy).")
    var policy: String?

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let decision = HookRunner.preToolUse(
            input: input, scope: scope, policyFile: fileURL(policy),
            environment: ProcessInfo.processInfo.environment, directory: currentDirectory)
        if case .block(let reason) = decision {
            Console.err(reason)
            throw ExitCode(2)
        }
    }
}
