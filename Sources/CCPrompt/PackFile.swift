public import Foundation

/// One file of a prompt pack, from whichever layer supplied it.
public struct PackFile: Sendable, Hashable {
    /// Where a file came from: an override directory, or the pack compiled into the binary.
    public enum Origin: Sendable, Hashable {
        case directory(URL)
        case builtin
    }

    /// The path inside the pack, such as `templates/bugfix.md`; the key overrides replace by.
    public var relativePath: String
    public var origin: Origin
    public var text: String

    public init(relativePath: String, origin: Origin, text: String) {
        self.relativePath = relativePath
        self.origin = origin
        self.text = text
    }

    /// The path findings and listings show: the file's path on disk, or `prompt-pack/<path>`
    /// for a built-in file (its path in the ccteam source tree).
    public var displayPath: String {
        switch origin {
        case .directory(let directory): directory.appendingPathComponent(relativePath).path
        case .builtin: PackLayers.builtinPrefix + relativePath
        }
    }

    /// `builtin`, or the override file's path, for `ccprompt list --json`.
    public var sourceLabel: String {
        switch origin {
        case .directory: displayPath
        case .builtin: "builtin"
        }
    }

    /// The document kind its place in the pack implies, or `nil` for a file the pack does not use.
    public var kind: DocumentKind? {
        if relativePath == "preamble.md" { return .preamble }
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasSuffix(".md"), parts[1].count > 3 else { return nil }
        return DocumentKind.allCases.first { $0.folder == String(parts[0]) }
    }

    /// The file name without `.md`, the name a document is expected to carry.
    public var stem: String {
        let last = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return last.hasSuffix(".md") ? String(last.dropLast(3)) : last
    }
}
