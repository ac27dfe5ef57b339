import CCCore
import Foundation

/// One line per request in a file, for debugging tests: what came in and what was answered.
final class RequestLog: Sendable {
    private let handle: Locked<FileHandle>

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ModelServerError.badArguments("cannot write the request log '\(path)'")
        }
        handle.seekToEndOfFile()
        self.handle = Locked(handle)
    }

    func record(_ fields: [(String, String)]) {
        let line =
            ([("at", Timestamp.format(Date()))] + fields).map {
                "\($0.0)=\($0.1.replacingOccurrences(of: " ", with: "_"))"
            }
            .joined(separator: " ") + "\n"
        handle.withLock { $0.write(Data(line.utf8)) }
    }
}
