import ArgumentParser
import CCCore
import Foundation

/// The three tools, so an entry point needs nothing but `await ToolMain.run(.ccverify)`.
public enum Tool: Sendable {
    case ccteam, ccprompt, ccverify

    var command: any ParsableCommand.Type {
        switch self {
        case .ccteam: CCTeamCommand.self
        case .ccprompt: CCPromptCommand.self
        case .ccverify: CCVerifyCommand.self
        }
    }
}

/// Parses arguments, runs the command, and turns every outcome into the contract's exit codes.
///
/// Errors are printed here and nowhere else: `error: <what happened>` and `help: <what to do>`.
/// ArgumentParser's usage failures (its exit 64) become exit 2, as the contract requires.
public enum ToolMain {
    public static func run(_ tool: Tool, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async
        -> Never
    {
        let root = tool.command
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(ExitStatus.success.rawValue)
        } catch {
            exit(report(error, root: root).rawValue)
        }
    }

    /// Prints an error the way every tool prints it and returns the status to exit with.
    static func report(_ error: any Error, root: any ParsableCommand.Type) -> ExitStatus {
        if let error = error as? any UserFacingError {
            Console.error(error.message, help: error.help)
            return error.exitStatus
        }
        if let exit = error as? ExitCode {
            return exit.rawValue == 0 ? .success : (exit.rawValue == 1 ? .failure : .usage)
        }
        let code = root.exitCode(for: error)
        if code == .success {
            // --help and --version are not errors: print them to stdout.
            Console.out(root.fullMessage(for: error))
            return .success
        }
        let message = root.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        let name = root.configuration.commandName ?? "the tool"
        Console.error(message, help: "run '\(name) --help' for usage")
        return .usage
    }
}
