public import Foundation

/// A fresh directory under the system temporary folder, removed when the value is discarded.
public final class TemporaryDirectory: @unchecked Sendable {
    // Sendable: the path is immutable after init; removal happens once, in deinit.
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "ccteam-test") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown)
        }
        url = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath()
    }

    /// Writes `text` to a file at `relative` inside the directory, creating folders on the way.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Reads a file inside the directory as UTF-8 text.
    public func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
