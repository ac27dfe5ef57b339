import ArgumentParser
import CCSecrets
import CCTeam
import Foundation

/// `ccteam doctor`: what is missing, and how to get it.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check what a team needs here (repository, libraries, Claude Code, API access, ccverify).",
        discussion: "Exits 0 when every required check passes (warnings allowed), 1 when one fails.")

    func run() throws {
        let doctor = Doctor(
            directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            libraries: [
                Doctor.libgit2,
                Doctor.LibraryVersion(name: "PCRE2", version: PCRE2Version.current, package: "libpcre2-8-0"),
            ])
        let checks = doctor.run()
        let unicode = Console.stdoutIsColorTerminal
        for check in checks {
            var lines = check.lines(unicode: unicode)
            if unicode, let mark = lines.first?.first {
                let color: Console.Color =
                    switch check.outcome {
                    case .passed: .green
                    case .warning: .yellow
                    case .failed: .red
                    }
                lines[0] = Console.colored(String(mark), color, stdout: true) + lines[0].dropFirst()
            }
            lines.forEach { Console.out($0) }
        }
        let failed = checks.filter { $0.outcome == .failed }.count
        let warnings = checks.filter { $0.outcome == .warning }.count
        if failed > 0 {
            Console.out("\(failed) check\(failed == 1 ? "" : "s") failed")
            throw ExitCode(1)
        }
        Console.out(
            "all required checks passed" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
    }
}
