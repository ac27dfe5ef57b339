import ArgumentParser

/// `ccprompt`: renders the prompt pack and writes CLAUDE.md worker personas.
struct CCPromptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccprompt",
        abstract: "Render the prompt pack: task templates, role personas, domain guides, the worker preamble.",
        subcommands: [])
}
