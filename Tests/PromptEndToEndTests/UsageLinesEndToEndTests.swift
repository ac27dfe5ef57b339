import CCTestSupport
import Foundation
import Testing

/// The lines people copy: every `ccprompt` line of the README's shell blocks and every example line
/// of `ccprompt`'s help, each run by `sh` exactly as written, in a fresh folder, with the built
/// tools first on PATH. A line exits 0 unless its comment says `# exits N`.
@Suite("ccprompt usage lines run as shown")
struct UsageLinesEndToEndTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The README's ```sh lines that start with `ccprompt `; empty when the README cannot be read
    /// (``theReadmeShowsEverySubcommand()`` then fails).
    static var readmeLines: [String] {
        let text = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
        var lines: [String] = []
        var inShellBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShellBlock = line == "```sh"
            } else if inShellBlock && line.hasPrefix("ccprompt ") {
                lines.append(String(line))
            }
        }
        return lines
    }

    /// The status a line documents with `# exits N`, else 0.
    static func documentedStatus(of line: String) -> Int32 {
        guard let comment = line.range(of: "# exits ") else { return 0 }
        return Int32(line[comment.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    /// Runs `line` with `sh -c` in a new empty folder.
    static func runAsShown(_ line: String) throws -> ProcessOutput {
        let directory = try TemporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = BuiltTools.productsDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        return try Shell.run("/bin/sh", ["-c", line], in: directory.url, environment: environment)
    }

    /// Checks one line's outcome against what it documents.
    static func expectRunsAsShown(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = try runAsShown(line)
        let expected = documentedStatus(of: line)
        #expect(output.status == expected, "\(line)\n\(output.stderr)", sourceLocation: sourceLocation)
        if expected == 0 {
            #expect(!output.stdout.isEmpty, "\(line) printed nothing", sourceLocation: sourceLocation)
            #expect(!output.stderr.contains("error:"), "\(line)\n\(output.stderr)", sourceLocation: sourceLocation)
        } else {
            #expect(output.stderr.hasPrefix("error: "), "\(line)\n\(output.stderr)", sourceLocation: sourceLocation)
            #expect(output.stderr.contains("\nhelp: "), "\(line)\n\(output.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test("the README shows every subcommand, and a bare render")
    func theReadmeShowsEverySubcommand() {
        let lines = Self.readmeLines
        for subcommand in ["list", "render", "persona", "validate"] {
            #expect(lines.contains { $0.hasPrefix("ccprompt \(subcommand)") }, "no README line for \(subcommand)")
        }
        #expect(lines.contains { $0.hasPrefix("ccprompt render --template bugfix ") && !$0.contains("--task") })
    }

    @Test("every ccprompt line of the README runs as shown", arguments: readmeLines)
    func readmeLine(_ line: String) throws {
        try Self.expectRunsAsShown(line)
    }

    @Test("every example line of ccprompt's help runs as shown")
    func helpExamples() throws {
        let root = try BuiltTools.run("ccprompt", ["--help"])
        #expect(root.status == 0)
        // Subcommand names stand two spaces in; their wrapped descriptions stand further in.
        let subcommands =
            root.stdout.components(separatedBy: "SUBCOMMANDS:\n").last?
            .split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) } ?? []
        #expect(subcommands.starts(with: ["list", "render", "persona", "validate"]))
        var examples: [String] = []
        for help in [root.stdout] + (try subcommands.map { try BuiltTools.run("ccprompt", [$0, "--help"]).stdout }) {
            examples += help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("ccprompt ") }
        }
        #expect(examples.contains("ccprompt render --template bugfix"))
        for line in examples { try Self.expectRunsAsShown(line) }
    }
}
