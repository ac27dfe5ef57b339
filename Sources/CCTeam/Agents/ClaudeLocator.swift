public import CCCore
public import Foundation

/// Finds the Claude Code CLI the way a user expects: an explicit setting first, then the cache our
/// setup script fills, then `PATH`.
public struct ClaudeLocator: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory()
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// Where each candidate came from, for `ccteam doctor` to explain its choice.
    public enum Source: String, Sendable {
        case environment = "CCTEAM_CLAUDE"
        case setupCache = "scripts/setup.sh --claude"
        case path = "PATH"
    }

    /// The first executable candidate, or `nil` when there is none.
    public func locate() -> (path: String, source: Source)? {
        candidates().first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Every place looked at, in order.
    public func candidates() -> [(path: String, source: Source)] {
        var found: [(String, Source)] = []
        if let explicit = environment["CCTEAM_CLAUDE"], !explicit.isEmpty { found.append((explicit, .environment)) }
        let cache = environment["CCTEAM_CACHE"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.cache/ccteam"
        if let recorded = try? String(contentsOfFile: cache + "/claude-path", encoding: .utf8) {
            found.append((recorded.trimmingCharacters(in: .whitespacesAndNewlines), .setupCache))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            found.append((folder + "/claude", .path))
        }
        return found
    }

    /// The error to show when no CLI is found.
    public static let notFound = ToolError(
        "the Claude Code CLI was not found (looked at $CCTEAM_CLAUDE, ~/.cache/ccteam/claude-path and PATH)",
        help: "run 'bash scripts/setup.sh --claude', set CCTEAM_CLAUDE=/path/to/claude, or use --agent command")
}
