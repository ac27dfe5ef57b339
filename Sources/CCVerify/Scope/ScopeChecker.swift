public import CCCore

/// Checks a change against a ``ScopePolicy`` and a task's scope, one finding per violation.
///
/// Order per path: protected (never writable), then lock files, then deny (deny wins over allow), then
/// the allow lists; the first that applies is reported, so one path yields at most one placement finding.
/// Symlinks and executable bits are separate findings. Every message quotes the policy line at fault.
public struct ScopeChecker: Sendable {
    /// The policy in effect.
    public var policy: ScopePolicy
    /// The task's own scope: when not empty, a path must match one of these as well as the policy.
    public var taskScope: [PolicyPattern]

    public init(policy: ScopePolicy, taskScope: [PolicyPattern] = []) {
        self.policy = policy
        self.taskScope = taskScope
    }

    /// Every violation in a change, in the order of `files`, then the whole-change limits.
    public func check(_ files: [ChangedFile]) -> [Finding] {
        var findings: [Finding] = []
        for file in files {
            for path in file.writtenPaths {
                if let finding = placementFinding(for: path, renamedFrom: file.status == .renamed ? file.oldPath : nil)
                {
                    findings.append(finding)
                }
            }
            findings.append(contentsOf: modeFindings(for: file))
        }
        findings.append(contentsOf: limitFindings(for: files))
        return findings
    }

    /// Why `path` may not be written, or `nil` when it may. Used by the hook before a write happens.
    public func placementFinding(for path: String, renamedFrom: String? = nil) -> Finding? {
        let globPath = GlobPath(path)
        let via = renamedFrom.map { path == $0 ? " (renamed away)" : " (renamed from \($0))" } ?? ""
        if let guarded = policy.effectiveProtected.first(where: { $0.matches(globPath) }) {
            return Finding(
                rule: "scope.protected", kind: .scope,
                message: "\(path)\(via) is protected by \(guarded) and may never be written by an agent",
                path: path)
        }
        if let lockfile = policy.lockfiles.first(where: { $0.matches(globPath) }), !policy.allowLockfiles.value,
            !explicitlyAllowsLockfile(globPath)
        {
            return Finding(
                rule: "scope.protected", kind: .scope,
                message: "\(path)\(via) is a lock file \(lockfile); set 'allow_lockfiles: true' "
                    + "(\(policy.allowLockfiles.location)) or allow it by name",
                path: path)
        }
        if let denied = policy.deny.first(where: { $0.matches(globPath) }) {
            return Finding(
                rule: "scope.denied", kind: .scope, message: "\(path)\(via) is denied by \(denied)", path: path)
        }
        if !policy.allow.contains(where: { $0.matches(globPath) }) {
            let listed = policy.allow.map(\.description).joined(separator: ", ")
            return Finding(
                rule: "scope.outside-allow", kind: .scope,
                message: "\(path)\(via) is outside the policy's allow list"
                    + (listed.isEmpty ? " (empty)" : ": \(listed)"),
                path: path)
        }
        if !taskScope.isEmpty, !taskScope.contains(where: { $0.matches(globPath) }) {
            let listed = taskScope.map(\.pattern).joined(separator: ", ")
            let source = taskScope.first.map { $0.location.source } ?? "the task's scope"
            return Finding(
                rule: "scope.outside-allow", kind: .scope,
                message: "\(path)\(via) is outside \(source): \(listed)", path: path)
        }
        return nil
    }

    /// An allow pattern names the lock file itself when its last segment has no wildcard.
    private func explicitlyAllowsLockfile(_ path: GlobPath) -> Bool {
        policy.allow.contains { pattern in
            let last = pattern.pattern.split(separator: "/").last.map(String.init) ?? ""
            return !last.contains(where: { "*?[\\".contains($0) }) && pattern.matches(path)
        }
    }

    private func modeFindings(for file: ChangedFile) -> [Finding] {
        var findings: [Finding] = []
        if file.newMode == .symlink, file.status != .deleted {
            let setting = policy.symlinks
            switch setting.value {
            case .allow:
                break
            case .forbid:
                findings.append(
                    Finding(
                        rule: "scope.symlink", kind: .scope,
                        message: "\(file.path) is a symbolic link; 'symlinks: forbid' (\(setting.location)) "
                            + "allows none",
                        path: file.path))
            case .forbidOutside:
                if let target = file.symlinkTarget, SymlinkTarget.escapes(target, from: file.path) {
                    findings.append(
                        Finding(
                            rule: "scope.symlink-outside", kind: .scope,
                            message: "\(file.path) is a symbolic link to '\(target)', outside the repository; "
                                + "'symlinks: forbid_outside' (\(setting.location)) forbids it",
                            path: file.path))
                }
            }
        }
        if file.setsExecutableBit, policy.executableBits.value == .forbidNew {
            let globPath = GlobPath(file.path)
            if !policy.executableAllow.contains(where: { $0.matches(globPath) }) {
                let what = file.oldMode == nil ? "is a new executable file" : "gained the executable bit"
                findings.append(
                    Finding(
                        rule: "scope.new-executable", kind: .scope,
                        message: "\(file.path) \(what); 'executable_bits: forbid_new' "
                            + "(\(policy.executableBits.location)) forbids it unless 'executable_allow' names it",
                        path: file.path))
            }
        }
        return findings
    }

    private func limitFindings(for files: [ChangedFile]) -> [Finding] {
        var findings: [Finding] = []
        if let limit = policy.maxFiles, files.count > limit.value {
            findings.append(
                Finding(
                    rule: "scope.max-files", kind: .scope,
                    message: "the change touches \(files.count) files; 'max_files: \(limit.value)' "
                        + "(\(limit.location)) allows at most \(limit.value)"))
        }
        let lines = files.reduce(0) { $0 + $1.linesAdded + $1.linesDeleted }
        if let limit = policy.maxDiffLines, lines > limit.value {
            findings.append(
                Finding(
                    rule: "scope.max-diff-lines", kind: .scope,
                    message: "the change adds and deletes \(lines) lines; 'max_diff_lines: \(limit.value)' "
                        + "(\(limit.location)) allows at most \(limit.value)"))
        }
        return findings
    }
}

/// Where a symbolic link points, judged without touching the file system.
public enum SymlinkTarget {
    /// Whether a link at `linkPath` (repository-relative) with target text `target` resolves outside
    /// the repository: absolute targets always do; relative ones do when `..` climbs above the root.
    public static func escapes(_ target: String, from linkPath: String) -> Bool {
        if target.hasPrefix("/") || target.hasPrefix("~") || target.isEmpty { return true }
        var stack = linkPath.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if stack.isEmpty { return true }
                stack.removeLast()
            default: stack.append(String(part))
            }
        }
        return false
    }
}
