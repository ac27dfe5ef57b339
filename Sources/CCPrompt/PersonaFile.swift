public import Foundation

/// Writes a role persona into a checkout's `CLAUDE.md` inside a managed section, leaving every byte
/// of the user's own text as it was.
///
/// The section is delimited by `<!-- ccteam:persona:begin role=NAME ... -->` and
/// `<!-- ccteam:persona:end -->` lines. Re-running replaces only what lies between the markers. A
/// file without a section is never replaced silently: the caller must choose ``Mode/append`` or
/// ``Mode/force`` (which backs the file up first).
public enum PersonaFile {
    /// The file name Claude Code reads project instructions from.
    public static let fileName = "CLAUDE.md"
    static let beginPrefix = Array("<!-- ccteam:persona:begin".utf8)
    static let endMarker = Array("<!-- ccteam:persona:end -->".utf8)

    /// What to do with a CLAUDE.md that exists but has no managed section.
    public enum Mode: Sendable, Equatable {
        /// Refuse (the default): the user's file is not ours to change.
        case refuse
        /// Add the section at the end, after the user's text.
        case append
        /// Back the file up (`CLAUDE.md.bak-<UTC timestamp>`), then replace it with the section.
        case force
    }

    /// What a persona write does, decided before anything is written.
    public struct Plan: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case create, update, unchanged, append
            /// Replace the file after copying it to `backup`.
            case replace(backup: URL)
        }

        public var file: URL
        public var action: Action
        public var role: String
        /// The whole file as it will be after the write.
        public var content: Data
        /// The managed section alone, as written (for `--dry-run`).
        public var section: String

        /// One line saying what the write does (or did), for the command to print.
        public func summary(dryRun: Bool) -> String {
            let path = file.path
            switch (action, dryRun) {
            case (.create, false): return "created \(path) with the \(role) persona"
            case (.create, true): return "would create \(path) with the \(role) persona"
            case (.update, false): return "updated the \(role) persona in \(path)"
            case (.update, true): return "would update the persona section in \(path) to the \(role) persona"
            case (.unchanged, _): return "\(path) already has the \(role) persona; nothing changed"
            case (.append, false): return "appended the \(role) persona to \(path)"
            case (.append, true): return "would append the \(role) persona to \(path)"
            case (.replace(let backup), false):
                return "backed up \(path) to \(backup.lastPathComponent) and replaced it with the \(role) persona"
            case (.replace(let backup), true):
                return "would back up \(path) to \(backup.lastPathComponent) and replace it with the \(role) persona"
            }
        }
    }

    /// Decides what writing `persona` for `role` into `directory/CLAUDE.md` does; writes nothing.
    public static func plan(
        persona: String, role: String, directory: URL, mode: Mode, now: Date = Date()
    ) throws -> Plan {
        // Write through a symlinked CLAUDE.md to its target rather than replacing the link.
        let file = directory.appendingPathComponent(fileName).resolvingSymlinksInPath()
        guard let existing = FileManager.default.contents(atPath: file.path) else {
            let section = self.section(persona: persona, role: role, newline: "\n")
            return Plan(file: file, action: .create, role: role, content: Data((section + "\n").utf8), section: section)
        }
        let bytes = Array(existing)
        let newline = dominantNewline(bytes)
        let section = self.section(persona: persona, role: role, newline: newline)
        if let range = try managedRange(in: bytes, path: file.path) {
            var updated = Array(bytes[..<range.lowerBound])
            updated += Array(section.utf8)
            updated += Array(bytes[range.upperBound...])
            let action: Plan.Action = updated == bytes ? .unchanged : .update
            return Plan(file: file, action: action, role: role, content: Data(updated), section: section)
        }
        switch mode {
        case .refuse:
            throw PromptError.unmanagedClaudeFile(file.path)
        case .append:
            var updated = bytes
            if !updated.isEmpty {
                if !(updated.last == UInt8(ascii: "\n")) { updated += Array(newline.utf8) }
                updated += Array(newline.utf8)
            }
            updated += Array((section + newline).utf8)
            return Plan(file: file, action: .append, role: role, content: Data(updated), section: section)
        case .force:
            let replacement = self.section(persona: persona, role: role, newline: "\n")
            return Plan(
                file: file, action: .replace(backup: backupURL(for: file, now: now)), role: role,
                content: Data((replacement + "\n").utf8), section: replacement)
        }
    }

    /// Carries out a plan: the backup first (for `.replace`), then an atomic write; `.unchanged`
    /// writes nothing.
    public static func apply(_ plan: Plan) throws {
        do {
            switch plan.action {
            case .unchanged:
                return
            case .replace(let backup):
                try FileManager.default.copyItem(at: plan.file, to: backup)
            default:
                break
            }
            // The atomic write makes a new file: carry the old file's permissions over to it.
            let permissions = try? FileManager.default.attributesOfItem(atPath: plan.file.path)[.posixPermissions]
            try plan.content.write(to: plan.file, options: .atomic)
            if let permissions {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: plan.file.path)
            }
        } catch {
            throw PromptError.writeFailed(path: plan.file.path, reason: error.localizedDescription)
        }
    }

    /// The managed section, without a line ending after the end marker.
    static func section(persona: String, role: String, newline: String) -> String {
        var body = persona
        while body.hasSuffix("\n") { body.removeLast() }
        let lines = [
            "<!-- ccteam:persona:begin role=\(role) (written by 'ccprompt persona'; edits inside are replaced) -->",
            body,
            "<!-- ccteam:persona:end -->",
        ]
        let text = lines.joined(separator: "\n")
        return newline == "\n" ? text : text.replacingOccurrences(of: "\n", with: newline)
    }

    /// The byte range from the begin marker's first byte to the end marker's last byte, or `nil`
    /// when the file has no section; a broken or repeated section throws.
    static func managedRange(in bytes: [UInt8], path: String) throws -> Range<Int>? {
        let begins = lineStarts(of: beginPrefix, in: bytes)
        let ends = lineStarts(of: endMarker, in: bytes)
        guard let begin = begins.first else {
            if let end = ends.first {
                throw PromptError.malformedManagedSection(
                    path: path, line: lineNumber(of: end, in: bytes),
                    problem: "found a ccteam persona end marker without a begin marker")
            }
            return nil
        }
        if begins.count > 1 {
            throw PromptError.malformedManagedSection(
                path: path, line: lineNumber(of: begins[1], in: bytes),
                problem: "found a second ccteam persona section; keep one")
        }
        guard let end = ends.first(where: { $0 > begin }) else {
            throw PromptError.malformedManagedSection(
                path: path, line: lineNumber(of: begin, in: bytes),
                problem: "the ccteam persona section is never closed by <!-- ccteam:persona:end -->")
        }
        return begin..<(end + endMarker.count)
    }

    /// Offsets where `pattern` starts a line.
    private static func lineStarts(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard bytes.count >= pattern.count else { return [] }
        var starts: [Int] = []
        var lineStart = 0
        while lineStart + pattern.count <= bytes.count {
            if Array(bytes[lineStart..<lineStart + pattern.count]) == pattern { starts.append(lineStart) }
            guard let next = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            lineStart = next + 1
        }
        return starts
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].filter { $0 == UInt8(ascii: "\n") }.count + 1
    }

    /// `"\r\n"` when most of the file's lines end that way, so the section matches the file.
    static func dominantNewline(_ bytes: [UInt8]) -> String {
        var crlf = 0, lf = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if index > 0, bytes[index - 1] == UInt8(ascii: "\r") { crlf += 1 } else { lf += 1 }
        }
        return crlf > lf ? "\r\n" : "\n"
    }

    /// `CLAUDE.md.bak-20261121T081500Z`, with `-2`, `-3`... when that name is taken.
    static func backupURL(for file: URL, now: Date) -> URL {
        let stamp = now.formatted(
            Date.ISO8601FormatStyle(dateSeparator: .omitted, timeSeparator: .omitted, timeZone: .gmt))
        let base = file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).bak-\(stamp)")
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = URL(fileURLWithPath: base.path + "-\(counter)")
            counter += 1
        }
        return candidate
    }
}
