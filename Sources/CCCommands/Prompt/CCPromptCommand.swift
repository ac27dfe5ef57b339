import ArgumentParser

/// `ccprompt`: renders the prompt pack and writes CLAUDE.md worker personas.
struct CCPromptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccprompt",
        abstract: "Render the prompt pack: task templates, role personas, domain guides, the worker preamble.",
        discussion: """
            The pack is assembled file by file: --pack DIR first, then .ccteam/prompt-pack/ at the \
            repository root, then the pack built into ccprompt.
            """,
        subcommands: [
            PromptListCommand.self, PromptRenderCommand.self, PromptPersonaCommand.self,
            PromptValidateCommand.self,
        ])
}
