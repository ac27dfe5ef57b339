public import Foundation

/// Debian's headless Chromium, for tests that check a page the way a browser shows it.
public enum Chromium {
    public static let path = "/usr/bin/chromium"

    /// What the browser made of a page: its DOM after scripts ran, and every console message the
    /// page produced (script errors arrive as `Uncaught ...`).
    public struct Rendering: Sendable {
        public var dom: String
        public var consoleMessages: [String]
    }

    static func arguments(_ extra: [String], _ url: String) -> [String] {
        // `--enable-logging=stderr --v=0` makes console messages appear as `...:CONSOLE:N] "text", source: ...`.
        ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"] + extra + [url]
    }

    /// Loads `url` and dumps its DOM.
    public static func render(_ url: String) throws -> Rendering {
        let output = try Shell.run(path, arguments(["--dump-dom"], url))
        return Rendering(dom: output.stdout, consoleMessages: consoleMessages(output.stderr))
    }

    /// Loads `url` and saves a screenshot of the first `width`×`height` pixels; returns its console messages.
    @discardableResult
    public static func screenshot(_ url: String, to file: URL, width: Int = 1280, height: Int = 2000) throws
        -> [String]
    {
        let output = try Shell.run(
            path, arguments(["--screenshot=\(file.path)", "--window-size=\(width),\(height)"], url))
        return consoleMessages(output.stderr)
    }

    static func consoleMessages(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }
}
