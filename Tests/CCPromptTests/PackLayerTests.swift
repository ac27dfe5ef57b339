import CCPrompt
import CCTestSupport
import Foundation
import Testing

@Suite("Assembling the pack from layers")
struct PackLayerTests {
    let override = """
        ---
        name: bugfix
        description: Our own bugfix template.
        variables:
          task:
            description: The bug.
            required: true
          write_scope:
            description: The scope.
            required: true
        ---
        Local: {{task}} / {{write_scope}}

        """

    @Test("the built-in pack has every template, role and domain, and validates clean")
    func builtinPack() {
        let pack = PromptPack.builtin
        #expect(
            pack.documents(.template).map(\.name) == [
                "bugfix", "code-review", "feature", "frontend-polish", "refactor-plan", "release-check", "repo-audit",
                "security-audit", "test-generation",
            ])
        #expect(
            pack.documents(.role).map(\.name) == [
                "architecture", "implementation", "ops", "requirements", "review", "security", "team-lead", "testing",
            ])
        #expect(
            pack.documents(.domain).map(\.name) == [
                "code-review", "data-analysis", "devops", "documentation", "project-management", "research",
                "software-development", "testing",
            ])
        #expect(pack.preambleDocument != nil)
        #expect(pack.lint() == [])
    }

    @Test("a repository override of one file replaces that file and leaves the rest built-in")
    func repositoryOverride() throws {
        let repository = try TemporaryDirectory()
        try repository.write(".git/HEAD", "ref: refs/heads/main\n")
        try repository.write(".ccteam/prompt-pack/templates/bugfix.md", override)
        let nested = repository.url.appendingPathComponent("Sources/Deep")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)

        let pack = try PromptPack.load(packDirectory: nil, workingDirectory: nested)
        let bugfix = try #require(pack.document(.template, named: "bugfix"))
        #expect(bugfix.file.origin == .directory(repository.url.appendingPathComponent(".ccteam/prompt-pack")))
        #expect(bugfix.description == "Our own bugfix template.")
        #expect(pack.documents.filter { $0.file.origin != .builtin }.map(\.name) == ["bugfix"])
        #expect(pack.documents.count == PromptPack.builtin.documents.count)
        #expect(
            try pack.renderTemplate(name: "bugfix", variables: ["task": "t", "write_scope": "s"]) == "Local: t / s\n")
    }

    @Test("--pack wins over the repository override, which wins over the built-in pack")
    func precedence() throws {
        let repository = try TemporaryDirectory()
        try repository.write(".git", "gitdir: /elsewhere\n")
        try repository.write(".ccteam/prompt-pack/templates/bugfix.md", override)
        try repository.write(
            ".ccteam/prompt-pack/roles/review.md", "---\nname: review\ndescription: Repo.\n---\nRepo reviewer\n")
        let flag = try TemporaryDirectory()
        try flag.write("roles/review.md", "---\nname: review\ndescription: Flag.\n---\nFlag reviewer\n")

        let pack = try PromptPack.load(packDirectory: flag.url, repositoryRoot: repository.url)
        #expect(try pack.persona(role: "review") == "Flag reviewer\n")
        #expect(pack.document(.template, named: "bugfix")?.description == "Our own bugfix template.")
        #expect(pack.document(.role, named: "testing")?.file.origin == .builtin)
    }

    @Test("a --pack directory that does not exist is an error naming it")
    func missingPackDirectory() {
        #expect(throws: PromptError.packDirectoryMissing("/no/such/pack")) {
            try PromptPack.load(packDirectory: URL(fileURLWithPath: "/no/such/pack"), repositoryRoot: nil)
        }
    }

    @Test("the repository root is the nearest folder holding .git")
    func repositoryRoot() throws {
        let repository = try TemporaryDirectory()
        try repository.write(".git/HEAD", "x")
        try repository.write("a/b/c.txt", "x")
        #expect(PackLayers.repositoryRoot(containing: repository.url.appendingPathComponent("a/b")) == repository.url)
        let loose = try TemporaryDirectory()
        #expect(PackLayers.repositoryRoot(containing: loose.url) == nil)
    }
}
