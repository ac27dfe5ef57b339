import ArgumentParser
import CCPrompt
import Foundation

/// `ccprompt render --template NAME [--task TEXT] [--var KEY=VALUE ...] [--role ROLE] [--preamble] [-o FILE]`.
struct PromptRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a task template, strictly: unknown names and missing variables are errors.")

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

    func run() throws {
        let values = try VariableArguments.parse(variables, task: task)
        let text = try pack.load().renderTemplate(
            name: template, variables: values, role: role, includePreamble: preamble)
        if let output {
            let file = URL(fileURLWithPath: output)
            try RenderedFile.write(text, template: template, to: file)
            Console.err("wrote \(file.path)")
        } else {
            Console.out(text, terminator: "")
        }
    }
}
