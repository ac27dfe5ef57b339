import CCCore
import CCPrompt
import Foundation
import Testing

@Suite("Rendering templates: strictly, or with placeholders for what is open")
struct RenderTests {
    let pack = PackFixture.pack([
        "templates/demo.md": PackFixture.template(
            variables: """
                  tool:
                    description: A tool.
                    default: swift test
                  extra:
                    description: Optional, no default.

                """,
            body: """

                Task: {{task}}
                Scope: {{write_scope}}
                Run {{tool}}.
                {{#extra}}Extra: {{extra}}{{/extra}}{{^extra}}No extra.{{/extra}}
                {{> evidence}}

                """)
    ])

    @Test("declared defaults fill in, optional values without default are absent, nothing is HTML-escaped")
    func defaultsAndPlainText() throws {
        let text = try pack.renderTemplate(
            name: "demo", variables: ["task": "fix <a> & \"b\"", "write_scope": "Sources/**"])
        #expect(text.hasPrefix("Task: fix <a> & \"b\"\nScope: Sources/**\nRun swift test.\nNo extra.\n## Final report"))
        #expect(text.hasSuffix("\n"))
        #expect(!text.hasSuffix("\n\n"))
    }

    @Test("a given value replaces the default and opens its section")
    func givenValues() throws {
        let text = try pack.renderTemplate(
            name: "demo", variables: ["task": "t", "write_scope": "s", "tool": "make", "extra": "yes"])
        #expect(text.hasPrefix("Task: t\nScope: s\nRun make.\nExtra: yes\n"))
    }

