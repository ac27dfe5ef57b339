import Foundation
import PackagePlugin

/// Compiles `prompt-pack/` and `policies/` into the target as Swift source, so an installed binary
/// never depends on a resource bundle beside it (`Bundle.module` crashes once `.build` is gone).
@main
struct EmbedBuiltins: BuildToolPlugin {
    /// The folders at the package root whose files are embedded, keyed by their relative path.
    static let folders = ["prompt-pack", "policies"]

    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let base = root.appending(path: folder)
            guard
                let walker = FileManager.default.enumerator(
                    at: base, includingPropertiesForKeys: [.isRegularFileKey])
            else { continue }
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in files",
                executable: try context.tool(named: "ccembed").url,
                arguments: [root.path, output.path] + Self.folders,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
