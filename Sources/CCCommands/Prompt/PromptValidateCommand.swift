import ArgumentParser
import CCPrompt
import Foundation

/// `ccprompt validate [PACK-DIR]`: exit 0 clean (warnings allowed), 1 with errors, 2 without a pack.
struct PromptValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Lint a prompt pack (default: the effective pack) and print compiler-style findings.")

    @Argument(help: ArgumentHelp("A pack directory, checked over the built-in pack.", valueName: "PACK-DIR"))
    var directory: String?

    func run() throws {
        let validation = try PackValidation(
            directory: directory.map { URL(fileURLWithPath: $0) },
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        Console.out(validation.report(), terminator: "")
        if validation.hasErrors { throw ExitCode(1) }
    }
}
