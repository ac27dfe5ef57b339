public import CCCore
public import Foundation

/// The decision of Claude Code's `PreToolUse` hook: let a file write happen, or block it with a reason
/// that tells the agent what it may do instead.
///
/// A write is blocked when its file lies outside the repository (symbolic links resolved), when the
/// path is protected, denied or outside the allowed scope, or when the new content holds a secret.
/// Tools that do not write files are always allowed.
public struct PreToolUseHook: Sendable {
    /// Scans text a tool would write for secrets; returns secret findings (already redacted).
    public typealias ContentScanner = @Sendable (_ content: Data, _ path: String) throws -> [Finding]

    /// What the hook decided.
    public enum Decision: Sendable, Equatable {
        /// Let the call go ahead (exit 0, nothing printed).
        case allow
        /// Block the call (exit 2); the text goes back to the agent on stderr.
        case block(String)
    }

    /// The scope rules for writes.
    public var checker: ScopeChecker
    /// The root of the repository being written (the agent's worktree).
    public var repositoryRoot: URL
    /// The secret scanner for new content.
    public var scanSecrets: ContentScanner

    public init(checker: ScopeChecker, repositoryRoot: URL, scanSecrets: @escaping ContentScanner) {
        self.checker = checker
        self.repositoryRoot = repositoryRoot
        self.scanSecrets = scanSecrets
    }

    /// The decision for one tool call.
    public func decide(_ input: HookInput) -> Decision {
        guard input.writes, let filePath = input.filePath else { return .allow }
        let root = PathResolution.resolved(repositoryRoot.path)
        let base = input.cwd ?? root
        let lexical = PathResolution.standardized(filePath.hasPrefix("/") ? filePath : base + "/" + filePath)
        let resolved = PathResolution.resolved(lexical)
        var relativePaths: [String] = []
        for candidate in [lexical, resolved] {
            guard let relative = PathResolution.relative(candidate, to: root) ?? relativeToUnresolvedRoot(candidate)
            else {
                return .block(
                    "ccverify: blocked \(input.toolName) to \(filePath): it is outside the repository at \(root). "
                        + "Write only inside the repository.")
            }
            if !relativePaths.contains(relative) { relativePaths.append(relative) }
        }
        for relative in relativePaths {
            if let finding = checker.placementFinding(for: relative) {
                return .block("ccverify: blocked \(input.toolName): \(finding.message). " + advice(finding))
            }
        }
        let content = input.newContent.joined(separator: "\n")
        guard !content.isEmpty else { return .allow }
        let secrets: [Finding]
        do {
            secrets = try scanSecrets(Data(content.utf8), relativePaths.last ?? filePath)
        } catch {
            return .block(
                "ccverify: blocked \(input.toolName) to \(relativePaths.last ?? filePath): the secret scan failed "
                    + "(\(error)). Fix the secret rules, then try again.")
        }
        guard !secrets.isEmpty else { return .allow }
        let listed = secrets.prefix(5).map { finding in
            "[\(finding.rule)] \(finding.message)"
        }
        return .block(
            "ccverify: blocked \(input.toolName) to \(relativePaths.last ?? filePath): the new content holds "
                + (secrets.count == 1 ? "a secret" : "\(secrets.count) secrets") + ": "
                + listed.joined(separator: "; ") + ". "
                + "Never write secrets into files: read them from an environment variable or the project's "
                + "secret store and refer to them by name. If this is not a secret, add a "
                + "'ccverify:allow' comment on that line.")
    }

    /// What the agent may do instead, for each kind of placement finding.
    private func advice(_ finding: Finding) -> String {
        let ask = "ask the lead in a TaskUpdate comment (mcp__ccteam__TaskUpdate with addComment)"
        switch finding.rule {
        case "scope.protected":
            return "If it must change, \(ask) so a person can make the change."
        case "scope.outside-allow":
            let scope = (checker.taskScope.isEmpty ? checker.policy.allow : checker.taskScope).map(\.pattern)
            return "Write only under \(scope.joined(separator: ", ")); \(ask) if you need more."
        default:
            return "Leave this path unchanged; \(ask) if you need to change it."
        }
    }

    /// A path may be given under the root's unresolved spelling (for example `/tmp` vs `/private/tmp`).
    private func relativeToUnresolvedRoot(_ path: String) -> String? {
        PathResolution.relative(path, to: PathResolution.standardized(repositoryRoot.path))
    }
}

/// Lexical and symbolic-link-aware path helpers for the hook (no git involved).
enum PathResolution {
    /// Removes `.` and `..` components and repeated slashes from an absolute path.
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Resolves symbolic links in the longest existing prefix of an absolute path and appends the rest.
    static func resolved(_ path: String) -> String {
        var existing = standardized(path)
        var rest: [String] = []
        while existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return standardized(([base] + rest.reversed()).joined(separator: "/"))
            }
            let url = URL(fileURLWithPath: existing)
            rest.append(url.lastPathComponent)
            existing = url.deletingLastPathComponent().path
        }
        return standardized("/" + rest.reversed().joined(separator: "/"))
    }

    /// `path` relative to `root`, or `nil` when it is not inside (the root itself is not inside).
    static func relative(_ path: String, to root: String) -> String? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}
