import CCTestSupport
import Foundation
import Testing

@Suite("ccprompt validate, end to end")
struct ValidateEndToEndTests {
    @Test("the built-in pack validates clean")
    func builtinClean() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["validate"], in: directory.url)
        #expect(output.status == 0)
        #expect(output.stdout == "checked 28 files: 0 errors, 0 warnings\n")
        #expect(output.stderr == "")
    }

    @Test("errors print compiler-style and exit 1")
    func errors() throws {
        let pack = try TemporaryDirectory()
        try pack.write(
            "templates/broken.md",
            """
            ---
            name: broken
            description: Broken on purpose.
            model: gpt
            role: chef
            variables:
              task:
                description: The task.
                required: true
            ---
            {{task}} {{scope}}
            {{> missing}}

            """)
        let output = try BuiltTools.run("ccprompt", ["validate", pack.path], in: pack.url)
        let file = pack.path + "/templates/broken.md"
        #expect(output.status == 1)
        #expect(
            output.stdout == """
                \(file):4:8: error: [front-matter.unknown-model] model 'gpt' is not a model tier; use one of: haiku, sonnet, opus
                \(file):5:1: error: [template.unknown-role] role 'chef' is not in the pack; roles: architecture, implementation, ops, requirements, review, security, team-lead, testing
                \(file):6:1: error: [template.missing-variable] a template must declare the variable 'write_scope' (every task states its job and write scope)
                \(file):11:10: error: [variable.undeclared] variable 'scope' is used but not declared in the front matter's 'variables'
                \(file):12:1: error: [partial.unknown] no partial named 'missing' (partials/missing.md); partials: evidence, scope
                checked 29 files: 5 errors, 0 warnings

                """)
    }

    @Test("warnings alone pass with exit 0; a relative PACK-DIR is shown resolved")
    func warningsOnly() throws {
        let pack = try TemporaryDirectory()
        try pack.write(
            "domains/cooking.md",
            "---\nname: cooking\ndescription: Food.\nvariables:\n  dish:\n    description: d\n---\nCook.\n")
        let output = try BuiltTools.run("ccprompt", ["validate", "."], in: pack.url)
        #expect(output.status == 0)
        #expect(
            output.stdout
                == "\(pack.path)/domains/cooking.md:5:3: warning: [variable.unused] variable 'dish' is declared but never used\n"
                + "checked 29 files: 0 errors, 1 warning\n")
    }

    @Test("a PACK-DIR that does not exist exits 2")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["validate", "/no/such/pack"], in: directory.url)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(
            output.stderr
                == "error: prompt pack directory '/no/such/pack' does not exist\n"
                + "help: pass an existing prompt pack directory (with templates/, roles/, domains/ folders)\n")
    }

    @Test("without PACK-DIR, the repository's .ccteam/prompt-pack is validated over the built-in pack")
    func repositoryPack() throws {
        let repository = try TemporaryDirectory()
        try repository.write(".git/HEAD", "ref: refs/heads/main\n")
        try repository.write(".ccteam/prompt-pack/roles/review.md", "---\nname: review\n---\nReviewer.\n")
        let output = try BuiltTools.run("ccprompt", ["validate"], in: repository.url)
        #expect(output.status == 1)
        #expect(
            output.stdout
                == "\(repository.path)/.ccteam/prompt-pack/roles/review.md:2:1: error: [front-matter.missing-key] "
                + "the front matter has no 'description'\nchecked 28 files: 1 error, 0 warnings\n")
    }
}
