import ArgumentParser
import CCPrompt
import Foundation

/// `--pack DIR`, shared by the commands that read the effective prompt pack.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("pack"),
        help: ArgumentHelp(
            "A prompt pack directory whose files override the repository's and the built-in ones.",
            valueName: "DIR"))
    var directory: String?

    /// Loads the effective pack for `workingDirectory` (its repository's overrides apply).
    func load(workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws -> PromptPack
    {
        try PromptPack.load(
            packDirectory: directory.map { URL(fileURLWithPath: $0) }, workingDirectory: workingDirectory)
    }
}
