import CGit2

/// Resolves the one kind of text conflict that has a sound answer without a person: both sides
/// *added* lines at the same place and neither changed a line the other one had. Keeping both
/// additions, ours first, is then what either author would have written after seeing the other's.
///
/// Anything else — a line both sides changed, a deletion against an edit, binary files, a file added
/// or removed on one side only — stays a conflict.
enum InsertionMerge {
    /// Conflict markers longer than any a source file plausibly holds, so file text is never
    /// mistaken for a marker.
    static let markerSize: UInt16 = 41

    /// The merged text of one conflicted file, or nil when some conflict region is not a pure
    /// insertion on both sides. `diff3` is libgit2's diff3-style output with ``markerSize`` markers.
    static func resolve(diff3 text: [UInt8]) -> [UInt8]? {
        let open = marker("<"), base = marker("|"), middle = marker("="), close = marker(">")
        enum Section { case outside, ours, base, theirs }
        var section = Section.outside
        var result: [UInt8] = []
        var theirs: [UInt8] = []
        for line in lines(of: text) {
            switch section {
            case .outside:
                if line.starts(with: open) { section = .ours } else { result += line }
            case .ours:
                if line.starts(with: base) {
                    section = .base
                } else if line.starts(with: middle) {
                    return nil
                } else {
                    result += line
                }
            case .base:
                // A line in the base part means one side changed or removed what the other kept.
                guard line.starts(with: middle) else { return nil }
                section = .theirs
            case .theirs:
                if line.starts(with: close) {
                    result += theirs
                    theirs = []
                    section = .outside
                } else {
                    theirs += line
                }
            }
        }
        return section == .outside ? result : nil
    }

    private static func marker(_ character: Character) -> [UInt8] {
        Array(repeating: character.asciiValue!, count: Int(markerSize))
    }

    /// The file's lines, each with its newline (the last one may have none).
    private static func lines(of text: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (offset, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(text[start...offset])
            start = offset + 1
        }
        if start < text.count { lines.append(text[start...]) }
        return lines
    }
}

extension Repository {
    /// Resolves every conflict of an in-memory merge `index` that ``InsertionMerge`` can; returns the
    /// paths resolved, or nil (index unchanged in meaning) when some conflict cannot be.
    func resolveInsertionConflicts(in index: OpaquePointer?) throws -> [String]? {
        struct Conflict {
            var path: String
            var ancestor: git_index_entry
            var ours: git_index_entry
            var theirs: git_index_entry
        }
        var conflicts: [Conflict] = []
        var iterator: OpaquePointer?
        try LibGit2.check(git_index_conflict_iterator_new(&iterator, index), "listing merge conflicts")
        var ancestor: UnsafePointer<git_index_entry>?
        var ours: UnsafePointer<git_index_entry>?
        var theirs: UnsafePointer<git_index_entry>?
        while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
            // Added on one side only, or removed on one: not an insertion into a shared file.
            guard let ancestor, let ours, let theirs, let path = ours.pointee.path else {
                git_index_conflict_iterator_free(iterator)
                return nil
            }
            conflicts.append(
                Conflict(
                    path: String(cString: path), ancestor: ancestor.pointee, ours: ours.pointee, theirs: theirs.pointee)
            )
        }
        git_index_conflict_iterator_free(iterator)

        var resolved: [(path: String, entry: git_index_entry, text: [UInt8])] = []
        for var conflict in conflicts {
            var options = git_merge_file_options()
            git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION))
            options.flags = GIT_MERGE_FILE_STYLE_DIFF3.rawValue
            options.marker_size = InsertionMerge.markerSize
            var output = git_merge_file_result()
            try LibGit2.check(
                git_merge_file_from_index(
                    &output, handle, &conflict.ancestor, &conflict.ours, &conflict.theirs, &options),
                "merging \(conflict.path)")
            defer { git_merge_file_result_free(&output) }
            let text = output.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: output.len)) } ?? []
            // libgit2 refuses to text-merge binary files; their output names no content to resolve.
            guard output.ptr != nil, !text.contains(0), let merged = InsertionMerge.resolve(diff3: text) else {
                return nil
            }
            resolved.append((conflict.path, conflict.ours, merged))
        }
        for (path, entry, text) in resolved {
            var blob = git_oid()
            try LibGit2.check(
                text.withUnsafeBytes { git_blob_create_from_buffer(&blob, handle, $0.baseAddress, $0.count) },
                "writing the merged \(path)")
            try LibGit2.check(git_index_conflict_remove(index, path), "resolving \(path)")
            var stage0 = entry
            stage0.id = blob
            stage0.flags &= ~UInt16(GIT_INDEX_ENTRY_STAGEMASK)
            try path.withCString { name in
                stage0.path = name
                _ = try LibGit2.check(git_index_add(index, &stage0), "resolving \(path)")
            }
        }
        return resolved.map(\.path).sorted()
    }
}
