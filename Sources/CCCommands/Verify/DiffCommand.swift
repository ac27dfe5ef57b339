import ArgumentParser
import CCVerify

/// `ccverify diff`: verifies a commit range, or the working tree against a base.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Verify a commit range or the working tree: write scope, secrets, and optionally tests.",
        discussion: """
            Without --base, the base is where HEAD left the default branch (HEAD itself when on it). \
            Without --head, the working tree is verified, untracked files included.
            """)

    @Option(help: "The base revision (branch, tag or commit).")
    var base: String?

    @Option(help: "The head revision; the working tree when left out.")
    var head: String?

    @Option(help: "A scope policy file (default: .ccteam/policies/scope.yaml, else the built-in policy).")
    var policy: String?

    @Option(help: "A secret rules file in gitleaks TOML (default: .ccteam/policies/secrets.toml, else built-in).")
    var rules: String?

    @OptionGroup var tests: TestOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let request = DiffRequest(
            base: base, head: head, policyFile: fileURL(policy), rulesFile: fileURL(rules),
            test: tests.testCommand.map { TestRequest(command: $0, timeoutSeconds: tests.testTimeout) },
            directory: currentDirectory)
        try output.print(try Verification.diff(request))
    }
}
