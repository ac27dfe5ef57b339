import ArgumentParser

/// `ccverify`: verifies what an agent changed: diff, write scope, secrets, tests, rollback.
struct CCVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccverify",
        abstract: "Verify a run or a commit range: write scope, secrets, tests, and conservative rollback.",
        subcommands: [
            RunCommand.self, DiffCommand.self, ScanCommand.self, RollbackCommand.self, BeginCommand.self,
            HookCommand.self,
        ])
}
