import CGit2
import Foundation

/// What libgit2's rename finder may pair, decided up front the way git decides before it scores pairs.
///
/// git (2.39) pairs exact twins first, then files whose basename is unique on both sides and which are
/// at least 75% similar, and only then scores everything else — unless sources × destinations left
/// exceeds `diff.renameLimit`², when it stops after the first two steps. libgit2 only scores (and never
/// renames symlinks), so basename pairs are imposed through the similarity metric and the pairs libgit2
/// cannot make are joined afterwards (``joins``).
final class RenamePolicy {
    /// A rename decided here: `source` deleted, `destination` added, joined into one change afterwards.
    struct Pair {
        var source: String
        var destination: String
        var score: Int
        var sourceID: ObjectID
        var destinationID: ObjectID?
    }

    /// Pairs git makes from equal, unique basenames: source path → destination path.
    var forcedBySource: [String: String] = [:]
    var forcedDestinations: Set<String> = []
    /// Pairs to join after libgit2's pass (all of git's early pairs when libgit2's pass is skipped).
    var joins: [Pair] = []
    /// Beyond the rename limit only identical files and basename pairs are renames: libgit2 is skipped.
    var exactOnly = false
    /// How many sources and destinations the diff offered, for sizing libgit2's search.
    var candidateCount = 0

    /// The score libgit2 should see for `source` → `destination`.
    func constrain(source: SpanSignature, destination: SpanSignature) -> Int32 {
        if let sourceID = source.blobID, sourceID == destination.blobID { return 100 }
        // git scores only regular files inexactly.
        guard source.isRegular, destination.isRegular else { return 0 }
        if !forcedBySource.isEmpty {
            if let target = forcedBySource[source.path] {
                return target == destination.path ? SpanSignature.score(source: source, destination: destination) : 0
            }
            if forcedDestinations.contains(destination.path) { return 0 }
        }
        return SpanSignature.score(source: source, destination: destination)
    }
}

extension Repository {
    /// Reads the rename candidates of a diff (before `find_similar`) and decides git's early pairs.
    func renamePolicy(_ diff: OpaquePointer?, limit: Int, newSideIsWorkingTree: Bool) -> RenamePolicy {
        struct Candidate {
            var path: String
            var id: ObjectID?
            var mode: FileMode?
            var regular: Bool { mode == .regular || mode == .executable }
            var basename: Substring { path.split(separator: "/").last ?? Substring(path) }
        }
        var sources: [Candidate] = []
        var destinations: [Candidate] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
            switch delta.status {
            case GIT_DELTA_DELETED:
                sources.append(
                    Candidate(
                        path: String(cString: delta.old_file.path), id: ObjectID(delta.old_file.id),
                        mode: FileMode(gitMode: delta.old_file.mode)))
            case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED:
                let known = delta.new_file.flags & GIT_DIFF_FLAG_VALID_ID.rawValue != 0 && !newSideIsWorkingTree
                destinations.append(
                    Candidate(
                        path: String(cString: delta.new_file.path), id: known ? ObjectID(delta.new_file.id) : nil,
                        mode: FileMode(gitMode: delta.new_file.mode)))
            default:
                continue
            }
        }
        let policy = RenamePolicy()
        policy.candidateCount = sources.count + destinations.count
        guard !sources.isEmpty, !destinations.isEmpty else { return policy }
        for index in destinations.indices where destinations[index].id == nil {
            destinations[index].id = try? workingTreeBlobID(destinations[index].path)
        }

        // 1. Exact twins, each source used once, preferring an unused source with the same basename.
        var sourcesByID: [ObjectID: [Int]] = [:]
        for (index, source) in sources.enumerated() {
            if let id = source.id { sourcesByID[id, default: []].append(index) }
        }
        var usedSources: Set<Int> = []
        var pairedDestinations: Set<Int> = []
        var exact: [RenamePolicy.Pair] = []
        for (destinationIndex, destination) in destinations.enumerated() {
            guard let id = destination.id, let twins = sourcesByID[id] else { continue }
            let eligible = twins.filter { index in
                !usedSources.contains(index)
                    && ((sources[index].regular && destination.regular) || sources[index].mode == destination.mode)
            }
            guard let chosen = eligible.first(where: { sources[$0].basename == destination.basename }) ?? eligible.first
            else { continue }
            usedSources.insert(chosen)
            pairedDestinations.insert(destinationIndex)
            exact.append(
                .init(
                    source: sources[chosen].path, destination: destination.path, score: 100, sourceID: id,
                    destinationID: id))
        }

        // 2. Unique basenames on both sides, regular files, at least 75% similar.
        func uniqueByBasename(_ candidates: [Candidate], skipping used: Set<Int>) -> [Substring: Int] {
            var seen: [Substring: Int] = [:]
            var duplicated: Set<Substring> = []
            for (index, candidate) in candidates.enumerated() where !used.contains(index) {
                if seen.updateValue(index, forKey: candidate.basename) != nil { duplicated.insert(candidate.basename) }
            }
            for base in duplicated { seen.removeValue(forKey: base) }
            return seen
        }
        let destinationBases = uniqueByBasename(destinations, skipping: pairedDestinations)
        var basename: [RenamePolicy.Pair] = []
        for (base, sourceIndex) in uniqueByBasename(sources, skipping: usedSources) {
            guard let destinationIndex = destinationBases[base] else { continue }
            let source = sources[sourceIndex]
            let destination = destinations[destinationIndex]
            guard source.regular, destination.regular, let sourceID = source.id, let old = blobData(sourceID),
                let new = newSideIsWorkingTree
                    ? workingTreeContent(destination.path) : destination.id.flatMap({ blobData($0) })
            else { continue }
            let score = old.withUnsafeBytes { oldBytes in
                new.withUnsafeBytes { newBytes in
                    SpanSignature.score(
                        source: SpanSignature(oldBytes, path: source.path, isRegular: true, blobID: nil),
                        destination: SpanSignature(newBytes, path: destination.path, isRegular: true, blobID: nil))
                }
            }
            guard score >= 75 else { continue }
            basename.append(
                .init(
                    source: source.path, destination: destination.path, score: Int(score), sourceID: sourceID,
                    destinationID: destination.id))
        }
        for pair in basename {
            policy.forcedBySource[pair.source] = pair.destination
            policy.forcedDestinations.insert(pair.destination)
        }

        // 3. git's limit counts what is left for scoring.
        let early = exact.count + basename.count
        let (product, overflow) = (sources.count - early).multipliedReportingOverflow(by: destinations.count - early)
        let (square, squareOverflow) = limit.multipliedReportingOverflow(by: limit)
        policy.exactOnly = !squareOverflow && (overflow || product > square)
        // libgit2 never renames symlinks; beyond the limit it is not asked at all.
        policy.joins =
            policy.exactOnly
            ? exact + basename
            : exact.filter { pair in !(sources.first { $0.path == pair.source }?.regular ?? true) }
        return policy
    }
}
