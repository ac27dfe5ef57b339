public import CCCore
public import CCGit
public import CCSecrets
import Foundation

/// Verifies one change: the libgit2 diff, write scope, and secrets in what it added.
///
/// The change is either the working tree (untracked files included) against a base commit, or one
/// commit against another. The test command is a separate step (see ``TestGate``).
public struct ChangeVerifier {
    /// What to compare.
    public enum Change: Sendable, Equatable {
        /// The working tree, untracked files included, against a base commit.
        case workingTree(base: ObjectID)
        /// One commit against another.
        case commits(base: ObjectID, head: ObjectID)
    }

    /// What the checks found, and the change they looked at.
    public struct Outcome {
        public var findings: [Finding]
        public var files: [ChangedFile]
        public var summary: VerifyReport.Summary
    }

    public var checker: ScopeChecker
    public var scanner: SecretScanner

    public init(checker: ScopeChecker, scanner: SecretScanner) {
        self.checker = checker
        self.scanner = scanner
    }

    /// Diffs, checks scope and scans the added lines for secrets.
    public func verify(_ change: Change, in repository: Repository) throws -> Outcome {
        let options = DiffOptions(includeAddedLines: true, detectRenames: true)
        let changes: [FileChange]
        let base: ObjectID
        var head = "working tree"
        switch change {
        case .workingTree(let commit):
            base = commit
            changes = try repository.diffWorkingTree(against: commit, options: options)
        case .commits(let old, let new):
            base = old
            head = new.short
            changes = try repository.diff(from: old, to: new, options: options)
        }
        let files = changes.map(ChangedFile.init)
        var findings = checker.check(files)
        let root = repository.root
        let items = ChangeScanner.items(for: files) { path in
            switch change {
            case .workingTree:
                // Plain reads of the checked-out files; symlinks and submodules are skipped before this.
                return FileManager.default.contents(atPath: root + "/" + path)
            case .commits(_, let new):
                return try? repository.fileContent(path, at: new)
            }
        }
        findings += ChangeScanner(scanner: scanner).scan(items)
        let summary = VerifyReport.Summary(
            filesChanged: files.count, linesAdded: files.reduce(0) { $0 + $1.linesAdded },
            linesDeleted: files.reduce(0) { $0 + $1.linesDeleted }, base: base.short, head: head,
            filesScanned: items.count)
        return Outcome(findings: findings, files: files, summary: summary)
    }
}
