import CCCore
import CCGit
import CCSecrets
public import Foundation

/// What `ccverify diff` verifies: a commit range, or the working tree against a base.
public struct DiffRequest: Sendable {
    /// The base revision; `nil`: the merge base of HEAD and the default branch (HEAD itself on it).
    public var base: String?
    /// The head revision; `nil`: the working tree, untracked files included.
    public var head: String?
    public var policyFile: URL?
    public var rulesFile: URL?
    /// The test command to run after the checks, if any.
    public var test: TestRequest?
    /// Where to look for the repository.
    public var directory: URL

    public init(
        base: String? = nil, head: String? = nil, policyFile: URL? = nil, rulesFile: URL? = nil,
        test: TestRequest? = nil, directory: URL
    ) {
        self.base = base
        self.head = head
        self.policyFile = policyFile
        self.rulesFile = rulesFile
        self.test = test
        self.directory = directory
    }
}

/// The library side of `ccverify diff` and `ccverify run`: each call does one whole verification.
public enum Verification {
    /// Verifies a commit range or the working tree: scope, secrets and, if asked, the test command.
    public static func diff(_ request: DiffRequest) throws -> VerifyReport {
        let repository = try Repository.discover(from: request.directory.path)
        let root = URL(fileURLWithPath: repository.root)
        let policy = try ScopePolicy.load(file: request.policyFile, repositoryRoot: root)
        let rules = try SecretRules.load(file: request.rulesFile, repositoryRoot: root)
        let head = try request.head.map { try repository.resolveCommit($0) }
        let base = try resolveBase(request.base, head: head, in: repository)
        let change: ChangeVerifier.Change = head.map { .commits(base: base, head: $0) } ?? .workingTree(base: base)
        let verifier = ChangeVerifier(checker: ScopeChecker(policy: policy), scanner: SecretScanner(rules: rules))
        let outcome = try verifier.verify(change, in: repository)
        var findings = outcome.findings
        var testOutcome: VerifyReport.TestOutcome? = nil
        if let test = request.test {
            let result = try TestGate.run(test, in: root)
            testOutcome = result.outcome
            findings += result.findings
        }
        return VerifyReport(
            findings: findings, summary: outcome.summary, changes: outcome.files.map(VerifyReport.Change.init),
            test: testOutcome, verifiedAt: Date(), ruleDescriptions: SecretRules.descriptions(rules))
    }

    /// The base of a diff: the given revision, else where the head (or HEAD) left the default branch.
    static func resolveBase(_ revision: String?, head: ObjectID?, in repository: Repository) throws -> ObjectID {
        if let revision { return try repository.resolveCommit(revision) }
        guard let head = head ?? repository.headCommit else {
            throw GitError.noCommits(path: repository.root)
        }
        if let branch = repository.defaultBranch(), let tip = try? repository.resolveCommit(branch), tip != head,
            let base = try repository.mergeBase(tip, head)
        {
            return base
        }
        return head
    }

    /// The checkout whose `.ccteam/` holds the runs: `CCTEAM_ROOT`, else the main checkout of the
    /// repository around `directory` (a linked worktree's main checkout, not the worktree itself).
    public static func stateRoot(from directory: URL, environment: [String: String]) throws -> URL {
        if let root = environment[Identity.Variable.root], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        let repository = try Repository.discover(from: directory.path)
        return mainCheckout(of: repository)
    }

    static func mainCheckout(of repository: Repository) -> URL {
        let common = URL(fileURLWithPath: repository.commonDirectory)
        if repository.isLinkedWorktree, common.lastPathComponent == ".git" {
            return common.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: repository.root)
    }
}
