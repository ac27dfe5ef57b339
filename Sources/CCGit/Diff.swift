import CGit2
import Foundation

/// Diffs as `[FileChange]`: the working tree, two commits, or the staged index.
extension Repository {
    /// The change from commit `base` (`nil`: the empty tree) to the working tree, untracked files included.
    ///
    /// Equals `git add -A && git diff --cached -M <base>` without touching the index: ignored files stay out
    /// unless tracked, renames are found among untracked files too, and files of `base` that are untracked
    /// now (as after a begin snapshot) compare by content. Fast path: the index's stat cache.
    public func diffWorkingTree(against base: ObjectID?, options: DiffOptions = DiffOptions()) throws -> [FileChange] {
        let flags =
            GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        return try withTree(of: base) { tree in
            // libgit2 merges tree→index with index→workdir; a file in `base` missing from the index but present
            // on disk would read as deleted. Such files go into a private index copy first.
            let untrackedInBase = try pathsInTreeButOnlyOnDisk(tree)
            guard !untrackedInBase.isEmpty else {
                return try makeDiff(options, flags: flags, newSideIsWorkingTree: true) { diff, gitOptions in
                    git_diff_tree_to_workdir_with_index(&diff, handle, tree, &gitOptions)
                }
            }
            return try withScratchIndex { scratch, index in
                for path in untrackedInBase {
                    try LibGit2.check(git_index_add_bypath(index, path), "reading \(path)")
                }
                return try makeDiff(options, flags: flags, newSideIsWorkingTree: true) { diff, gitOptions in
                    git_diff_tree_to_workdir_with_index(&diff, scratch, tree, &gitOptions)
                }
            }
        }
    }

    /// True when the working tree (untracked files included, ignored ones not) differs from `HEAD`.
    public func hasUncommittedChanges() throws -> Bool {
        try !diffWorkingTree(against: headCommit, options: DiffOptions(detectRenames: false)).isEmpty
    }

