/// How a file's entry is stored in git: the kinds `git diff` distinguishes by mode.
public enum FileMode: String, Sendable, Equatable, Codable {
    /// A plain file (`100644`).
    case regular
    /// A file with the executable bit (`100755`).
    case executable
    /// A symbolic link (`120000`); its content is the link target.
    case symlink
    /// A gitlink to another repository's commit (`160000`).
    case submodule

    init?(gitMode: UInt16) {
        switch gitMode {
        case 0o100644, 0o100664: self = .regular
        case 0o100755: self = .executable
        case 0o120000: self = .symlink
        case 0o160000: self = .submodule
        default: return nil
        }
    }
}

/// What happened to a file between the two sides of a diff.
public enum ChangeStatus: Sendable, Equatable, Codable {
    /// New on the new side (including untracked files in a working-tree diff).
    case added
    /// Gone on the new side.
    case deleted
    /// Same path, different content or mode.
    case modified
    /// Moved from `from`, with `similarity` percent of content kept (100 for a pure rename).
    case renamed(from: String, similarity: Int)
    /// Copied from `from`, which still exists.
    case copied(from: String, similarity: Int)
    /// Same path, different kind (for example a file became a symlink).
    case typeChange
}

/// One line the new side adds, for scanning only what a change introduces.
public struct AddedLine: Sendable, Equatable, Codable {
    /// 1-based line number in the new file.
    public var number: Int
    /// The line's text without its line ending (invalid UTF-8 replaced by U+FFFD).
    public var text: String

    /// A line as a diff reports it.
    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// One file's change, with what `git diff --numstat -M` reports and what verification needs.
public struct FileChange: Sendable, Equatable, Codable {
    /// What happened to the file.
    public var status: ChangeStatus
    /// The path on the old side (`nil` when added).
    public var oldPath: String?
    /// The path on the new side (`nil` when deleted).
    public var newPath: String?
    /// The old side's kind (`nil` when added).
    public var oldMode: FileMode?
    /// The new side's kind (`nil` when deleted).
    public var newMode: FileMode?
    /// True when either side is binary (git prints `-` counts for it).
    public var isBinary: Bool
    /// Lines added, as `git diff --numstat` counts them (0 for binary files).
    public var addedLineCount: Int
    /// Lines deleted, as `git diff --numstat` counts them (0 for binary files).
    public var deletedLineCount: Int
    /// Where the new side points, when it is a symlink.
    public var symlinkTarget: String?
    /// The added lines, when the diff was asked for them (``DiffOptions/includeAddedLines``); else empty.
    public var addedLines: [AddedLine]

    /// The path the change is known by: the new path, or the old one for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }

    /// A change as a diff reports it (for tests and test doubles of consumers).
    public init(
        status: ChangeStatus, oldPath: String?, newPath: String?, oldMode: FileMode?, newMode: FileMode?,
        isBinary: Bool, addedLineCount: Int, deletedLineCount: Int, symlinkTarget: String? = nil,
        addedLines: [AddedLine] = []
    ) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldMode = oldMode
        self.newMode = newMode
        self.isBinary = isBinary
        self.addedLineCount = addedLineCount
        self.deletedLineCount = deletedLineCount
        self.symlinkTarget = symlinkTarget
        self.addedLines = addedLines
    }
}

/// What a diff computes beyond the file list; the defaults suit a verification summary.
public struct DiffOptions: Sendable, Equatable {
    /// Collect each file's added lines (costs time and memory on large diffs; needed for secret scans).
    public var includeAddedLines: Bool
    /// Pair deletions with additions as renames, as `git diff -M` does.
    public var detectRenames: Bool
    /// Limit the diff to these exact paths (relative to the root); empty means every path.
    public var paths: [String]

    /// Options for one diff; the defaults give counts and renames without line texts.
    public init(includeAddedLines: Bool = false, detectRenames: Bool = true, paths: [String] = []) {
        self.includeAddedLines = includeAddedLines
        self.detectRenames = detectRenames
        self.paths = paths
    }
}
