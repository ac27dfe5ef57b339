import CCPrompt
import Testing

@Suite("Linting a pack: each rule with its exact finding")
struct LintTests {
    let path = "/pack/templates/demo.md"

    @Test("a clean template has no findings")
    func clean() {
        #expect(PackFixture.findings(["templates/demo.md": PackFixture.template()]) == [])
    }

    @Test(
        "front matter problems",
        arguments: [
            (
                "no front matter\n",
                "1:1: error: [front-matter.missing] the file must start with a '---' line opening YAML front matter"
            ),
            (
                "---\nname: demo\n",
                "1:1: error: [front-matter.unterminated] the front matter opened on line 1 has no closing '---' line"
            ),
            (
                "---\n- a\n- b\n---\nbody\n",
                "2:1: error: [front-matter.not-a-mapping] the front matter must be a YAML mapping of keys to values"
            ),
            (
                "---\nname: [unclosed\n---\nbody\n",
                "3:1: error: [front-matter.invalid-yaml] the front matter is not valid YAML: did not find expected ',' or ']'"
            ),
        ])
    func frontMatter(text: String, expected: String) {
        #expect(PackFixture.findings(["templates/demo.md": text]).first == "\(path):\(expected)")
    }

    @Test("an unknown key, a wrong model tier and a missing description")
    func keys() {
        let text = "---\nname: demo\nmodle: opus\nmodel: gpt-4\n---\nbody\n"
        #expect(
            PackFixture.findings(["roles/demo.md": text]) == [
                "/pack/roles/demo.md:2:1: error: [front-matter.missing-key] the front matter has no 'description'",
                "/pack/roles/demo.md:3:1: error: [front-matter.unknown-key] unknown key 'modle' for a role; allowed: name, description, variables, model",
                "/pack/roles/demo.md:4:8: error: [front-matter.unknown-model] model 'gpt-4' is not a model tier; use one of: haiku, sonnet, opus",
            ])
    }

    @Test("variables used but not declared, declared but unused, and badly declared")
    func variables() {
        let text = PackFixture.template(
            variables: """
                  spare:
                    description: Never used.
                  Bad-Name:
                    description: x
                  flag:
                    description: x
                    required: maybe
                    colour: red

                """,
            body: "{{task}} {{write_scope}} {{flag}}\n{{#missing.part}}x{{/missing.part}}")
        #expect(
            PackFixture.findings(["templates/demo.md": text]) == [
                "\(path):11:3: warning: [variable.unused] variable 'spare' is declared but never used",
                "\(path):13:3: error: [variable.invalid-name] variable name 'Bad-Name' must be lower-case letters, digits and '_', starting with a letter",
                "\(path):17:5: error: [front-matter.invalid-value] 'required' of variable 'flag' must be true or false",
                "\(path):18:5: error: [front-matter.unknown-key] unknown key 'colour' in variable 'flag'; allowed: description, required, default",
                "\(path):21:1: error: [variable.undeclared] variable 'missing' is used but not declared in the front matter's 'variables'",
            ])
    }

    @Test("a template must declare task and write_scope and name a known role")
    func templateRules() {
        let text =
            "---\nname: demo\ndescription: d\nrole: chef\nvariables:\n  task:\n    description: t\n---\n{{task}}\n"
        #expect(
            PackFixture.findings(["templates/demo.md": text]) == [
                "\(path):4:1: error: [template.unknown-role] role 'chef' is not in the pack; roles: architecture, implementation, ops, requirements, review, security, team-lead, testing",
                "\(path):5:1: error: [template.missing-variable] a template must declare the variable 'write_scope' (every task states its job and write scope)",
            ])
    }

    @Test("partials: unknown, recursive, and variables a partial uses that the includer does not declare")
    func partials() {
        let files = [
            "templates/demo.md": PackFixture.template(
                body: "{{task}} {{write_scope}}\n{{> nope}}\n{{> loop}}\n{{> needs}}"),
            "partials/loop.md": "---\nname: loop\ndescription: d\n---\n{{> loop}}\n",
            "partials/needs.md": "---\nname: needs\ndescription: d\n---\nRun {{test_command}}.\n",
        ]
        #expect(
            PackFixture.findings(files) == [
                "/pack/partials/loop.md:5:1: error: [partial.recursive] partial 'loop' includes itself: loop -> loop",
                "\(path):13:1: error: [partial.unknown] no partial named 'nope' (partials/nope.md); partials: evidence, loop, needs, scope",
                "\(path):14:1: error: [partial.recursive] partial 'loop' includes itself: loop -> loop",
                "\(path):15:1: error: [variable.undeclared] partial 'needs' uses variable 'test_command', which template 'demo' does not declare",
            ])
    }

    @Test("duplicate names, names that differ from the file, and files the pack does not use")
    func names() {
        let files = [
            "templates/demo.md": PackFixture.template(),
            "templates/other.md": PackFixture.template(),
            "notes.txt": "scratch",
        ]
        #expect(
            PackFixture.findings(files) == [
                "/pack/notes.txt:1:1: warning: [pack.unknown-file] 'notes.txt' is not part of a pack; documents go in templates/, roles/, domains/, partials/ as NAME.md, or preamble.md",
                "/pack/templates/other.md:2:1: error: [name.duplicate] another template is already named 'demo' (/pack/templates/demo.md); rename one of them",
                "/pack/templates/other.md:2:1: warning: [name.mismatch] name 'demo' differs from the file name 'other.md'; overrides replace files by path, so keep them equal",
            ])
    }

    @Test("Mustache syntax errors and unsupported features")
    func mustache() {
        #expect(
            PackFixture.findings(["templates/demo.md": PackFixture.template(body: "{{task}} {{write_scope}} {{#open}}")]
            )
                == [
                    "\(path):12:26: error: [mustache.syntax] section 'open' is never closed; add '{{/open}}'",
                    "\(path):12:26: error: [variable.undeclared] variable 'open' is used but not declared in the front matter's 'variables'",
                ])
        #expect(
            PackFixture.findings(["templates/demo.md": PackFixture.template(body: "{{#task}}{{write_scope}}{{/scope}}")]
            )
                == [
                    "\(path):12:25: error: [mustache.syntax] '{{/scope}}' closes the section 'task' opened on line 12; close it with '{{/task}}'"
                ])
        #expect(
            PackFixture.findings(["templates/demo.md": PackFixture.template(body: "{{task}} {{write_scope}} {{oops")])
                == ["\(path):12:26: error: [mustache.syntax] this tag is never closed"])
        #expect(
            PackFixture.findings([
                "templates/demo.md": PackFixture.template(body: "{{task}} {{write_scope}}\n{{<base}}{{/base}}")
            ])
            .contains(
                "\(path):13:1: error: [mustache.unsupported] template inheritance ({{< }} and {{$ }}) is not supported in a prompt pack; use a partial"
            ))
    }

    @Test("set-delimiter tags are followed, so variables behind other delimiters are still checked")
    func setDelimiter() {
        let body = "{{=<% %>=}}<% task %> <% write_scope %> <% nope %> {{literal}}"
        #expect(
            PackFixture.findings(["templates/demo.md": PackFixture.template(body: body)]) == [
                "\(path):12:41: error: [variable.undeclared] variable 'nope' is used but not declared in the front matter's 'variables'"
            ])
    }

    @Test("a lone '---' line is an unterminated front matter")
    func loneFence() {
        #expect(
            PackFixture.findings(["templates/demo.md": "---"]) == [
                "\(path):1:1: error: [front-matter.unterminated] the front matter opened on line 1 has no closing '---' line"
            ])
    }

    @Test("roles and domains cannot require variables, and a variable cannot be both required and defaulted")
    func guideVariables() {
        let role =
            "---\nname: demo\ndescription: d\nvariables:\n  who:\n    description: w\n    required: true\n---\n{{who}}\n"
        #expect(
            PackFixture.findings(["roles/demo.md": role]) == [
                "/pack/roles/demo.md:5:3: error: [variable.required-in-guide] a role is rendered with defaults only, so variable 'who' cannot be required; give it a default instead"
            ])
        let both = PackFixture.template(
            variables: "  mode:\n    description: m\n    required: true\n    default: x\n",
            body: "{{task}}{{write_scope}}{{mode}}")
        #expect(
            PackFixture.findings(["templates/demo.md": both]) == [
                "\(path):11:3: error: [variable.required-with-default] variable 'mode' is required and has a default; drop one of them"
            ])
    }
}
