import CGit2
import Foundation

/// Renames decided the way git decides them before (and instead of) libgit2's scoring.
///
/// git (2.39) pairs exact twins first, then files whose basename is unique on both sides and which are
/// at least 75% similar, and only then scores what is left — unless sources × destinations left exceeds
/// `diff.renameLimit`², when it stops there. libgit2 only scores (and never renames symlinks), so the
/// early pairs are made here and joined afterwards (``joins``), libgit2 sees them as unpairable, and it
/// runs only when something is left for it.
final class RenamePolicy {
    /// A rename decided here: `source` deleted, `destination` added, joined into one change afterwards.
    struct Pair {
        var source: String
        var destination: String
        var score: Int
        var sourceID: ObjectID
        var destinationID: ObjectID?
    }

    /// The early pairs, joined after libgit2's pass.
    var joins: [Pair] = []
    /// Every path in ``joins``: libgit2 must not pair these.
    var claimed: Set<String> = []
    /// Nothing left for libgit2 to score, or too much (beyond git's rename limit).
    var skipScoring = false
    /// How many sources and destinations the diff offered, for sizing libgit2's search.
    var candidateCount = 0

    /// The score libgit2 should see for `source` → `destination`.
    func constrain(source: SpanSignature, destination: SpanSignature) -> Int32 {
        if source.isClaimed || destination.isClaimed { return 0 }
        if let sourceID = source.blobID, sourceID == destination.blobID { return 100 }
        // git scores only regular files inexactly.
        guard source.isRegular, destination.isRegular else { return 0 }
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
        guard !sources.isEmpty, !destinations.isEmpty else {
            policy.skipScoring = true
            return policy
        }
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
        policy.joins = exact + basename
        policy.claimed = Set(policy.joins.flatMap { [$0.source, $0.destination] })

        // 3. git's limit counts what is left for scoring; with nothing left on a side there is nothing to do.
        let left = (sources: sources.count - policy.joins.count, destinations: destinations.count - policy.joins.count)
        let (product, overflow) = left.sources.multipliedReportingOverflow(by: left.destinations)
        let (square, squareOverflow) = limit.multipliedReportingOverflow(by: limit)
        policy.skipScoring = product == 0 || (!squareOverflow && (overflow || product > square))
        return policy
    }
}
