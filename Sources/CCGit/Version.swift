import CGit2

/// The libgit2 the process runs with, for `ccteam doctor` (the runtime package is versioned
/// separately from the binaries: `libgit2-1.5` for `libgit2.so.1.5`).
public enum LibGit2Version {
    /// `major.minor.revision` of the loaded libgit2, e.g. `1.5.1`.
    public static var current: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
