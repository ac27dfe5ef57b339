import CCCore
import Foundation

/// Decodes task files quickly: `tasks list` reads every file of a team, and a `JSONDecoder` plus
/// `Date.ISO8601FormatStyle` per file costs several times more than this single pass over the bytes.
///
/// Accepts exactly what `TeamTask`'s `Decodable` conformance accepts (tests check both agree);
/// anything else is reported as a reason string for ``TaskStoreError/corruptTask(path:reason:)``.
enum TaskFileDecoder {
    static func decode(_ bytes: [UInt8]) throws(DecodeFailure) -> TeamTask {
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeFailure) in
            var parser = JSONScanner(buffer)
            let value = try parser.parseDocument()
            return try task(from: value)
        }
    }

    struct DecodeFailure: Error {
        var reason: String
    }

    private static func task(from value: JSONNode) throws(DecodeFailure) -> TeamTask {
        guard case .object(let fields) = value else { throw DecodeFailure(reason: "expected a JSON object") }
        func field(_ key: String) -> JSONNode? { fields.last { $0.0 == key }?.1 }
        func string(_ key: String, required: Bool = true) throws(DecodeFailure) -> String? {
            switch field(key) {
            case .string(let text): return text
            case .null, nil:
                if required { throw DecodeFailure(reason: "'\(key)' is missing") }
                return nil
            default: throw DecodeFailure(reason: "'\(key)' must be a string")
            }
        }
        func strings(_ key: String) throws(DecodeFailure) -> [String] {
            switch field(key) {
            case nil: return []
            case .array(let items):
                var result: [String] = []
                result.reserveCapacity(items.count)
                for item in items {
                    guard case .string(let text) = item else {
                        throw DecodeFailure(reason: "'\(key)' must be a list of strings")
                    }
                    result.append(text)
                }
                return result
            default: throw DecodeFailure(reason: "'\(key)' must be a list of strings")
            }
        }
        func date(_ node: JSONNode?, _ key: String) throws(DecodeFailure) -> Date {
            guard case .string(let text) = node else { throw DecodeFailure(reason: "'\(key)' must be a date") }
            guard let date = FastTimestamp.parse(text) else {
                throw DecodeFailure(reason: "'\(key)' is not an ISO 8601 date: '\(text)'")
            }
            return date
        }

        let id = try string("id")!
        let statusText = try string("status")!
        guard let status = TeamTask.Status(rawValue: statusText) else {
            throw DecodeFailure(reason: "unknown status '\(statusText)'")
        }
        let createdAt = try date(field("createdAt"), "createdAt")
        let updatedNode = field("updatedAt")
        let updatedAt = updatedNode == nil || updatedNode == .null ? createdAt : try date(updatedNode, "updatedAt")

        var comments: [TeamTask.Comment] = []
        switch field("comments") {
        case nil: break
        case .array(let items):
            for item in items {
                guard case .object(let parts) = item else { throw DecodeFailure(reason: "a comment must be an object") }
                func part(_ key: String) -> JSONNode? { parts.last { $0.0 == key }?.1 }
                guard case .string(let author) = part("author"), case .string(let content) = part("content") else {
                    throw DecodeFailure(reason: "a comment needs 'author' and 'content' strings")
                }
                comments.append(.init(author: author, content: content, at: try date(part("at"), "at")))
            }
        default: throw DecodeFailure(reason: "'comments' must be a list")
        }

        var lease: TeamTask.Lease?
        switch field("lease") {
        case nil, .null: break
        case .object(let parts):
            func part(_ key: String) -> JSONNode? { parts.last { $0.0 == key }?.1 }
            guard case .string(let owner) = part("owner"), case .number(let token) = part("token"),
                let tokenValue = UInt64(token)
            else { throw DecodeFailure(reason: "'lease' needs 'owner', 'token' and 'expiresAt'") }
            lease = .init(owner: owner, token: tokenValue, expiresAt: try date(part("expiresAt"), "expiresAt"))
        default: throw DecodeFailure(reason: "'lease' must be an object")
        }
        var fence: UInt64?
        switch field("fence") {
        case nil, .null: break
        case .number(let text):
            guard let value = UInt64(text) else { throw DecodeFailure(reason: "'fence' must be a whole number") }
            fence = value
        default: throw DecodeFailure(reason: "'fence' must be a whole number")
        }

        return TeamTask(
            id: id, subject: try string("subject")!, description: try string("description", required: false) ?? "",
            status: status, owner: try string("owner", required: false), blocks: try strings("blocks"),
            blockedBy: try strings("blockedBy"), comments: comments, scope: try strings("scope"),
            model: try string("model", required: false), createdAt: createdAt, updatedAt: updatedAt, lease: lease,
            fence: fence)
    }
}

/// A parsed JSON value; numbers keep their text so integers up to `UInt64.max` survive.
enum JSONNode: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}

/// A strict RFC 8259 parser over a byte buffer, one pass, no Foundation.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func parseDocument() throws(TaskFileDecoder.DecodeFailure) -> JSONNode {
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    private func failure(_ reason: String) -> TaskFileDecoder.DecodeFailure {
        TaskFileDecoder.DecodeFailure(reason: "\(reason) at byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(TaskFileDecoder.DecodeFailure) -> JSONNode {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(TaskFileDecoder.DecodeFailure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of file") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("unexpected character")
        }
        index += count
    }

    private mutating func parseObject() throws(TaskFileDecoder.DecodeFailure) -> JSONNode {
        depth += 1
        guard depth < 64 else { throw failure("nesting too deep") }
        defer { depth -= 1 }
        index += 1
        var fields: [(String, JSONNode)] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(fields)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            fields.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(fields)
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(TaskFileDecoder.DecodeFailure) -> JSONNode {
        depth += 1
        guard depth < 64 else { throw failure("nesting too deep") }
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            } else {
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(TaskFileDecoder.DecodeFailure) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func parseString() throws(TaskFileDecoder.DecodeFailure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string (and plain ASCII needs no validation).
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else { throw failure("invalid UTF-8") }
                return text
            }
            ascii = ascii && byte < 0x80
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in string") }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: scalars, as: UTF8.self) else { throw failure("invalid UTF-8") }
                return text
            }
            if byte < 0x20 { throw failure("control character in string") }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw failure("unpaired surrogate") }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw failure("unpaired surrogate")
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("invalid escape") }
                scalars.append(contentsOf: String(Character(scalar)).utf8)
            default: throw failure("invalid escape")
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseHex4() throws(TaskFileDecoder.DecodeFailure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

/// Parses the toolkit's own timestamp shape (`2026-01-02T03:04:05.678Z`) by hand, and anything
/// else ISO 8601 through `CCCore.Timestamp`.
enum FastTimestamp {
    static func parse(_ text: String) -> Date? {
        if let date = text.utf8.withContiguousStorageIfAvailable({ fast($0) }) ?? nil { return date }
        return Timestamp.parse(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff...]Z` only; `nil` sends the caller to the general parser.
    private static func fast(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
            b[b.count - 1] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let digit = Int(b[i]) - 0x30
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21 else { return nil }
            var scale = 0.1
            for i in 20..<(b.count - 1) {
                let digit = Int(b[i]) - 0x30
                guard digit >= 0 && digit <= 9 else { return nil }
                fraction += Double(digit) * scale
                scale /= 10
            }
        }
        // Days from the civil date (Howard Hinnant's algorithm), then seconds since 1970.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        // Round to whole milliseconds as the formatter wrote them, so values compare equal.
        return Date(timeIntervalSince1970: ((seconds + fraction) * 1000).rounded() / 1000)
    }
}
