/// One file a change touched, as the checks need it: paths, kind of change, modes, line counts and
/// the added lines (for secret scanning).
///
/// Built from a CCGit diff (see ``ChangeSet``), or by hand in tests; the checks never read git.
public struct ChangedFile: Sendable, Hashable {
    /// What happened to the file.
    public enum Status: String, Sendable, Hashable, Codable {
        case added, modified, deleted, renamed, copied
        case typeChanged = "type_changed"
    }

    /// A git file mode, reduced to what the policy cares about.
    public enum Mode: String, Sendable, Hashable, Codable {
        case regular, executable, symlink, submodule
    }

    /// The repository-relative path after the change (before it, for a deletion).
    public var path: String
    /// The path before a rename or copy.
    public var oldPath: String?
    public var status: Status
    /// The mode before the change; `nil` for an added file.
    public var oldMode: Mode?
    /// The mode after the change; `nil` for a deleted file.
    public var newMode: Mode?
    /// Whether git considers either side binary (no line counts then).
    public var isBinary: Bool
    public var linesAdded: Int
    public var linesDeleted: Int
    /// 1-based line numbers, in the new content, of the lines the change added.
    public var addedLineNumbers: [Int]
    /// For a symbolic link after the change: the text it points to.
    public var symlinkTarget: String?

    public init(
        path: String, oldPath: String? = nil, status: Status, oldMode: Mode? = nil, newMode: Mode? = .regular,
        isBinary: Bool = false, linesAdded: Int = 0, linesDeleted: Int = 0, addedLineNumbers: [Int] = [],
        symlinkTarget: String? = nil
    ) {
        self.path = path
        self.oldPath = oldPath
        self.status = status
        self.oldMode = oldMode
        self.newMode = newMode
        self.isBinary = isBinary
        self.linesAdded = linesAdded
        self.linesDeleted = linesDeleted
        self.addedLineNumbers = addedLineNumbers
        self.symlinkTarget = symlinkTarget
    }

    /// Every path the change wrote: both sides of a rename, the one path otherwise.
    public var writtenPaths: [String] {
        if let oldPath, oldPath != path, status == .renamed { return [oldPath, path] }
        return [path]
    }

    /// Whether the change made this file executable when it was not (or added it executable).
    public var setsExecutableBit: Bool {
        newMode == .executable && oldMode != .executable
    }
}
