import CGit2

/// A named reference and the commit it points at.
public struct Reference: Sendable, Equatable, Hashable {
    /// The full name, such as `refs/heads/main` or `refs/ccteam/begin/run-1`.
    public var name: String
    /// The object it resolves to (a commit for every reference CCGit writes).
    public var target: ObjectID

    public init(name: String, target: ObjectID) {
        self.name = name
        self.target = target
    }
}

/// Revisions, refs, branches and ancestry.
extension Repository {
    /// The commit a revision names: `HEAD`, a branch, a tag, a (short) sha, `HEAD~2`, `main^`, ...
    ///
    /// Throws ``GitError/unknownRevision(_:)`` naming `revision` when it names no commit.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        guard git_revparse_single(&object, handle, revision) == 0, let object else {
            throw GitError.unknownRevision(revision)
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
            throw GitError.unknownRevision(revision)
        }
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// The branch a team should start from: `origin/HEAD`'s branch, else `main`, `master`, or
    /// `init.defaultBranch`, whichever exists; else the current branch. A revision `resolveCommit` accepts.
    public func defaultBranch() -> String? {
        var reference: OpaquePointer?
        if git_reference_lookup(&reference, handle, "refs/remotes/origin/HEAD") == 0, let reference {
            defer { git_reference_free(reference) }
            if let target = git_reference_symbolic_target(reference) {
                let remote = String(String(cString: target).dropFirst("refs/remotes/".count))
                let local = String(remote.dropFirst("origin/".count))
                return branchExists(local) ? local : remote
            }
        }
        var candidates = ["main", "master"]
        if let configured = configString("init.defaultBranch") { candidates.append(configured) }
        return candidates.first(where: branchExists) ?? currentBranch
    }

    /// The best common ancestor of two commits, or `nil` when their histories are unrelated.
    public func mergeBase(_ first: ObjectID, _ second: ObjectID) throws -> ObjectID? {
        var base = git_oid()
        var one = first.oid
        var two = second.oid
        let code = git_merge_base(&base, handle, &one, &two)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "finding the merge base of \(first.short) and \(second.short)")
        return ObjectID(base)
    }

    /// True when `ancestor` is `descendant` or one of its ancestors.
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        var child = descendant.oid
        var parent = ancestor.oid
        return try LibGit2.check(git_graph_descendant_of(handle, &child, &parent), "walking history") == 1
    }

    // MARK: - References

    /// Points `name` (a full name like `refs/ccteam/...`) at `target`, creating or moving it.
    public func setReference(_ name: String, to target: ObjectID, message: String = "ccteam") throws {
        try requireValidReferenceName(name)
        var oid = target.oid
        var reference: OpaquePointer?
        try LibGit2.check(git_reference_create(&reference, handle, name, &oid, 1, message), "writing \(name)")
        git_reference_free(reference)
    }

    /// Deletes reference `name`; returns false when there was none.
    @discardableResult
    public func deleteReference(_ name: String) throws -> Bool {
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, handle, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { return false }
        try LibGit2.check(code, "reading \(name)")
        defer { git_reference_free(reference) }
        try LibGit2.check(git_reference_delete(reference), "deleting \(name)")
        return true
    }

    /// The object reference `name` resolves to (following symbolic refs), or `nil` when it does not exist.
    public func referenceTarget(_ name: String) -> ObjectID? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, handle, name) == 0 else { return nil }
        return ObjectID(oid)
    }

    /// Every reference whose full name starts with `prefix` (for example `refs/ccteam/`), sorted by name.
    public func references(withPrefix prefix: String) throws -> [Reference] {
        var iterator: OpaquePointer?
        try LibGit2.check(git_reference_iterator_new(&iterator, handle), "listing references")
        defer { git_reference_iterator_free(iterator) }
        var found: [Reference] = []
        var name: UnsafePointer<CChar>?
        while git_reference_next_name(&name, iterator) == 0, let name {
            let text = String(cString: name)
            guard text.hasPrefix(prefix), let target = referenceTarget(text) else { continue }
            found.append(Reference(name: text, target: target))
        }
        return found.sorted { $0.name < $1.name }
    }

    // MARK: - Branches

    /// True when local branch `name` (short, like `ccteam/t/1`) exists.
    public func branchExists(_ name: String) -> Bool {
        referenceTarget("refs/heads/" + name) != nil
    }

    /// The commit local branch `name` points at, or `nil` when there is no such branch.
    public func branchTarget(_ name: String) -> ObjectID? {
        referenceTarget("refs/heads/" + name)
    }

    /// Creates local branch `name` at `commit`; with `force`, moves an existing one instead of failing.
    public func createBranch(_ name: String, at commit: ObjectID, force: Bool = false) throws {
        try requireValidReferenceName("refs/heads/" + name)
        if !force, branchExists(name) { throw GitError.branchExists(name) }
        let target = try lookupCommit(commit)
        defer { git_commit_free(target) }
        var reference: OpaquePointer?
        try LibGit2.check(git_branch_create(&reference, handle, name, target, force ? 1 : 0), "creating branch \(name)")
        git_reference_free(reference)
    }

    /// Deletes local branch `name`; fails while a worktree has it checked out.
    public func deleteBranch(_ name: String) throws {
        var reference: OpaquePointer?
        let code = git_branch_lookup(&reference, handle, name, GIT_BRANCH_LOCAL)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { throw GitError.unknownBranch(name) }
        try LibGit2.check(code, "reading branch \(name)")
        defer { git_reference_free(reference) }
        try LibGit2.check(git_branch_delete(reference), "deleting branch \(name)")
    }

    /// True when some worktree (the main one or a linked one) has local branch `name` checked out.
    public func isBranchCheckedOut(_ name: String) -> Bool {
        var reference: OpaquePointer?
        guard git_branch_lookup(&reference, handle, name, GIT_BRANCH_LOCAL) == 0 else { return false }
        defer { git_reference_free(reference) }
        return git_branch_is_checked_out(reference) == 1
    }

    /// Local branch names (short form) starting with `prefix`, sorted.
    public func branches(withPrefix prefix: String = "") throws -> [String] {
        try references(withPrefix: "refs/heads/" + prefix).map { String($0.name.dropFirst("refs/heads/".count)) }
    }

    func requireValidReferenceName(_ name: String) throws {
        var valid: Int32 = 0
        guard git_reference_name_is_valid(&valid, name) == 0, valid == 1 else {
            throw GitError.invalidReferenceName(name)
        }
    }
}
