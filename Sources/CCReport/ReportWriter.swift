public import CCCore
public import CCTeam
public import Foundation

/// The forms `ccteam report` writes.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, markdown, json

    /// The file name of the default output under `.ccteam/teams/<team>/`.
    public var defaultFileName: String {
        switch self {
        case .html: "report.html"
        case .markdown: "report.md"
        case .json: "report.json"
        }
    }

    /// Reads `--format`, naming the choices when the value is none of them.
    public static func parse(_ text: String) throws -> ReportFormat {
        guard let format = ReportFormat(rawValue: text.lowercased()) else {
            throw ToolError(
                "unknown report format '\(text)'",
                help: "use --format html, --format markdown or --format json")
        }
        return format
    }
}

/// Renders a report and writes it where asked: by default the team's own folder, where an older
/// report is simply replaced; a file the user named is kept as `<file>.bak` (or `.bak.2`, ...)
/// before it is replaced.
public enum ReportWriter {
    public static func render(_ report: TeamReport, as format: ReportFormat) throws -> String {
        switch format {
        case .html: HTMLReport.render(report)
        case .markdown: MarkdownReport.render(report)
        case .json: String(decoding: try JSONCoding.encoder().encode(report), as: UTF8.self) + "\n"
        }
    }

    /// `.ccteam/teams/<team>/report.html` (or `.md`, `.json`).
    public static func defaultFile(_ location: TeamLocation, format: ReportFormat) -> URL {
        TeamConfig.file(root: location.root, team: location.team).deletingLastPathComponent()
            .appendingPathComponent(format.defaultFileName)
    }

    /// What was written, and where an earlier file went.
    public struct Written: Sendable, Equatable {
        public var file: URL
        public var backup: URL?
    }

    /// Builds the team's report and writes it to `file` (default: the team's folder).
    @discardableResult
    public static func write(
        _ location: TeamLocation, format: ReportFormat = .html, to file: URL? = nil, now: Date = Date()
    ) throws -> Written {
        let report = try TeamReport.load(location, now: now)
        let text = try render(report, as: format)
        let target = file ?? defaultFile(location, format: format)
        var backup: URL?
        let manager = FileManager.default
        if file != nil, manager.fileExists(atPath: target.path) {
            // `report.html.bak`, else `.bak.2`, ...: an earlier backup is never replaced either.
            let old =
                ([""] + (2...999).map { ".\($0)" }).lazy
                .map { URL(fileURLWithPath: target.path + ".bak" + $0) }
                .first { !manager.fileExists(atPath: $0.path) } ?? URL(fileURLWithPath: target.path + ".bak")
            do {
                try manager.copyItem(at: target, to: old)
            } catch {
                throw ToolError(
                    "could not keep the existing \(target.path) as \(old.path): \(error.localizedDescription)",
                    help: "move the file away or name another with -o")
            }
            backup = old
        }
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: target, options: .atomic)
        } catch {
            throw ToolError(
                "could not write the report to \(target.path): \(error.localizedDescription)",
                help: "name a writable file with -o")
        }
        return Written(file: target, backup: backup)
    }
}
