import CCPrompt
import CCTestSupport
import Foundation
import Testing

@Suite("Writing the persona section into CLAUDE.md")
struct PersonaFileTests {
    let begin = "<!-- ccteam:persona:begin role=review (written by 'ccprompt persona'; edits inside are replaced) -->"
    let end = "<!-- ccteam:persona:end -->"
    let noon = Date(timeIntervalSince1970: 1_795_176_000)  // 2026-11-20T12:00:00Z

    func write(_ persona: String, role: String = "review", in directory: TemporaryDirectory, mode: PersonaFile.Mode)
        throws -> PersonaFile.Plan
    {
        let plan = try PersonaFile.plan(persona: persona, role: role, directory: directory.url, mode: mode, now: noon)
        try PersonaFile.apply(plan)
        return plan
    }

    func bytes(_ directory: TemporaryDirectory, _ name: String = "CLAUDE.md") throws -> Data {
        try Data(contentsOf: directory.url.appendingPathComponent(name))
    }

    @Test("a missing CLAUDE.md is created holding only the section")
    func create() throws {
        let directory = try TemporaryDirectory()
        let plan = try write("Be careful.\n", in: directory, mode: .refuse)
        #expect(plan.action == .create)
        #expect(try directory.read("CLAUDE.md") == "\(begin)\nBe careful.\n\(end)\n")
    }

    @Test("a second identical run changes no byte and says so")
    func idempotent() throws {
        let directory = try TemporaryDirectory()
        _ = try write("Be careful.", in: directory, mode: .refuse)
        let before = try bytes(directory)
        let modified = try FileManager.default.attributesOfItem(atPath: directory.path + "/CLAUDE.md")[
            .modificationDate]
        let plan = try write("Be careful.", in: directory, mode: .refuse)
        #expect(plan.action == .unchanged)
        #expect(
            plan.summary(dryRun: false) == "\(directory.path)/CLAUDE.md already has the review persona; nothing changed"
        )
        #expect(try bytes(directory) == before)
        #expect(
            try FileManager.default.attributesOfItem(atPath: directory.path + "/CLAUDE.md")[.modificationDate]
                as? Date == modified as? Date)
    }

    @Test(
        "re-running updates only the section and keeps the user's text byte for byte",
        arguments: [
            ("CRLF line endings", "# Mine\r\nKeep me.\r\n\r\n", "\r\n\r\nAfter, no trailing newline"),
            ("no trailing newline", "Intro 🚀 ünïcödé\n\n", "\ntail without newline"),
            ("section first", "", "\n\nUser notes — after the section.\n"),
        ])
    func updatePreservesUserText(label: String, prefix: String, suffix: String) throws {
        let directory = try TemporaryDirectory()
        let newline = prefix.contains("\r\n") ? "\r\n" : "\n"
        let old = [begin.replacingOccurrences(of: "review", with: "testing"), "old text", end].joined(
            separator: newline)
        try Data((prefix + old + suffix).utf8).write(to: directory.url.appendingPathComponent("CLAUDE.md"))
        let plan = try write("New line one\nline two\n", in: directory, mode: .refuse)
        #expect(plan.action == .update, "\(label)")
        let expected = prefix + [begin, "New line one", "line two", end].joined(separator: newline) + suffix
        #expect(try bytes(directory) == Data(expected.utf8), "\(label)")
    }

    @Test("an update keeps the file's permissions and writes through a symlink to its target")
    func permissionsAndSymlink() throws {
        let directory = try TemporaryDirectory()
        try directory.write("shared/RULES.md", "Mine\n\(begin)\nold\n\(end)\n")
        let target = directory.url.appendingPathComponent("shared/RULES.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/CLAUDE.md", withDestinationPath: "shared/RULES.md")
        let plan = try write("new", in: directory, mode: .refuse)
        #expect(plan.action == .update)
        #expect(try directory.read("shared/RULES.md") == "Mine\n\(begin)\nnew\n\(end)\n")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/CLAUDE.md")
        #expect(link == "shared/RULES.md")
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("an existing file without a section is refused, naming both options")
    func refuseUnmanaged() throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", "My own rules.\n")
        #expect(throws: PromptError.unmanagedClaudeFile(directory.path + "/CLAUDE.md")) {
            try write("x", in: directory, mode: .refuse)
        }
        #expect(try directory.read("CLAUDE.md") == "My own rules.\n")
        #expect(PromptError.unmanagedClaudeFile("f").help?.contains("--append") == true)
        #expect(PromptError.unmanagedClaudeFile("f").help?.contains("--force") == true)
    }

    @Test("append adds the section after the user's text, in the file's line endings")
    func append() throws {
        let directory = try TemporaryDirectory()
        try Data("Rules\r\nno newline at end".utf8).write(to: directory.url.appendingPathComponent("CLAUDE.md"))
        let plan = try write("Persona", in: directory, mode: .append)
        #expect(plan.action == .append)
        let expected = "Rules\r\nno newline at end\r\n\r\n\(begin)\r\nPersona\r\n\(end)\r\n"
        #expect(try bytes(directory) == Data(expected.utf8))
        let again = try write("Persona", in: directory, mode: .append)
        #expect(again.action == .unchanged)
    }

    @Test("force backs the file up with a UTC timestamp, then replaces it")
    func force() throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", "Precious\n")
        let plan = try write("Persona", in: directory, mode: .force)
        #expect(plan.action == .replace(backup: directory.url.appendingPathComponent("CLAUDE.md.bak-20261120T120000Z")))
        #expect(try directory.read("CLAUDE.md.bak-20261120T120000Z") == "Precious\n")
        #expect(try directory.read("CLAUDE.md") == "\(begin)\nPersona\n\(end)\n")
        // A second forced backup in the same second gets its own name.
        try directory.write("CLAUDE.md", "Second\n")
        let second = try write("Persona", in: directory, mode: .force)
        #expect(
            second.action == .replace(backup: directory.url.appendingPathComponent("CLAUDE.md.bak-20261120T120000Z-2")))
        #expect(try directory.read("CLAUDE.md.bak-20261120T120000Z") == "Precious\n")
    }

    @Test("a file that already has a section is updated in place whatever the mode")
    func managedIgnoresMode() throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", "Mine\n\(begin)\nold\n\(end)\n")
        let plan = try write("new", in: directory, mode: .force)
        #expect(plan.action == .update)
        #expect(try directory.read("CLAUDE.md") == "Mine\n\(begin)\nnew\n\(end)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["CLAUDE.md"])
    }

    @Test(
        "broken markers are refused with the line at fault",
        arguments: [
            ("a\n<!-- ccteam:persona:begin role=x -->\nno end\n", 2, "never closed"),
            ("a\nb\n<!-- ccteam:persona:end -->\n", 3, "without a begin marker"),
            (
                "<!-- ccteam:persona:begin role=x -->\n<!-- ccteam:persona:end -->\n"
                    + "<!-- ccteam:persona:begin role=y -->\n<!-- ccteam:persona:end -->\n", 3, "second"
            ),
        ])
    func malformed(text: String, line: Int, words: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("CLAUDE.md", text)
        do {
            _ = try write("x", in: directory, mode: .append)
            Issue.record("expected a malformed-section error")
        } catch let PromptError.malformedManagedSection(path, errorLine, problem) {
            #expect(path == directory.path + "/CLAUDE.md")
            #expect(errorLine == line)
            #expect(problem.contains(words))
        }
        #expect(try directory.read("CLAUDE.md") == text)
    }
}
