import CCCore
public import Foundation

/// `ccprompt validate`: every finding of a pack, compiler-style.
public struct PackValidation: Sendable {
    /// Every finding, sorted by place.
    public var findings: [LintFinding]
    /// How many files the effective pack has.
    public var fileCount: Int

    /// Lints the effective pack: `directory` (when given; it must exist) over the built-in pack, or
    /// else the repository's `.ccteam/prompt-pack/` over the built-in pack.
    ///
    /// References (partials, roles) resolve against the whole effective pack, so a directory that
    /// overrides a few files validates on its own.
    public init(directory: URL?, workingDirectory: URL) throws {
        let pack =
            if let directory {
                try PromptPack.load(packDirectory: directory, repositoryRoot: nil)
            } else {
                try PromptPack.load(packDirectory: nil, workingDirectory: workingDirectory)
            }
        findings = pack.lint()
        fileCount = pack.files.count
    }

    /// Whether any finding is an error (warnings alone pass).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The findings, one per line, then a one-line count.
    public func report() -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        let summary =
            "checked \(fileCount) files: \(errors) error\(errors == 1 ? "" : "s"), "
            + "\(warnings) warning\(warnings == 1 ? "" : "s")"
        return (findings.map(\.description) + [summary]).joined(separator: "\n") + "\n"
    }
}
