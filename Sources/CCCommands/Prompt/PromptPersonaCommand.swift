import ArgumentParser
import CCCore
import CCPrompt
import Foundation

/// `ccprompt persona --role ROLE [--cwd DIR] [--append | --force] [--dry-run]`.
struct PromptPersonaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persona",
        abstract: "Write a role persona into CLAUDE.md, in a managed section that keeps your own text.")

    @OptionGroup var pack: PackOptions
    @Option(help: "The role whose persona to write (see 'ccprompt list').")
    var role: String
    @Option(help: ArgumentHelp("The folder holding CLAUDE.md (default: the current folder).", valueName: "DIR"))
    var cwd: String?
    @Flag(help: "If CLAUDE.md has no persona section, add one at the end.")
    var append = false
    @Flag(help: "If CLAUDE.md has no persona section, back it up (CLAUDE.md.bak-<UTC time>) and replace it.")
    var force = false
    @Flag(help: "Print what would be written; change nothing.")
    var dryRun = false

    func run() throws {
        if append && force { throw PromptError.conflictingPersonaOptions }
        let directory = URL(fileURLWithPath: cwd ?? FileManager.default.currentDirectoryPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ToolError("folder '\(directory.path)' does not exist", help: "pass an existing folder with --cwd")
        }
        let persona = try pack.load(workingDirectory: directory).persona(role: role)
        let plan = try PersonaFile.plan(
            persona: persona, role: role, directory: directory, mode: append ? .append : force ? .force : .refuse)
        if dryRun {
            Console.out(plan.summary(dryRun: true))
            if plan.action != .unchanged { Console.out(plan.section) }
            return
        }
        try PersonaFile.apply(plan)
        Console.out(plan.summary(dryRun: false))
    }
}
