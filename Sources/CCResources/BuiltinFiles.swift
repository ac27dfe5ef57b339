/// The files of `prompt-pack/` and `policies/` as they were at build time, keyed by their path
/// relative to the package root (for example `prompt-pack/roles/review.md`).
///
/// Compiled in by the EmbedBuiltins plugin so a shipped binary needs nothing beside it.
public enum BuiltinFiles {
    /// Every embedded file's text, keyed by relative path.
    public static let all: [String: String] = embeddedFiles

    /// The text of one embedded file, or `nil` when there is none at that path.
    public static func text(at path: String) -> String? { embeddedFiles[path] }

    /// The embedded paths under `folder` (for example `prompt-pack/roles`), sorted.
    public static func paths(under folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return embeddedFiles.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