    @Test("an empty value counts as missing for a required variable")
    func emptyRequired() {
        #expect(throws: PromptError.missingVariables(template: "demo", names: ["task"])) {
            try pack.renderTemplate(name: "demo", variables: ["task": "", "write_scope": "s"])
        }
    }

    @Test("every missing required variable is named, in declaration order")
    func missingRequired() {
        #expect(throws: PromptError.missingVariables(template: "demo", names: ["task", "write_scope"])) {
            try pack.renderTemplate(name: "demo", variables: [:])
        }
    }

    @Test("with placeholders, every open required variable renders as <name> and is listed once")
    func placeholders() throws {
        let rendered = try pack.render(
            template: "demo", variables: ["task": ""], includePreamble: true, missingValues: .placeholder)
        #expect(rendered.openVariables == ["task", "write_scope"])
        #expect(rendered.text.contains("Task: <task>\nScope: <write_scope>\nRun swift test.\nNo extra.\n"))
        // The preamble's own `write_scope` section opens too: the placeholder is a value in every part.
        #expect(rendered.text.contains("You may create, modify or delete only files matching: <write_scope>"))
        #expect(
            rendered.note
                == "left open as placeholders: <task>, <write_scope>; pass --task TEXT --var write_scope=VALUE "
                + "(--strict refuses instead)")
    }

    @Test("with placeholders and every value given, nothing is open and there is no note")
    func placeholdersNotNeeded() throws {
        let values = ["task": "t", "write_scope": "s"]
        let rendered = try pack.render(template: "demo", variables: values, missingValues: .placeholder)
        #expect(rendered == RenderedPrompt(text: try pack.renderTemplate(name: "demo", variables: values)))
        #expect(rendered.note == nil)
    }

    @Test("placeholders never excuse an undeclared key or an unknown template")
    func placeholdersStillCheck() {
        #expect(
            throws: PromptError.unknownVariable(
                "colour", template: "demo", declared: ["task", "write_scope", "tool", "extra"])
        ) {
            try pack.render(template: "demo", variables: ["colour": "red"], missingValues: .placeholder)
        }
        #expect(throws: PromptError.self) {
            try pack.render(template: "nope", variables: [:], missingValues: .placeholder)
        }
    }

    @Test("a key the template does not declare is rejected with the declared names")
    func unknownKey() {
        #expect(
            throws: PromptError.unknownVariable(
                "colour", template: "demo", declared: ["task", "write_scope", "tool", "extra"])
        ) {
            try pack.renderTemplate(name: "demo", variables: ["task": "t", "write_scope": "s", "colour": "red"])
        }
    }

    @Test("preamble variables are accepted only when the preamble is included")
    func preambleVariables() throws {
        let values = ["task": "t", "write_scope": "Sources/**", "task_id": "7", "agent_id": "worker-2"]
        #expect(throws: PromptError.self) { try pack.renderTemplate(name: "demo", variables: values) }
        let text = try pack.renderTemplate(name: "demo", variables: values, includePreamble: true)
        #expect(text.hasPrefix("# You are a worker\n\nYou are **worker-2**, a WORKER agent."))
        #expect(text.contains("id **7**"))
        #expect(text.contains("`addComment` (`author: \"worker-2\"`)"))
    }

    @Test("the parts come in order: preamble, persona, task, separated by one blank line")
    func partOrder() throws {
        let text = try pack.renderTemplate(
            name: "demo", variables: ["task": "t", "write_scope": "s"], role: "review", includePreamble: true)
        let preamble = try #require(text.range(of: "# You are a worker"))
        let persona = try #require(text.range(of: "# Role: code reviewer"))
        let task = try #require(text.range(of: "Task: t"))
        #expect(preamble.lowerBound < persona.lowerBound && persona.lowerBound < task.lowerBound)
        #expect(text.contains("\n\n# Role: code reviewer\n"))
        #expect(!text.contains("\n\n\n"))
    }

    @Test("unknown templates and roles name the valid choices")
    func unknownNames() {
        #expect(throws: PromptError.self) {
            try pack.renderTemplate(name: "nope", variables: [:])
        }
        do {
            _ = try pack.renderTemplate(name: "demo", variables: ["task": "t", "write_scope": "s"], role: "chef")
            Issue.record("expected an unknown role error")
        } catch let error as PromptError {
            #expect(error.message == "unknown role 'chef'")
            #expect(
                error.help
                    == "valid roles: architecture, implementation, ops, requirements, review, security, team-lead, "
                    + "testing (see 'ccprompt list')")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a template whose body uses an undeclared variable is refused before rendering")
    func undeclaredVariable() {
        let broken = PackFixture.pack([
            "templates/demo.md": PackFixture.template(body: "{{task}} {{write_scope}} {{oops}}")
        ])
        #expect(
            throws: PromptError.invalidDocument(
                .template, "demo",
                LintFinding(
                    path: "/pack/templates/demo.md", line: 12, column: 26, rule: "variable.undeclared",
                    message: "variable 'oops' is used but not declared in the front matter's 'variables'"))
        ) {
            try broken.renderTemplate(name: "demo", variables: ["task": "t", "write_scope": "s"])
        }
    }

    @Test("the preamble renders on its own with defaults and the given values")
    func preambleAlone() throws {
        let text = try PromptPack.builtin.preamble(variables: ["task_id": "12", "write_scope": "docs/**"])
        #expect(text.contains("You are **worker**, a WORKER agent."))
        #expect(text.contains("You may create, modify or delete only files matching: docs/**"))
        #expect(text.contains("`taskId: \"12\"`"))
        #expect(throws: PromptError.self) { try PromptPack.builtin.preamble(variables: ["nope": "x"]) }
    }

    @Test("every built-in role has a persona starting with its heading", arguments: PromptPack.builtin.documents(.role))
    func personas(role: PromptDocument) throws {
        let text = try PromptPack.builtin.persona(role: role.name)
        #expect(text.hasPrefix("# Role: "))
        #expect(text.hasSuffix("\n"))
    }
}

@Suite("Reading --var and --task")
struct VariableArgumentsTests {
    @Test("KEY=VALUE pairs and --task become one map; values may hold '=' and be empty")
    func parse() throws {
        #expect(
            try VariableArguments.parse(["a=1", "b=x=y", "c="], task: "t") == [
                "a": "1", "b": "x=y", "c": "", "task": "t",
            ])
    }

    @Test(
        "malformed and repeated keys are refused",
        arguments: [
            (["novalue"], nil, PromptError.malformedVariableArgument("novalue")),
            (["=v"], nil, PromptError.malformedVariableArgument("=v")),
            (["a=1", "a=2"], nil, PromptError.duplicateVariable("a")),
            (["task=1"], "t", PromptError.duplicateVariable("task")),
        ] as [([String], String?, PromptError)])
    func refused(arguments: [String], task: String?, error: PromptError) {
        #expect(throws: error) { try VariableArguments.parse(arguments, task: task) }
    }
}
