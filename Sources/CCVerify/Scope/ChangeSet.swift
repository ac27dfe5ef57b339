import CCGit

extension ChangedFile {
    /// The verification view of one CCGit diff entry.
    init(_ change: FileChange) {
        let status: Status
        var oldPath: String? = nil
        switch change.status {
        case .added: status = .added
        case .deleted: status = .deleted
        case .modified: status = .modified
        case .typeChange: status = .typeChanged
        case .renamed(let from, _):
            status = .renamed
            oldPath = from
        case .copied(let from, _):
            status = .copied
            oldPath = from
        }
        self.init(
            path: change.path, oldPath: oldPath, status: status, oldMode: change.oldMode.map(Mode.init),
            newMode: change.newMode.map(Mode.init), isBinary: change.isBinary, linesAdded: change.addedLineCount,
            linesDeleted: change.deletedLineCount, addedLineNumbers: change.addedLines.map(\.number),
            symlinkTarget: change.symlinkTarget)
    }
}

extension ChangedFile.Mode {
    init(_ mode: FileMode) {
        switch mode {
        case .regular: self = .regular
        case .executable: self = .executable
        case .symlink: self = .symlink
        case .submodule: self = .submodule
        }
    }
}
