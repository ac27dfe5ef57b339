import CCTestSupport
import Foundation
import Testing

@Suite("ccprompt render, end to end")
struct RenderEndToEndTests {
    static let templates = [
        "bugfix", "code-review", "feature", "frontend-polish", "refactor-plan", "release-check", "repo-audit",
        "security-audit", "test-generation",
    ]
    static let validTemplates =
        "valid templates: bugfix, code-review, feature, frontend-polish, refactor-plan, release-check, repo-audit, "
        + "security-audit, test-generation (see 'ccprompt list')"

    /// The variables a template declares, from `ccprompt list --json`.
    static func variables(of template: String, in directory: URL) throws -> [String] {
        let output = try BuiltTools.run("ccprompt", ["list", "--json"], in: directory)
        let listing = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let entries = listing?["templates"] as? [[String: Any]] ?? []
        let entry = entries.first { $0["name"] as? String == template }
        return (entry?["variables"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test("every template renders every variable it declares, exactly as its golden file", arguments: templates)
    func goldenFull(template: String) throws {
        let directory = try TemporaryDirectory()
        let names = try Self.variables(of: template, in: directory.url)
        #expect(names.starts(with: ["task", "write_scope"]))
        var arguments = ["render", "--template", template, "--task", "Example task for \(template): <b> & \"quotes\""]
        for name in names where name != "task" { arguments += ["--var", "\(name)=example \(name)"] }
        let output = try BuiltTools.run("ccprompt", arguments, in: directory.url)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(!output.stdout.contains("\n\n\n"))
        try Golden.check(output.stdout, named: "render-\(template).md")
    }

    @Test("every template renders with only its required variables, exactly as its golden file", arguments: templates)
    func goldenMinimal(template: String) throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run(
            "ccprompt", ["render", "--template", template, "--task", "Minimal task.", "--var", "write_scope=src/**"],
            in: directory.url)
        #expect(output.status == 0)
        #expect(!output.stdout.contains("\n\n\n"))
        try Golden.check(output.stdout, named: "render-\(template)-minimal.md")
    }

    @Test("a worker prompt: preamble, persona and task in one render")
    func goldenComposed() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run(
            "ccprompt",
            [
                "render", "--template", "bugfix", "--preamble", "--role", "implementation", "--task",
                "The parser crashes on an empty file.", "--var", "write_scope=Sources/Parser/**, Tests/ParserTests/**",
                "--var", "task_id=4", "--var", "agent_id=worker-2", "--var", "team=demo", "--var",
                "worktree=/repo/.ccteam/worktrees/demo/worker-2", "--var", "test_command=swift test",
            ], in: directory.url)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(!output.stdout.contains("\n\n\n"))
        try Golden.check(output.stdout, named: "render-bugfix-worker.md")
    }

    @Test("a bare first try renders with placeholders and one note naming every open variable")
    func firstTry() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["render", "--template", "bugfix"], in: directory.url)
        #expect(output.status == 0)
        #expect(
            output.stderr
                == "note: left open as placeholders: <task>, <write_scope>; pass --task TEXT --var write_scope=VALUE "
                + "(--strict refuses instead)\n")
        #expect(!output.stdout.contains("\n\n\n"))
        try Golden.check(output.stdout, named: "render-bugfix-open.md")
    }

    @Test("a task with the preamble and no write scope leaves only the scope open, in every part")
    func taskWithPreamble() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run(
            "ccprompt", ["render", "--template", "bugfix", "--task", "Crash on empty input", "--preamble"],
            in: directory.url)
        #expect(output.status == 0)
        #expect(
            output.stderr
                == "note: left open as placeholders: <write_scope>; pass --var write_scope=VALUE "
                + "(--strict refuses instead)\n")
        #expect(output.stdout.hasPrefix("# You are a worker\n"))
        #expect(output.stdout.contains("You may create, modify or delete only files matching: <write_scope>"))
        #expect(output.stdout.contains("\nCrash on empty input\n"))
        #expect(!output.stdout.contains("<task>"))
    }

    @Test("--strict with every required value renders exactly what the lenient render does, silently")
    func strictWhenComplete() throws {
        let directory = try TemporaryDirectory()
        let arguments = ["render", "--template", "feature", "--task", "Add --json.", "--var", "write_scope=src/**"]
        let lenient = try BuiltTools.run("ccprompt", arguments, in: directory.url)
        let strict = try BuiltTools.run("ccprompt", arguments + ["--strict"], in: directory.url)
        #expect(strict == lenient)
        #expect(strict.status == 0)
        #expect(strict.stderr == "")
    }

    @Test(
        "bad input exits 2 with one error naming it and how to fix it",
        arguments: [
            (
                ["--template", "nope"],
                "error: unknown template 'nope'\nhelp: \(validTemplates)\n"
            ),
            (
                ["--template", "bugfix", "--var", "write_scope=x", "--strict"],
                "error: template 'bugfix' needs variable 'task'\nhelp: pass --task TEXT\n"
            ),
            (
                ["--template", "bugfix", "--strict"],
                "error: template 'bugfix' needs variables 'task', 'write_scope'\n"
                    + "help: pass --task TEXT --var write_scope=VALUE\n"
            ),
            (
                ["--template", "bugfix", "--task", "t", "--var", "write_scope=x", "--var", "colour=red"],
                "error: unknown variable 'colour' for template 'bugfix'\n"
                    + "help: declared variables: task, write_scope, reproduction, test_command\n"
            ),
            (
                ["--template", "bugfix", "--task", "t", "--var", "write_scope=x", "--role", "chef"],
                "error: unknown role 'chef'\nhelp: valid roles: architecture, implementation, ops, requirements, review, "
                    + "security, team-lead, testing (see 'ccprompt list')\n"
            ),
            (
                ["--template", "bugfix", "--task", "t", "--var", "write_scope"],
                "error: --var 'write_scope' is not KEY=VALUE\n"
                    + "help: write each variable as --var KEY=VALUE, for example --var write_scope='Sources/**'\n"
            ),
            (
                ["--template", "bugfix", "--task", "t", "--var", "task=u", "--var", "write_scope=x"],
                "error: variable 'task' is given more than once\nhelp: give each variable once (--task sets the variable 'task')\n"
            ),
            (
                ["--template", "bugfix", "--tsak", "t"],
                "error: Unknown option '--tsak'. Did you mean '--task'?\nhelp: run 'ccprompt --help' for usage\n"
            ),
        ])
    func badInput(arguments: [String], stderr: String) throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["render"] + arguments, in: directory.url)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr == stderr)
    }

    @Test("-o writes the file with a render marker, replaces an earlier render, and refuses any other file")
    func outputFile() throws {
        let directory = try TemporaryDirectory()
        let arguments = ["render", "--template", "feature", "--task", "Add --json.", "--var", "write_scope=src/**"]
        let stdout = try BuiltTools.run("ccprompt", arguments, in: directory.url).stdout

        let first = try BuiltTools.run("ccprompt", arguments + ["-o", "prompt.md"], in: directory.url)
        #expect(first.status == 0)
        #expect(first.stdout == "")
        #expect(first.stderr == "wrote \(directory.path)/prompt.md\n")
        let marker = "<!-- ccprompt:render template=feature (this file is replaced by the next render) -->\n"
        #expect(try directory.read("prompt.md") == marker + stdout)

        let again = try BuiltTools.run("ccprompt", arguments + ["-o", "prompt.md"], in: directory.url)
        #expect(again.status == 0)

        try directory.write("empty.md", "")
        let empty = try BuiltTools.run("ccprompt", arguments + ["-o", "empty.md"], in: directory.url)
        #expect(empty.status == 0)
        #expect(try directory.read("empty.md") == marker + stdout)

        try directory.write("notes.md", "My notes.\n")
        let refused = try BuiltTools.run("ccprompt", arguments + ["-o", "notes.md"], in: directory.url)
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "error: refusing to overwrite '\(directory.path)/notes.md': it was not written by 'ccprompt render'\n"
                + "help: remove the file or choose another path with -o\n")
        #expect(try directory.read("notes.md") == "My notes.\n")
    }
}
