import CGit2

extension Repository {
    /// Every path the index tracks, sorted: what "the checkout's tracked files" means.
    public func trackedPaths() throws -> [String] {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, handle), "opening the index of \(root)")
        defer { git_index_free(index) }
        try LibGit2.check(git_index_read(index, 0), "reading the index of \(root)")
        var paths: [String] = []
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position), let path = entry.pointee.path else { continue }
            paths.append(String(cString: path))
        }
        return Array(Set(paths)).sorted()
    }
}
