import CCTestSupport
import Foundation
import Testing

@Suite("ccprompt list, end to end, and where the pack comes from")
struct ListEndToEndTests {
    @Test("text listing of the built-in pack matches its golden file")
    func text() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["list"], in: directory.url)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try Golden.check(output.stdout, named: "list.txt")
    }

    @Test("JSON listing of the built-in pack matches its golden file and has the documented shape")
    func json() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["list", "--json"], in: directory.url)
        #expect(output.status == 0)
        try Golden.check(output.stdout, named: "list.json")
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(Set(listing.keys) == ["templates", "roles", "domains", "partials", "preamble"])
        let bugfix = try #require((listing["templates"] as? [[String: Any]])?.first)
        #expect(Set(bugfix.keys) == ["name", "description", "role", "model", "source", "variables"])
        let task = try #require((bugfix["variables"] as? [[String: Any]])?.first)
        #expect(Set(task.keys) == ["name", "description", "required", "default"])
    }

    @Test("a repository override of one template shows as its source; everything else stays built-in")
    func repositoryOverride() throws {
        let repository = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: repository.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let override = try repository.write(
            ".ccteam/prompt-pack/templates/bugfix.md",
            """
            ---
            name: bugfix
            description: Our bugfix.
            variables:
              task:
                description: The bug.
                required: true
              write_scope:
                description: Scope.
                required: true
            ---
            LOCAL {{task}} in {{write_scope}}

            """)
        try repository.write("sub/dir/.keep", "")
        let inside = repository.url.appendingPathComponent("sub/dir")

        let output = try BuiltTools.run("ccprompt", ["list", "--json"], in: inside)
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        var sources: [String: String] = [:]
        for key in ["templates", "roles", "domains", "partials"] {
            for entry in listing[key] as? [[String: Any]] ?? [] {
                sources["\(key)/\(entry["name"] as? String ?? "")"] = entry["source"] as? String
            }
        }
        #expect(sources["templates/bugfix"] == override.path)
        #expect(sources.count == 27)
        #expect(sources.filter { $0.value != "builtin" }.keys.sorted() == ["templates/bugfix"])

        let render = try BuiltTools.run(
            "ccprompt", ["render", "--template", "bugfix", "--task", "t", "--var", "write_scope=s"], in: inside)
        #expect(render.stdout == "LOCAL t in s\n")

        // --pack comes first: its bugfix wins over the repository's.
        let flag = try TemporaryDirectory()
        try flag.write(
            "templates/bugfix.md",
            try repository.read(".ccteam/prompt-pack/templates/bugfix.md").replacingOccurrences(
                of: "LOCAL", with: "FLAG"))
        let flagged = try BuiltTools.run(
            "ccprompt",
            ["render", "--pack", flag.path, "--template", "bugfix", "--task", "t", "--var", "write_scope=s"],
            in: inside)
        #expect(flagged.stdout == "FLAG t in s\n")
        // The repository's overrides still apply to the files --pack does not have.
        let list = try BuiltTools.run("ccprompt", ["list", "--pack", flag.path], in: inside)
        #expect(list.stdout.contains("from: \(flag.path)/templates/bugfix.md"))
    }

    @Test("a --pack directory that does not exist exits 2 naming it")
    func missingPack() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["list", "--pack", "/no/such/pack"], in: directory.url)
        #expect(output.status == 2)
        #expect(
            output.stderr
                == "error: prompt pack directory '/no/such/pack' does not exist\n"
                + "help: pass an existing prompt pack directory (with templates/, roles/, domains/ folders)\n")
    }
}
