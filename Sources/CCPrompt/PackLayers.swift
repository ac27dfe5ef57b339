import CCCore
import CCResources
public import Foundation

/// The layers a pack is assembled from, file by file: `--pack DIR`, then the repository's
/// `.ccteam/prompt-pack/`, then the built-in pack. The first layer holding a path supplies it, so
/// overriding one file leaves every other file built-in.
public enum PackLayers {
    /// Where the built-in pack's files live among the embedded files (and in the source tree).
    public static let builtinPrefix = "prompt-pack/"
    /// Where a repository keeps its own overrides, relative to its root.
    public static let repositoryOverridePath = ".ccteam/prompt-pack"

    /// The built-in pack's files.
    public static func builtinFiles() -> [PackFile] {
        BuiltinFiles.paths(under: "prompt-pack").compactMap { key in
            guard let text = BuiltinFiles.text(at: key) else { return nil }
            return PackFile(relativePath: String(key.dropFirst(builtinPrefix.count)), origin: .builtin, text: text)
        }
    }

    /// Every regular file under `directory`, keyed by its path relative to it; hidden files are
    /// skipped. Throws when the directory does not exist or a file is not UTF-8 text.
    public static func files(in directory: URL) throws -> [PackFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw PromptError.packDirectoryMissing(directory.path)
        }
        let base = directory.standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw PromptError.packDirectoryMissing(directory.path) }
        var files: [PackFile] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = String(path.dropFirst(base.path.count + 1))
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else { throw PromptError.unreadableFile(path) }
            files.append(PackFile(relativePath: relative, origin: .directory(directory), text: text))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// The nearest folder at or above `directory` that holds `.git` (a folder, or a worktree's file).
    public static func repositoryRoot(containing directory: URL) -> URL? {
        var current = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
                return current
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The override directories in precedence order, skipping a repository that has none.
    /// An explicit `packDirectory` must exist.
    public static func overrideDirectories(packDirectory: URL?, repositoryRoot: URL?) throws -> [URL] {
        var directories: [URL] = []
        if let packDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: packDirectory.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { throw PromptError.packDirectoryMissing(packDirectory.path) }
            directories.append(packDirectory)
        }
        if let repositoryRoot {
            let local = repositoryRoot.appendingPathComponent(repositoryOverridePath)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory), isDirectory.boolValue {
                directories.append(local)
            }
        }
        return directories
    }

    /// Merges layers file by file: the first layer (highest precedence) holding a path wins.
    public static func merge(_ layers: [[PackFile]]) -> [PackFile] {
        var chosen: [String: PackFile] = [:]
        for layer in layers.reversed() {
            for file in layer { chosen[file.relativePath] = file }
        }
        return chosen.values.sorted { $0.relativePath < $1.relativePath }
    }
}
