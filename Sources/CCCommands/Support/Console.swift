import Foundation

/// Where the tools print: results to stdout, diagnostics to stderr, color only on a terminal.
enum Console {
    /// Writes a line (or lines) to standard output.
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    /// Writes a line to standard error, unformatted.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints an error once, in the one shape every tool uses.
    static func error(_ message: String, help: String? = nil) {
        var text = colored("error:", .red) + " " + message
        if let help { text += "\n" + colored("help:", .cyan) + " " + help }
        err(text)
    }

    /// Prints a warning that does not change the exit status.
    static func warning(_ message: String) {
        err(colored("warning:", .yellow) + " " + message)
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"
    }

    /// Whether standard error is a terminal that wants color (`NO_COLOR` turns it off).
    static let stderrIsColorTerminal: Bool = isatty(STDERR_FILENO) == 1 && wantsColor
    /// Whether standard output is a terminal that wants color.
    static let stdoutIsColorTerminal: Bool = isatty(STDOUT_FILENO) == 1 && wantsColor
    private static var wantsColor: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Wraps text in an ANSI color when standard error is a color terminal.
    static func colored(_ text: String, _ color: Color, stdout: Bool = false) -> String {
        let enabled = stdout ? stdoutIsColorTerminal : stderrIsColorTerminal
        return enabled ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}
