import ArgumentParser
import CCPrompt

/// `ccprompt list [--json]`.
struct PromptListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List templates, roles, domains and partials with their variables.")

    @OptionGroup var pack: PackOptions
    @Flag(help: "Print one JSON document (templates, roles, domains, partials, preamble).")
    var json = false

    func run() throws {
        let listing = PackListing(pack: try pack.load())
        Console.out(json ? try listing.json() : listing.text(), terminator: "")
    }
}
