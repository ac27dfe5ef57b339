import CCTestSupport
import Foundation
import Testing

@Suite("ccprompt persona, end to end")
struct PersonaEndToEndTests {
    @Test("creates CLAUDE.md, then a second identical run changes no byte and says so")
    func createThenIdempotent() throws {
        let directory = try TemporaryDirectory()
        let first = try BuiltTools.run("ccprompt", ["persona", "--role", "review"], in: directory.url)
        #expect(first.status == 0)
        #expect(first.stdout == "created \(directory.path)/CLAUDE.md with the review persona\n")
        #expect(first.stderr == "")
        let written = try directory.read("CLAUDE.md")
        #expect(
            written.hasPrefix(
                "<!-- ccteam:persona:begin role=review (written by 'ccprompt persona'; edits inside are replaced) -->\n"
                    + "# Role: code reviewer\n"))
        #expect(written.hasSuffix("\n<!-- ccteam:persona:end -->\n"))

        let second = try BuiltTools.run("ccprompt", ["persona", "--role", "review"], in: directory.url)
        #expect(second.status == 0)
        #expect(second.stdout == "\(directory.path)/CLAUDE.md already has the review persona; nothing changed\n")
        #expect(try directory.read("CLAUDE.md") == written)
    }

    @Test("switching role rewrites only the section and keeps CRLF, unicode and a missing final newline")
    func switchRole() throws {
        let directory = try TemporaryDirectory()
        _ = try BuiltTools.run("ccprompt", ["persona", "--role", "review"], in: directory.url)
        let section = try directory.read("CLAUDE.md")
        let user = "Projekt-Regeln ✓\r\nNo trailing newline here"
        try Data(("# Mine\r\n\r\n" + section + user).utf8).write(to: directory.url.appendingPathComponent("CLAUDE.md"))

        let output = try BuiltTools.run("ccprompt", ["persona", "--role", "testing", "--cwd", directory.path])
        #expect(output.status == 0)
        #expect(output.stdout == "updated the testing persona in \(directory.path)/CLAUDE.md\n")
        let after = try directory.read("CLAUDE.md")
        #expect(after.hasPrefix("# Mine\r\n\r\n<!-- ccteam:persona:begin role=testing "))
        #expect(after.hasSuffix("<!-- ccteam:persona:end -->\n" + user))
        #expect(after.contains("# Role: test engineer"))
        #expect(!after.contains("# Role: code reviewer"))
    }

    @Test("an existing CLAUDE.md without a section is refused unless --append or --force is given")
    func unmanaged() throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", "Mine.\n")
        let refused = try BuiltTools.run("ccprompt", ["persona", "--role", "ops"], in: directory.url)
        #expect(refused.status == 2)
        #expect(refused.stdout == "")
        #expect(
            refused.stderr
                == "error: '\(directory.path)/CLAUDE.md' exists and has no ccteam persona section\n"
                + "help: pass --append to add the persona section at the end, or --force to back the file up and "
                + "replace it\n")
        #expect(try directory.read("CLAUDE.md") == "Mine.\n")

        let both = try BuiltTools.run(
            "ccprompt", ["persona", "--role", "ops", "--append", "--force"], in: directory.url)
        #expect(both.status == 2)
        #expect(
            both.stderr
                == "error: --append and --force cannot be used together\n"
                + "help: use --append to keep the existing text, or --force to back it up and replace it\n")

        let dryRun = try BuiltTools.run(
            "ccprompt", ["persona", "--role", "ops", "--append", "--dry-run"], in: directory.url)
        #expect(dryRun.status == 0)
        #expect(
            dryRun.stdout.hasPrefix(
                "would append the ops persona to \(directory.path)/CLAUDE.md\n<!-- ccteam:persona:begin role=ops "))
        #expect(try directory.read("CLAUDE.md") == "Mine.\n")

        let appended = try BuiltTools.run("ccprompt", ["persona", "--role", "ops", "--append"], in: directory.url)
        #expect(appended.stdout == "appended the ops persona to \(directory.path)/CLAUDE.md\n")
        let text = try directory.read("CLAUDE.md")
        #expect(text.hasPrefix("Mine.\n\n<!-- ccteam:persona:begin role=ops "))
        #expect(text.hasSuffix("<!-- ccteam:persona:end -->\n"))
    }

    @Test("--dry-run prints the section it would create and writes nothing")
    func dryRunCreate() throws {
        let directory = try TemporaryDirectory()
        let output = try BuiltTools.run("ccprompt", ["persona", "--role", "team-lead", "--dry-run"], in: directory.url)
        #expect(output.status == 0)
        #expect(
            output.stdout.hasPrefix(
                "would create \(directory.path)/CLAUDE.md with the team-lead persona\n"
                    + "<!-- ccteam:persona:begin role=team-lead "))
        #expect(output.stdout.hasSuffix("\n<!-- ccteam:persona:end -->\n"))
        #expect(output.stdout.contains("mcp__ccteam__TaskCreate"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test("--force backs the file up with a UTC timestamp, then replaces it")
    func force() throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", "Old rules.\n")
        let output = try BuiltTools.run("ccprompt", ["persona", "--role", "security", "--force"], in: directory.url)
        #expect(output.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count == 2)
        let backup = try #require(names.last)
        #expect(backup.wholeMatch(of: /CLAUDE\.md\.bak-\d{8}T\d{6}Z/) != nil)
        #expect(
            output.stdout
                == "backed up \(directory.path)/CLAUDE.md to \(backup) and replaced it with the security persona\n")
        #expect(try directory.read(backup) == "Old rules.\n")
        #expect(try directory.read("CLAUDE.md").hasPrefix("<!-- ccteam:persona:begin role=security "))
    }

    @Test("an unknown role exits 2 naming the valid roles; a missing --cwd folder exits 2")
    func badInput() throws {
        let directory = try TemporaryDirectory()
        let role = try BuiltTools.run("ccprompt", ["persona", "--role", "chef"], in: directory.url)
        #expect(role.status == 2)
        #expect(
            role.stderr
                == "error: unknown role 'chef'\nhelp: valid roles: architecture, implementation, ops, requirements, "
                + "review, security, team-lead, testing (see 'ccprompt list')\n")
        let cwd = try BuiltTools.run(
            "ccprompt", ["persona", "--role", "ops", "--cwd", "/no/such/dir"], in: directory.url)
        #expect(cwd.status == 2)
        #expect(cwd.stderr == "error: folder '/no/such/dir' does not exist\nhelp: pass an existing folder with --cwd\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }
}
