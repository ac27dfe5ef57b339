import CGit2

/// Who a commit is by: a name and an email, as git records them.
public struct Signature: Sendable, Equatable, Codable {
    /// The display name (`user.name`).
    public var name: String
    /// The address (`user.email`).
    public var email: String

    /// An identity to commit as.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// Used when `user.name`/`user.email` are not configured, so commits never fail for want of an identity.
    public static let fallback = Signature(name: "ccteam", email: "ccteam@localhost")
}

extension Repository {
    /// The configured identity (`user.name`, `user.email`), or ``Signature/fallback`` when either is missing.
    public func defaultSignature() -> Signature {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { return .fallback }
        defer { git_signature_free(signature) }
        return Signature(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }

    /// Runs `body` with a libgit2 signature for `signature` stamped now.
    func withGitSignature<Result>(
        _ signature: Signature, _ body: (UnsafeMutablePointer<git_signature>) throws -> Result
    ) throws -> Result {
        var pointer: UnsafeMutablePointer<git_signature>?
        try LibGit2.check(git_signature_now(&pointer, signature.name, signature.email), "making a commit signature")
        guard let pointer else {
            throw GitError.operationFailed(operation: "making a commit signature", detail: "no signature")
        }
        defer { git_signature_free(pointer) }
        return try body(pointer)
    }

    /// Writes a commit object of `tree` with `parents`, updating `updateReference` (e.g. `HEAD`) when given.
    func createCommit(
        tree treeID: git_oid, parents: [ObjectID], message: String, signature: Signature, updateReference: String?
    ) throws -> ObjectID {
        var treeOID = treeID
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, handle, &treeOID), "reading a new tree")
        defer { git_tree_free(tree) }
        let parentCommits = try parents.map { try lookupCommit($0) }
        defer { parentCommits.forEach { git_commit_free($0) } }
        var commitOID = git_oid()
        try withGitSignature(signature) { gitSignature in
            var parentPointers: [OpaquePointer?] = parentCommits
            let code = parentPointers.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(
                    &commitOID, handle, updateReference, gitSignature, gitSignature, nil, message, tree, buffer.count,
                    buffer.baseAddress)
            }
            try LibGit2.check(code, "creating a commit in \(root)")
        }
        return ObjectID(commitOID)
    }
}
