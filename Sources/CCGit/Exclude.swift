import Foundation

/// The repository-local ignore file shared by all worktrees (`<common dir>/info/exclude`).
extension Repository {
    /// Adds `pattern` (for example `.ccteam/`) as a line of `info/exclude` unless it is already there.
    /// Returns true when the file changed.
    @discardableResult
    public func ensureExcluded(_ pattern: String) throws -> Bool {
        let folder = commonDirectory + "/info"
        let file = folder + "/exclude"
        do {
            let existing = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            let lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if lines.contains(pattern) { return false }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            try Data((existing + separator + pattern + "\n").utf8).write(
                to: URL(fileURLWithPath: file), options: .atomic)
            return true
        } catch {
            throw GitError.operationFailed(operation: "updating \(file)", detail: error.localizedDescription)
        }
    }
}
