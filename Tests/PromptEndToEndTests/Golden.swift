import Foundation
import Testing

/// Committed expected outputs under `Golden/`; `CCTEAM_RECORD_GOLDEN=1` rewrites them from the
/// current output instead of comparing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["CCTEAM_RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "no golden file \(file.path); record it with CCTEAM_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(
            actual == expected,
            "output differs from \(name); if the change is intended, re-record with CCTEAM_RECORD_GOLDEN=1",
            sourceLocation: sourceLocation)
    }
}
