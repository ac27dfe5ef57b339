import CGit2

/// How a merge ended. On `conflicts` nothing was changed.
public enum MergeOutcome: Sendable, Equatable {
    /// The target already contains the source; the target stays at this commit.
    case upToDate(ObjectID)
    /// The target had no commits of its own and now points at the source's commit.
    case fastForwarded(to: ObjectID)
    /// A merge commit with parents (target, source) was created and the target points at it.
    case merged(ObjectID)
    /// As `merged`, after keeping both sides' lines where both only added lines at the same place
    /// in these paths (see ``InsertionMerge``).
    case mergedKeepingBothInsertions(ObjectID, paths: [String])
    /// Both sides changed these paths incompatibly; nothing was written.
    case conflicts([String])
}

/// Merging without a checkout, for a merge queue that never touches anyone's working tree.
extension Repository {
    /// Merges revision `source` (usually a branch) into local branch `target` in memory and moves only the
    /// `target` ref: fast-forward when possible (unless `allowFastForward` is false), else a merge commit.
    ///
    /// With `keepingBothInsertions`, conflicts where both sides only added lines at the same place
    /// are resolved by keeping both, the target's first; any other conflict still fails the merge.
    ///
    /// A worktree that has `target` checked out is not updated; reset it afterwards. Callers serialise merges.
    public func mergeBranch(
        _ source: String, into target: String, message: String? = nil, signature: Signature? = nil,
        allowFastForward: Bool = true, keepingBothInsertions: Bool = false
    ) throws -> MergeOutcome {
        guard let ours = branchTarget(target) else { throw GitError.unknownBranch(target) }
        let theirs = try resolveCommit(source)
        if try isAncestor(theirs, of: ours) { return .upToDate(ours) }
        let targetReference = "refs/heads/" + target
        if allowFastForward, try isAncestor(ours, of: theirs) {
            try moveReference(targetReference, from: ours, to: theirs, reason: "ccteam: fast-forward \(source)")
            return .fastForwarded(to: theirs)
        }
        let ourCommit = try lookupCommit(ours)
        defer { git_commit_free(ourCommit) }
        let theirCommit = try lookupCommit(theirs)
        defer { git_commit_free(theirCommit) }
        var options = git_merge_options()
        git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION))
        var index: OpaquePointer?
        try LibGit2.check(
            git_merge_commits(&index, handle, ourCommit, theirCommit, &options), "merging \(source) into \(target)")
        defer { git_index_free(index) }
        var insertions: [String] = []
        if git_index_has_conflicts(index) != 0 {
            guard keepingBothInsertions, let resolved = try resolveInsertionConflicts(in: index) else {
                return .conflicts(try conflictingPaths(index))
            }
            insertions = resolved
        }
        var tree = git_oid()
        try LibGit2.check(git_index_write_tree_to(&tree, index, handle), "writing the merged tree")
        let commit = try createCommit(
            tree: tree, parents: [ours, theirs], message: message ?? "Merge \(source) into \(target)\n",
            signature: signature ?? defaultSignature(), updateReference: nil)
        try moveReference(targetReference, from: ours, to: commit, reason: "ccteam: merge \(source)")
        return insertions.isEmpty ? .merged(commit) : .mergedKeepingBothInsertions(commit, paths: insertions)
    }

    /// Moves `name` from `old` to `new`, failing if someone else moved it in between.
    private func moveReference(_ name: String, from old: ObjectID, to new: ObjectID, reason: String) throws {
        var newOID = new.oid
        var oldOID = old.oid
        var reference: OpaquePointer?
        try LibGit2.check(
            git_reference_create_matching(&reference, handle, name, &newOID, 1, &oldOID, reason), "moving \(name)")
        git_reference_free(reference)
    }

    private func conflictingPaths(_ index: OpaquePointer?) throws -> [String] {
        var iterator: OpaquePointer?
        try LibGit2.check(git_index_conflict_iterator_new(&iterator, index), "listing merge conflicts")
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: Set<String> = []
        var ancestor: UnsafePointer<git_index_entry>?
        var ours: UnsafePointer<git_index_entry>?
        var theirs: UnsafePointer<git_index_entry>?
        while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
            for entry in [ancestor, ours, theirs] {
                if let entry, let path = entry.pointee.path { paths.insert(String(cString: path)) }
            }
        }
        return paths.sorted()
    }
}
