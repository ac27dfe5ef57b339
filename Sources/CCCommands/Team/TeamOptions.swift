import ArgumentParser
import CCTeam
import Foundation

/// `--team NAME`, for the commands that manage a whole team.
struct TeamNameOption: ParsableArguments {
    @Option(name: .long, help: "The team (default: the repository folder's name, plus -$TEAM when set).")
    var team: String?

    /// The team's location, found from the current directory.
    func location() throws -> TeamLocation {
        try TeamLocation.resolve(team: team, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

extension Console {
    /// The terminal's width when standard output is one, else 120 (so piped output is stable).
    static var stdoutWidth: Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 120 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 120 }
        return Int(size.ws_col)
    }
}
