import CCPrompt
import Foundation

/// Packs built in memory: a few files of an override directory over the built-in pack.
enum PackFixture {
    static let directory = URL(fileURLWithPath: "/pack")

    static func files(_ files: [String: String]) -> [PackFile] {
        files.map { PackFile(relativePath: $0.key, origin: .directory(directory), text: $0.value) }
    }

    /// `files` over the built-in pack, as `--pack /pack` would assemble them.
    static func pack(_ files: [String: String]) -> PromptPack {
        PromptPack(files: PackLayers.merge([self.files(files), PackLayers.builtinFiles()]))
    }

    /// A valid template document with the given extra front matter lines and body.
    static func template(
        name: String = "demo", frontMatter: String = "", variables: String = "",
        body: String = "{{task}} in {{write_scope}}"
    ) -> String {
        """
        ---
        name: \(name)
        description: A demo template.
        variables:
          task:
            description: The task.
            required: true
          write_scope:
            description: The scope.
            required: true
        \(variables)\(frontMatter)---
        \(body)

        """
    }

    /// The findings for files under /pack only (the built-in pack is clean on its own).
    static func findings(_ files: [String: String]) -> [String] {
        pack(files).lint().filter { $0.path.hasPrefix("/pack/") }.map(\.description)
    }
}
