import CCCore

/// The write-scope rules a change is checked against: what may be written, what never may, and how
/// big a change may be. Every value remembers where it was written (see ``PolicyLocation``).
///
/// Load one with ``ScopePolicy/load(file:repositoryRoot:)``; the built-in default lives in
/// `policies/scope.yaml`.
public struct ScopePolicy: Sendable, Hashable {
    /// How symbolic links in a change are treated.
    public enum SymlinkRule: String, Sendable, Hashable, CaseIterable {
        /// Any symbolic link may be added.
        case allow
        /// A symbolic link may not point outside the repository.
        case forbidOutside = "forbid_outside"
        /// No symbolic link may be added or changed.
        case forbid
    }

    /// How executable bits in a change are treated.
    public enum ExecutableRule: String, Sendable, Hashable, CaseIterable {
        /// Any file may become executable.
        case allow
        /// No new executable file and no newly set bit, except under `executable_allow`.
        case forbidNew = "forbid_new"
    }

    /// Paths a change may write (a task's scope narrows this further).
    public var allow: [PolicyPattern]
    /// Paths a change may never write; deny wins over allow.
    public var deny: [PolicyPattern]
    /// Paths no change may write, matched ignoring case.
    public var protected: [PolicyPattern]
    /// Dependency lock files: protected unless ``allowLockfiles`` or an allow pattern names the file.
    public var lockfiles: [PolicyPattern]
    /// Whether lock files may be written.
    public var allowLockfiles: PolicySetting<Bool>
    /// The most files one change may touch, if limited.
    public var maxFiles: PolicySetting<Int>?
    /// The most changed lines (added plus deleted) one change may hold, if limited.
    public var maxDiffLines: PolicySetting<Int>?
    /// How symbolic links are treated.
    public var symlinks: PolicySetting<SymlinkRule>
    /// How executable bits are treated.
    public var executableBits: PolicySetting<ExecutableRule>
    /// Paths where new executable bits are fine even under ``ExecutableRule/forbidNew``.
    public var executableAllow: [PolicyPattern]

    public init(
        allow: [PolicyPattern], deny: [PolicyPattern], protected: [PolicyPattern], lockfiles: [PolicyPattern],
        allowLockfiles: PolicySetting<Bool>, maxFiles: PolicySetting<Int>?, maxDiffLines: PolicySetting<Int>?,
        symlinks: PolicySetting<SymlinkRule>, executableBits: PolicySetting<ExecutableRule>,
        executableAllow: [PolicyPattern]
    ) {
        self.allow = allow
        self.deny = deny
        self.protected = protected
        self.lockfiles = lockfiles
        self.allowLockfiles = allowLockfiles
        self.maxFiles = maxFiles
        self.maxDiffLines = maxDiffLines
        self.symlinks = symlinks
        self.executableBits = executableBits
        self.executableAllow = executableAllow
    }

    /// Paths protected whatever a policy file says: the repository's own metadata and ccteam's state.
    public static let alwaysProtected: [PolicyPattern] = [".git", ".ccteam"].map {
        PolicyPattern(
            glob: try! Glob($0, ignoresCase: true),
            location: PolicyLocation(source: "ccverify (always protected)"))
    }

    /// The protected patterns in effect: the policy's plus ``alwaysProtected``.
    public var effectiveProtected: [PolicyPattern] { protected + Self.alwaysProtected }
}
