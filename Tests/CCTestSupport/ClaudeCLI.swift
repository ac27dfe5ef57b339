public import Foundation

/// The real Claude Code CLI for end-to-end tests: `CCTEAM_CLAUDE`, else the path
/// `scripts/setup.sh --claude` recorded in the cache. Tests that need it fail, never skip, when it
/// is missing: CI installs it.
public enum ClaudeCLI {
    /// The executable, or `nil` when neither place names one.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit = environment["CCTEAM_CLAUDE"], !explicit.isEmpty { candidates.append(explicit) }
        let cache = environment["CCTEAM_CACHE"] ?? (NSHomeDirectory() + "/.cache/ccteam")
        if let recorded = try? String(contentsOfFile: cache + "/claude-path", encoding: .utf8) {
            candidates.append(recorded.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What to tell the person running the tests when the CLI is missing.
    public static let missingMessage =
        "the Claude Code CLI is not installed: run 'bash scripts/setup.sh --claude' or set CCTEAM_CLAUDE"
}
