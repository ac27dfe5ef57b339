import CGit2
import Foundation

/// What libgit2's rename finder may pair, decided up front the way git decides before it scores pairs.
///
/// git (≥ 2.33) pairs exact twins first, then files whose basename is unique on both sides and which
/// are at least 75% similar, and only then scores everything else — unless sources × destinations
/// exceeds `diff.renameLimit`², when it stops after the first two steps. libgit2 only scores, so the
/// basename pairs and the limit are imposed through the similarity metric.
final class RenamePolicy {
    /// Pairs git makes from equal, unique basenames: source path → destination path.
    var forcedBySource: [String: String] = [:]
    var forcedDestinations: Set<String> = []
    /// git's similarity of each forced pair, by source path.
    var forcedScores: [String: Int] = [:]
    /// Blob ids of forced pairs' sides, by path (destinations only when not in the working tree).
    var forcedIDs: [String: ObjectID] = [:]
    /// How many sources and destinations the diff offered, for sizing libgit2's search.
    var candidateCount = 0
    /// Beyond the rename limit only identical files (and basename pairs) are renames.
    var exactOnly = false

    /// The score libgit2 should see for `source` → `destination`, given git's `score` for them.
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
        return exactOnly ? 0 : SpanSignature.score(source: source, destination: destination)
    }
}

extension Repository {
    /// Reads the rename candidates of a diff (before `find_similar`) and decides git's early pairs.
    func renamePolicy(_ diff: OpaquePointer?, limit: Int, newSideIsWorkingTree: Bool) -> RenamePolicy {
        struct Candidate {
            var path: String
            var id: ObjectID?
            var regular: Bool
        }
        var sources: [Candidate] = []
        var destinations: [Candidate] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
            switch delta.status {
            case GIT_DELTA_DELETED:
                let mode = FileMode(gitMode: delta.old_file.mode)
                sources.append(
                    Candidate(
                        path: String(cString: delta.old_file.path), id: ObjectID(delta.old_file.id),
                        regular: mode == .regular || mode == .executable))
            case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED:
                let mode = FileMode(gitMode: delta.new_file.mode)
                let known = delta.new_file.flags & GIT_DIFF_FLAG_VALID_ID.rawValue != 0 && !newSideIsWorkingTree
                destinations.append(
                    Candidate(
                        path: String(cString: delta.new_file.path), id: known ? ObjectID(delta.new_file.id) : nil,
                        regular: mode == .regular || mode == .executable))
            default:
                continue
            }
        }
        let policy = RenamePolicy()
        policy.candidateCount = sources.count + destinations.count
        guard !sources.isEmpty, !destinations.isEmpty else { return policy }

        func uniqueByBasename(_ candidates: [Candidate]) -> [Substring: Int] {
            var seen: [Substring: Int] = [:]
            var duplicated: Set<Substring> = []
            for (index, candidate) in candidates.enumerated() {
                let base = candidate.path.split(separator: "/").last ?? Substring(candidate.path)
                if seen.updateValue(index, forKey: base) != nil { duplicated.insert(base) }
            }
            for base in duplicated { seen.removeValue(forKey: base) }
            return seen
        }
        let sourceBases = uniqueByBasename(sources)
        let destinationBases = uniqueByBasename(destinations)
        let pairs = sourceBases.compactMap { base, sourceIndex in
            destinationBases[base].map { (sourceIndex, $0) }
        }.filter { sources[$0.0].regular && destinations[$0.1].regular }

        if !pairs.isEmpty {
            // Exact twins are paired before basenames: leave out anything with an identical file opposite.
            for index in destinations.indices where destinations[index].id == nil {
                destinations[index].id = try? workingTreeBlobID(destinations[index].path)
            }
            let sourceIDs = Set(sources.compactMap(\.id))
            let destinationIDs = Set(destinations.compactMap(\.id))
            for (sourceIndex, destinationIndex) in pairs {
                let source = sources[sourceIndex]
                let destination = destinations[destinationIndex]
                guard let sourceID = source.id, !destinationIDs.contains(sourceID),
                    destination.id.map({ !sourceIDs.contains($0) }) ?? true,
                    let old = blobData(sourceID),
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
                if score >= 75 {
                    policy.forcedBySource[source.path] = destination.path
                    policy.forcedDestinations.insert(destination.path)
                    policy.forcedScores[source.path] = Int(score)
                    policy.forcedIDs[source.path] = sourceID
                    if !newSideIsWorkingTree { policy.forcedIDs[destination.path] = destination.id }
                }
            }
        }
        let remainingSources = sources.count - policy.forcedBySource.count
        let remainingDestinations = destinations.count - policy.forcedBySource.count
        let (product, overflow) = remainingSources.multipliedReportingOverflow(by: remainingDestinations)
        let (square, squareOverflow) = limit.multipliedReportingOverflow(by: limit)
        policy.exactOnly = !squareOverflow && (overflow || product > square)
        return policy
    }
}
