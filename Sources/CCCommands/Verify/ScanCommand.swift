import ArgumentParser
import CCVerify

/// `ccverify scan`: scans files, the staged change, or a commit range for secrets.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files, the staged change or a commit range for secrets.",
        discussion: """
            With no path and neither --staged nor --log, scans the current folder. --staged scans what the index \
            adds over HEAD; --log RANGE scans what each commit adds (A..B, or one revision and its history).
            """)

    @Argument(help: "Files and folders to scan (folders are walked, .git skipped).")
    var paths: [String] = []

    @Flag(help: "Scan the lines the index adds over HEAD.")
    var staged = false

    @Option(help: "Scan the lines each commit of a range adds (A..B, A...B, or one revision).")
    var log: String?

    @Option(help: "A secret rules file in gitleaks TOML (default: .ccteam/policies/secrets.toml, else built-in).")
    var rules: String?

    @Option(help: "A baseline of accepted findings (JSON, by fingerprint) to leave out.")
    var baseline: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        let request = ScanRequest(
            paths: paths, staged: staged, logRange: log, rulesFile: fileURL(rules), baselineFile: fileURL(baseline),
            directory: currentDirectory)
        try output.print(try SecretScan.run(request))
    }
}
