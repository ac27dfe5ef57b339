import ArgumentParser
import CCCore
import CCReport
import CCTeam
import Foundation

/// `ccteam report`: one file that shows what a team did, from its records.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a team's report: timeline, task graph, every attempt, findings and spending.",
        discussion: """
            html (the default) is one self-contained page that opens from disk; markdown fits a \
            pull-request comment; json is the same data for tools. The default file is \
            .ccteam/teams/<team>/report.html (report.md, report.json); an existing file named with -o \
            is kept as <file>.bak first.
            """)

    @OptionGroup var options: TeamNameOption

    @Option(name: .customShort("o"), help: "Write the report here instead of the team's folder ('-' prints it).")
    var output: String?

    @Option(help: "html, markdown or json.")
    var format = "html"

    func run() throws {
        let format = try ReportFormat.parse(format)
        let location = try options.location()
        if output == "-" {
            Console.out(try ReportWriter.render(TeamReport.load(location), as: format), terminator: "")
            return
        }
        let file = output.map { URL(fileURLWithPath: $0) }
        let written = try ReportWriter.write(location, format: format, to: file)
        if let backup = written.backup { Console.note("the previous \(written.file.path) was kept as \(backup.path)") }
        Console.out(written.file.path)
    }
}
