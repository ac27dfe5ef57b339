import CGit2

/// A git object name (SHA-1), as 40 lowercase hex digits; free of C types so it can cross threads.
public struct ObjectID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The full 40-digit hex form, as `git rev-parse` prints it.
    public let hex: String

    /// Accepts exactly 40 hex digits (any case); returns `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = hex.lowercased()
    }

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 40)
        git_oid_fmt(&buffer, &copy)
        hex = String(decoding: buffer.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    init(_ pointer: UnsafePointer<git_oid>) { self.init(pointer.pointee) }

    /// The libgit2 form of this id.
    var oid: git_oid {
        var result = git_oid()
        _ = git_oid_fromstr(&result, hex)
        return result
    }

    /// The first seven digits, as people quote commits.
    public var short: String { String(hex.prefix(7)) }
    /// The full hex form.
    public var description: String { hex }
    /// Orders by hex digits, for stable listings.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    /// Decodes the 40-digit hex form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an object id: \(text)"))
        }
        self = id
    }

    /// Encodes the 40-digit hex form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
