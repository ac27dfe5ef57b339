import ArgumentParser
import CCPrompt
import Foundation

/// `ccprompt render --template NAME [--task TEXT] [--var KEY=VALUE ...] [--role ROLE] [--preamble] [-o FILE]
/// [--strict]`.
///
/// A first try must work: what is left open renders as `<name>`, named in one `note:` line, and
/// `--strict` keeps the refusal for scripts that must never ship a placeholder.
struct PromptRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a task template; a required variable left open shows as <name>.",
        discussion: """
            A required variable without a value renders as a visible placeholder (<write_scope>), and \
            one note on standard error names every placeholder; --strict refuses instead (exit 2). \
            Declared defaults fill in optional variables.

            Examples:
              ccprompt render --template bugfix
              ccprompt render --template bugfix --task "Crash on empty input" --preamble
              ccprompt render --template bugfix --task "Crash" --var write_scope='src/**'
              ccprompt render --template bugfix --strict     # exits 2: task, write_scope
            """)

    @OptionGroup var pack: PackOptions
    @Option(help: "The template to render (see 'ccprompt list').")
    var template: String
    @Option(help: "The task: the value of the variable 'task'.")
    var task: String?
    @Option(name: .customLong("var"), help: ArgumentHelp("Set a declared variable.", valueName: "KEY=VALUE"))
    var variables: [String] = []
    @Option(help: "Put this role's persona before the task.")
    var role: String?
    @Flag(help: "Put the worker preamble first.")
    var preamble = false
    @Option(
        name: .short,
        help: ArgumentHelp(
            "Write to FILE instead of standard output (an existing FILE is replaced only if a render wrote it).",
            valueName: "FILE"))
    var output: String?
    @Flag(help: "Refuse (exit 2) when a required variable has no value, instead of rendering a placeholder.")
    var strict = false

    func run() throws {
        let values = try VariableArguments.parse(variables, task: task)
        let rendered = try pack.load().render(
            template: template, variables: values, role: role, includePreamble: preamble,
            missingValues: strict ? .refuse : .placeholder)
        if let note = rendered.note { Console.note(note) }
        if let output {
            let file = URL(fileURLWithPath: output)
            try RenderedFile.write(rendered.text, template: template, to: file)
            Console.err("wrote \(file.path)")
        } else {
            Console.out(rendered.text, terminator: "")
        }
    }
}