    /// The change from commit `old` (`nil`: the empty tree) to commit `new`, as `git diff -M old new`.
    public func diff(from old: ObjectID?, to new: ObjectID, options: DiffOptions = DiffOptions()) throws
        -> [FileChange]
    {
        try withTree(of: old) { oldTree in
            try withTree(of: new) { newTree in
                try makeDiff(options, flags: GIT_DIFF_INCLUDE_TYPECHANGE.rawValue, newSideIsWorkingTree: false) {
                    diff, gitOptions in
                    git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &gitOptions)
                }
            }
        }
    }

    /// The staged change: `HEAD`'s tree (empty before the first commit) to the index, as `git diff --cached -M`.
    public func diffStaged(options: DiffOptions = DiffOptions()) throws -> [FileChange] {
        try withTree(of: headCommit) { tree in
            try makeDiff(options, flags: GIT_DIFF_INCLUDE_TYPECHANGE.rawValue, newSideIsWorkingTree: false) {
                diff, gitOptions in
                git_diff_tree_to_index(&diff, handle, tree, nil, &gitOptions)
            }
        }
    }

    // MARK: - Building

    private func makeDiff(
        _ options: DiffOptions, flags: UInt32, newSideIsWorkingTree: Bool,
        _ create: (inout OpaquePointer?, inout git_diff_options) -> Int32
    ) throws -> [FileChange] {
        var gitOptions = git_diff_options()
        git_diff_options_init(&gitOptions, UInt32(GIT_DIFF_OPTIONS_VERSION))
        gitOptions.flags = flags | (options.paths.isEmpty ? 0 : GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue)
        // Counts do not depend on context; dropping it keeps large diffs lean.
        gitOptions.context_lines = 0
        gitOptions.interhunk_lines = 0
        var diff: OpaquePointer?
        let code = withStrArray(options.paths) { pathspec in
            gitOptions.pathspec = pathspec.pointee
            return create(&diff, &gitOptions)
        }
        try LibGit2.check(code, "computing a diff in \(root)")
        defer { git_diff_free(diff) }
        var policy = RenamePolicy()
        if options.detectRenames {
            var findOptions = git_diff_find_options()
            git_diff_find_options_init(&findOptions, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
            findOptions.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
            let limit = configInt("diff.renameLimit").map { $0 > 0 ? $0 : Int.max } ?? 1000
            policy = renamePolicy(diff, limit: limit, newSideIsWorkingTree: newSideIsWorkingTree)
            // libgit2's limit caps sources tried per file (git's caps the pair count, checked by the policy).
            findOptions.rename_limit = max(policy.candidateCount, 1)
            var metric = GitSimilarity.metric(policy)
            let code: Int32 =
                policy.exactOnly
                ? 0
                : withExtendedLifetime(policy) {
                    withUnsafeMutablePointer(to: &metric) { pointer in
                        findOptions.metric = pointer
                        return git_diff_find_similar(diff, &findOptions)
                    }
                }
            try LibGit2.check(code, "finding renames in \(root)")
        }
        var changes: [FileChange] = []
        let count = git_diff_num_deltas(diff)
        changes.reserveCapacity(count)
        for position in 0..<count {
            if let change = try fileChange(diff, position, options, newSideIsWorkingTree: newSideIsWorkingTree) {
                changes.append(change)
            }
        }
        if !policy.joins.isEmpty {
            changes = try joinRenames(changes, policy.joins, options, newSideIsWorkingTree: newSideIsWorkingTree)
        }
        return changes
    }

    /// Turns each pair decided outside libgit2 from a deletion plus an addition into one rename, counted
    /// between the two contents.
    private func joinRenames(
        _ changes: [FileChange], _ pairs: [RenamePolicy.Pair], _ options: DiffOptions, newSideIsWorkingTree: Bool
    ) throws -> [FileChange] {
        var deletions: [String: FileChange] = [:]
        for change in changes where change.status == .deleted {
            if let path = change.oldPath { deletions[path] = change }
        }
        let pairsByDestination = Dictionary(pairs.map { ($0.destination, $0) }, uniquingKeysWith: { first, _ in first })
        var joined: [FileChange] = []
        var consumed: Set<String> = []
        for change in changes {
            guard change.status == .added, let newPath = change.newPath, let pair = pairsByDestination[newPath],
                let deletion = deletions[pair.source]
            else {
                joined.append(change)
                continue
            }
            let old = blobData(pair.sourceID) ?? Data()
            let new =
                (newSideIsWorkingTree ? workingTreeContent(newPath) : pair.destinationID.flatMap { blobData($0) })
                ?? Data()
            let counts = try Self.bufferCounts(
                old: old, new: new, path: newPath, collectLines: options.includeAddedLines)
            consumed.insert(pair.source)
            joined.append(
                FileChange(
                    status: .renamed(from: pair.source, similarity: pair.score), oldPath: pair.source,
                    newPath: newPath, oldMode: deletion.oldMode, newMode: change.newMode, isBinary: counts.isBinary,
                    addedLineCount: counts.added, deletedLineCount: counts.deleted,
                    symlinkTarget: change.newMode == .symlink ? String(decoding: new, as: UTF8.self) : nil,
                    addedLines: counts.lines))
        }
        return joined.filter { !($0.status == .deleted && consumed.contains($0.oldPath ?? "")) }
    }

    private func fileChange(
        _ diff: OpaquePointer?, _ position: Int, _ options: DiffOptions, newSideIsWorkingTree: Bool
    ) throws -> FileChange? {
        var patch: OpaquePointer?
        try LibGit2.check(git_patch_from_diff(&patch, diff, position), "reading a file's diff in \(root)")
        defer { git_patch_free(patch) }
        // The binary flag is only known once the patch has loaded the content.
        guard let delta = patch.flatMap({ git_patch_get_delta($0) }) ?? git_diff_get_delta(diff, position) else {
            return nil
        }
        let oldPath = String(cString: delta.pointee.old_file.path)
        let newPath = String(cString: delta.pointee.new_file.path)
        let status: ChangeStatus
        switch delta.pointee.status {
        case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED, GIT_DELTA_CONFLICTED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed(from: oldPath, similarity: Int(delta.pointee.similarity))
        case GIT_DELTA_COPIED: status = .copied(from: oldPath, similarity: Int(delta.pointee.similarity))
        case GIT_DELTA_TYPECHANGE: status = .typeChange
        default: return nil
        }
        if status == .typeChange {
            return try typeChange(delta.pointee, options, newSideIsWorkingTree: newSideIsWorkingTree)
        }
        let isBinary = delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0
        var added = 0
        var deleted = 0
        if let patch, !isBinary {
            try LibGit2.check(git_patch_line_stats(nil, &added, &deleted, patch), "counting lines in \(newPath)")
        }
        let newMode = status == .deleted ? nil : FileMode(gitMode: delta.pointee.new_file.mode)
        if newSideIsWorkingTree, status == .modified, added == 0, deleted == 0,
            delta.pointee.old_file.mode == delta.pointee.new_file.mode,
            try !isBinary || ObjectID(delta.pointee.old_file.id) == workingTreeBlobID(newPath)
        {
            // A stale index entry between equal base and disk content: git sees no change.
            return nil
        }
        var symlinkTarget: String?
        if newMode == .symlink {
            symlinkTarget =
                newSideIsWorkingTree
                ? self.symlinkTarget(atAbsolutePath: absolutePath(newPath))
                : blobData(ObjectID(delta.pointee.new_file.id)).map { String(decoding: $0, as: UTF8.self) }
        }
        return FileChange(
            status: status,
            oldPath: status == .added ? nil : oldPath,
            newPath: status == .deleted ? nil : newPath,
            oldMode: status == .added ? nil : FileMode(gitMode: delta.pointee.old_file.mode),
            newMode: newMode, isBinary: isBinary, addedLineCount: added, deletedLineCount: deleted,
            symlinkTarget: symlinkTarget,
            addedLines: options.includeAddedLines && !isBinary && added > 0 ? try Self.addedLines(of: patch) : [])
    }

    /// A type change (file to symlink or back), counted as git does: all old lines out, all new lines in.
    ///
    /// libgit2 makes no patch for a type change, so both sides are diffed against nothing.
    private func typeChange(_ delta: git_diff_delta, _ options: DiffOptions, newSideIsWorkingTree: Bool) throws
        -> FileChange
    {
        let path = String(cString: delta.new_file.path)
        let oldMode = FileMode(gitMode: delta.old_file.mode)
        let newMode = FileMode(gitMode: delta.new_file.mode)
        let oldContent = oldMode == .submodule ? Data() : blobData(ObjectID(delta.old_file.id)) ?? Data()
        let newContent =
            newMode == .submodule
            ? Data()
            : (newSideIsWorkingTree ? workingTreeContent(path) : blobData(ObjectID(delta.new_file.id))) ?? Data()
        let removal = try Self.bufferCounts(old: oldContent, new: nil, path: path, collectLines: false)
        let addition = try Self.bufferCounts(
            old: nil, new: newContent, path: path, collectLines: options.includeAddedLines)
        let isBinary = removal.isBinary || addition.isBinary
        return FileChange(
            status: .typeChange, oldPath: path, newPath: path, oldMode: oldMode, newMode: newMode, isBinary: isBinary,
            addedLineCount: isBinary ? 0 : addition.added, deletedLineCount: isBinary ? 0 : removal.deleted,
            symlinkTarget: newMode == .symlink ? String(decoding: newContent, as: UTF8.self) : nil,
            addedLines: isBinary ? [] : addition.lines)
    }

    /// Counts (and optionally the added lines) between two in-memory contents; `nil` means no file there.
    ///
    /// The patch borrows the buffers, so everything is read while they are pinned.
    private static func bufferCounts(old: Data?, new: Data?, path: String, collectLines: Bool) throws -> (
        added: Int, deleted: Int, isBinary: Bool, lines: [AddedLine]
    ) {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.context_lines = 0
        return try (old ?? Data()).withUnsafeBytes { oldBytes in
            try (new ?? Data()).withUnsafeBytes { newBytes in
                var patch: OpaquePointer?
                try LibGit2.check(
                    git_patch_from_buffers(
                        &patch, old == nil ? nil : oldBytes.baseAddress, old == nil ? 0 : oldBytes.count, path,
                        new == nil ? nil : newBytes.baseAddress, new == nil ? 0 : newBytes.count, path, &options),
                    "diffing \(path)")
                defer { git_patch_free(patch) }
                let isBinary =
                    patch.flatMap { git_patch_get_delta($0) }.map {
                        $0.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0
                    } ?? false
                guard let patch, !isBinary else { return (0, 0, isBinary, []) }
                var added = 0
                var deleted = 0
                try LibGit2.check(git_patch_line_stats(nil, &added, &deleted, patch), "counting lines in \(path)")
                let lines = collectLines && added > 0 ? try addedLines(of: patch) : []
                return (added, deleted, false, lines)
            }
        }
    }

    /// The `+` lines of a loaded patch with their new-file line numbers.
    private static func addedLines(of patch: OpaquePointer?) throws -> [AddedLine] {
        var lines: [AddedLine] = []
        let addition = CChar(UInt8(ascii: "+"))
        for hunk in 0..<git_patch_num_hunks(patch) {
            let lineCount = git_patch_num_lines_in_hunk(patch, hunk)
            guard lineCount > 0 else { continue }
            for position in 0..<Int(lineCount) {
                var line: UnsafePointer<git_diff_line>?
                try LibGit2.check(
                    git_patch_get_line_in_hunk(&line, patch, hunk, position), "reading a diff line")
                guard let line, line.pointee.origin == addition, let content = line.pointee.content else { continue }
                var length = line.pointee.content_len
                if length > 0, content[length - 1] == 0x0A { length -= 1 }
                if length > 0, content[length - 1] == 0x0D { length -= 1 }
                lines.append(
                    AddedLine(number: Int(line.pointee.new_lineno), text: String(bytes: content, count: length)))
            }
        }
        return lines
    }

    // MARK: - Untracked files of the base

    /// Paths the tree has, the index lacks, and the working tree holds as a non-ignored file.
    private func pathsInTreeButOnlyOnDisk(_ tree: OpaquePointer?) throws -> [String] {
        guard tree != nil else { return [] }
        var gitOptions = git_diff_options()
        git_diff_options_init(&gitOptions, UInt32(GIT_DIFF_OPTIONS_VERSION))
        var diff: OpaquePointer?
        try LibGit2.check(
            git_diff_tree_to_index(&diff, handle, tree, nil, &gitOptions), "comparing the index of \(root)")
        defer { git_diff_free(diff) }
        var paths: [String] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position), delta.pointee.status == GIT_DELTA_DELETED else {
                continue
            }
            let path = String(cString: delta.pointee.old_file.path)
            guard workingTreeMode(path) != nil else { continue }
            var ignored: Int32 = 0
            if git_ignore_path_is_ignored(&ignored, handle, path) == 0, ignored == 1 { continue }
            paths.append(path)
        }
        return paths
    }
}
