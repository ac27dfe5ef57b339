public import CCCore

/// Everything CCGit can refuse or fail at, each with a message naming the input and a way out.
public enum GitError: UserFacingError, Equatable {
    /// No repository at or above the path.
    case notARepository(path: String)
    /// The repository belongs to another user and git's `safe.directory` does not allow it.
    case ownedByAnotherUser(path: String, owner: String)
    /// A bare repository has no working tree to diff, commit or check out.
    case bareRepository(path: String)
    /// A split index (`core.splitIndex`) is not supported by libgit2 1.5.
    case splitIndex(path: String)
    /// Sparse checkout hides files from the working tree, which would read as deletions.
    case sparseCheckout(path: String)
    /// A revision (ref, sha, `HEAD~2`, ...) that names no commit.
    case unknownRevision(String)
    /// A path that is not inside the repository's working tree.
    case pathOutsideRepository(String)
    /// `git worktree add` refuses any existing path, even an empty folder.
    case worktreePathExists(path: String)
    /// No linked worktree with that name or path.
    case unknownWorktree(String)
    /// A branch that should be new already exists.
    case branchExists(String)
    /// A branch that should exist does not.
    case unknownBranch(String)
    /// A branch or ref name git would not accept.
    case invalidReferenceName(String)
    /// The repository has no commit yet where one is needed.
    case noCommits(path: String)
    /// A libgit2 call failed for a reason with no better description.
    case operationFailed(operation: String, detail: String)

    /// What went wrong, naming the input at fault.
    public var message: String {
        switch self {
        case .notARepository(let path): "not a git repository: \(path)"
        case .ownedByAnotherUser(let path, let owner):
            "the git repository at \(path) is owned by another user (\(owner)), so git refuses to use it"
        case .bareRepository(let path): "\(path) is a bare repository, which has no working tree"
        case .splitIndex(let path): "the repository at \(path) uses a split index, which libgit2 cannot read"
        case .sparseCheckout(let path):
            "the repository at \(path) uses sparse checkout (or skip-worktree files); hidden files would look deleted"
        case .unknownRevision(let revision): "unknown revision '\(revision)': no commit by that name"
        case .pathOutsideRepository(let path): "path '\(path)' is outside the repository"
        case .worktreePathExists(let path): "cannot create a worktree at \(path): the path already exists"
        case .unknownWorktree(let name): "no linked worktree named or located at '\(name)'"
        case .branchExists(let name): "branch '\(name)' already exists"
        case .unknownBranch(let name): "no branch named '\(name)'"
        case .invalidReferenceName(let name): "'\(name)' is not a valid git reference name"
        case .noCommits(let path): "the repository at \(path) has no commits yet"
        case .operationFailed(let operation, let detail): "git: \(operation) failed: \(detail)"
        }
    }

    /// How to fix it.
    public var help: String? {
        switch self {
        case .notARepository: "run the command inside a git working tree, or create one with `git init`"
        case .ownedByAnotherUser(let path, _):
            "if you trust it, run `git config --global --add safe.directory \(path)` (libgit2 1.5 ignores '*'), or run as its owner"
        case .bareRepository: "run the command in a checkout (a clone or `git worktree add`) of this repository"
        case .splitIndex: "turn it off with `git update-index --no-split-index` and `git config core.splitIndex false`"
        case .sparseCheckout: "run `git sparse-checkout disable` (and clear skip-worktree bits) in this working tree"
        case .unknownRevision: "check the spelling with `git rev-parse --verify '<rev>^{commit}'`"
        case .pathOutsideRepository: "give a path relative to the repository root"
        case .worktreePathExists: "remove the folder or choose another path"
        case .unknownWorktree: "list worktrees with `git worktree list`"
        case .branchExists: "delete it first or choose another name"
        case .unknownBranch: "list branches with `git branch --list`"
        case .invalidReferenceName: "see `git check-ref-format --help` for the rules"
        case .noCommits: "make a first commit, then run the command again"
        case .operationFailed: nil
        }
    }
}
