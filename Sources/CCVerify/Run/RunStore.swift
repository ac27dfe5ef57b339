public import CCCore
public import Foundation

/// Reads and writes the contract's run records: `.ccteam/runs/<run-id>/meta.json` and `verify.json`.
public struct RunStore: Sendable {
    /// The checkout whose `.ccteam/` holds the runs (the main checkout, not a worker's worktree).
    public var root: URL

    public init(root: URL) {
        self.root = root
    }

    /// `.ccteam/runs/<run-id>/`.
    public func directory(for runID: String) -> URL {
        root.appendingPathComponent(".ccteam/runs").appendingPathComponent(runID)
    }

    /// Loads a run's `meta.json`.
    public func loadRun(_ runID: String) throws(RunStoreError) -> RunRecord {
        try Self.checkID(runID)
        let file = directory(for: runID).appendingPathComponent("meta.json")
        guard let data = try? Data(contentsOf: file) else {
            throw RunStoreError(
                "no run '\(runID)': \(Self.display(file, root: root)) does not exist",
                help: "list runs under .ccteam/runs/, or record one with 'ccverify begin'")
        }
        do {
            return try JSONCoding.decoder().decode(RunRecord.self, from: data)
        } catch {
            throw RunStoreError(
                "\(Self.display(file, root: root)) is not a valid run record: \(Self.describe(error))",
                help: "fix or remove the file; run records are written by ccteam and 'ccverify begin'")
        }
    }

    /// Writes a run's `meta.json` atomically.
    public func saveRun(_ record: RunRecord) throws(RunStoreError) {
        try Self.checkID(record.runId)
        try write(record, to: directory(for: record.runId).appendingPathComponent("meta.json"))
    }

    /// The last verification of a run, if it was verified.
    public func loadReport(_ runID: String) throws(RunStoreError) -> VerifyReport? {
        try Self.checkID(runID)
        let file = directory(for: runID).appendingPathComponent("verify.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        do {
            return try JSONCoding.decoder().decode(VerifyReport.self, from: data)
        } catch {
            throw RunStoreError(
                "\(Self.display(file, root: root)) is not a valid verification report: \(Self.describe(error))",
                help: "run 'ccverify run --run-id \(runID)' again to rewrite it")
        }
    }

    /// Writes a run's `verify.json` atomically.
    public func saveReport(_ report: VerifyReport, for runID: String) throws(RunStoreError) {
        try Self.checkID(runID)
        try write(report, to: directory(for: runID).appendingPathComponent("verify.json"))
    }

    /// A fresh run id for a run recorded by hand: `manual-<UTC time>-<random>`.
    public static func newManualRunID(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02d-%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "manual-\(stamp)-\(String(repeating: "0", count: 4 - suffix.count) + suffix)"
    }

    /// Run ids name folders: letters, digits, `.`, `_` and `-` only, and never `.` or `..`.
    static func checkID(_ runID: String) throws(RunStoreError) {
        let allowed = runID.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "._-".unicodeScalars.contains($0)
        }
        guard allowed, !runID.isEmpty, runID != ".", runID != ".." else {
            throw RunStoreError(
                "'\(runID)' is not a run id", help: "run ids hold only letters, digits, '.', '_' and '-'")
        }
    }

    private func write(_ value: some Encodable, to file: URL) throws(RunStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try JSONCoding.encoder().encode(value)
            let temporary = file.deletingLastPathComponent().appendingPathComponent(
                ".\(file.lastPathComponent).\(getpid()).tmp")
            try data.write(to: temporary)
            if rename(temporary.path, file.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw RunStoreError(
                "cannot write \(Self.display(file, root: root))",
                help: "check that the repository's .ccteam/ folder is writable")
        }
    }

    static func display(_ file: URL, root: URL) -> String {
        PathResolution.relative(file.path, to: root.path) ?? file.path
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "the key '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            (context.codingPath.map(\.stringValue).joined(separator: ".") + " " + context.debugDescription)
                .trimmingCharacters(in: .whitespaces)
        default: "\(error)"
        }
    }
}

/// A run record that cannot be found, read or written.
public struct RunStoreError: UserFacingError, Equatable {
    public var message: String
    public var help: String?

    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }
}
