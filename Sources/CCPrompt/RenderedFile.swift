public import Foundation

/// Writes a rendered prompt to a file for `ccprompt render -o FILE`.
///
/// The file starts with a marker line, so a later render may replace it; any other non-empty
/// existing file is refused rather than clobbered (the user's notes are not ours to overwrite).
public enum RenderedFile {
    static let markerPrefix = "<!-- ccprompt:render "

    /// The marker line for a render of `template`.
    static func marker(template: String) -> String {
        "\(markerPrefix)template=\(template) (this file is replaced by the next render) -->"
    }

    /// Writes `text` to `file` atomically after the marker line; throws when `file` exists and
    /// was not written by a render.
    public static func write(_ text: String, template: String, to file: URL) throws {
        if let existing = FileManager.default.contents(atPath: file.path),
            !existing.isEmpty, !existing.starts(with: Data(markerPrefix.utf8))
        {
            throw PromptError.outputNotARender(file.path)
        }
        do {
            try Data((marker(template: template) + "\n" + text).utf8).write(to: file, options: .atomic)
        } catch {
            throw PromptError.writeFailed(path: file.path, reason: error.localizedDescription)
        }
    }
}
