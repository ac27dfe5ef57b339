/// Scalar values: the four string forms, numbers, booleans and date-times.
extension TOMLParser {
    mutating func parseValue() throws(TOMLSyntaxError) -> TOMLValue {
        guard let byte = peek() else { throw fail("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                position += 3
                return .string(try parseMultilineBasicString())
            }
            position += 1
            return .string(try parseBasicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                position += 3
                return .string(try parseMultilineLiteralString())
            }
            position += 1
            return .string(try parseLiteralString())
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "{"): return try parseInlineTable()
        case UInt8(ascii: "t") where matches("true"):
            position += 4
            return .boolean(true)
        case UInt8(ascii: "f") where matches("false"):
            position += 5
            return .boolean(false)
        default:
            return try parseNumberOrDate()
        }
    }

    func matches(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
            return false
        }
        if let after = peek(utf8.count), Self.isBareKeyByte(after) { return false }
        return true
    }

    // MARK: Strings

    /// A `"..."` string; the opening quote is already consumed.
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string: expected '\"'") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try text(out)
            case UInt8(ascii: "\\"):
                position += 1
                try appendEscape(to: &out)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw fail("unterminated string: a \"...\" string must end on its line (use \"\"\" for several lines)")
            default:
                try checkAllowedInString(byte)
                out.append(byte)
                position += 1
            }
        }
    }

    /// A `'...'` string, taken verbatim; the opening quote is already consumed.
    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let start = position
        while true {
            guard let byte = peek() else { throw fail("unterminated literal string: expected \"'\"") }
            if byte == UInt8(ascii: "'") {
                position += 1
                return try text(Array(bytes[start..<position - 1]))
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                throw fail(
                    "unterminated literal string: a '...' string must end on its line (use ''' for several lines)")
            }
            try checkAllowedInString(byte)
            position += 1
        }
    }

    /// A `"""..."""` string; the opening delimiter is already consumed.
    mutating func parseMultilineBasicString() throws(TOMLSyntaxError) -> String {
        skipFirstLineBreak()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string: expected '\"\"\"'") }
            switch byte {
            case UInt8(ascii: "\""):
                if let quotes = closingQuotes(UInt8(ascii: "\"")) {
                    out.append(contentsOf: repeatElement(UInt8(ascii: "\""), count: quotes - 3))
                    position += quotes
                    return try text(out)
                }
                out.append(byte)
                position += 1
            case UInt8(ascii: "\\"):
                position += 1
                if isLineEndingBackslash() {
                    skipWhitespaceAndLineBreaks()
                } else {
                    try appendEscape(to: &out)
                }
            case UInt8(ascii: "\n"):
                out.append(byte)
                position += 1
                line += 1
            case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
                out.append(byte)
                position += 1
            default:
                try checkAllowedInString(byte)
                out.append(byte)
                position += 1
            }
        }
    }

    /// A `'''...'''` string, taken verbatim; the opening delimiter is already consumed.
    mutating func parseMultilineLiteralString() throws(TOMLSyntaxError) -> String {
        skipFirstLineBreak()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated literal string: expected \"'''\"") }
            if byte == UInt8(ascii: "'"), let quotes = closingQuotes(byte) {
                out.append(contentsOf: repeatElement(byte, count: quotes - 3))
                position += quotes
                return try text(out)
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte != UInt8(ascii: "\r") {
                try checkAllowedInString(byte)
            }
            out.append(byte)
            position += 1
        }
    }

    /// At a quote: the length of the closing run (3 to 5 quotes) when it closes the string, else nil.
    func closingQuotes(_ quote: UInt8) -> Int? {
        var count = 0
        while peek(count) == quote { count += 1 }
        guard count >= 3 else { return nil }
        return min(count, 5)
    }

    mutating func skipFirstLineBreak() {
        if peek() == UInt8(ascii: "\n") {
            position += 1
            line += 1
        } else if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
            position += 2
            line += 1
        }
    }

    /// After a backslash in `"""` strings: only spaces, then a line break.
    func isLineEndingBackslash() -> Bool {
        var offset = 0
        while let byte = peek(offset), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { offset += 1 }
        return peek(offset) == UInt8(ascii: "\n") || (peek(offset) == UInt8(ascii: "\r") && peek(offset + 1) == 10)
    }

    mutating func skipWhitespaceAndLineBreaks() {
        while let byte = peek() {
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                return
            }
            position += 1
        }
    }

    mutating func appendEscape(to out: inout [UInt8]) throws(TOMLSyntaxError) {
        guard let byte = peek() else { throw fail("unterminated string after '\\'") }
        position += 1
        switch byte {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(byte)
        case UInt8(ascii: "\\"): out.append(byte)
        case UInt8(ascii: "u"): try appendUnicodeEscape(digits: 4, to: &out)
        case UInt8(ascii: "U"): try appendUnicodeEscape(digits: 8, to: &out)
        default:
            throw fail(
                "invalid escape '\\\(String(decoding: [byte], as: UTF8.self))' in a \"...\" string "
                    + "(write '\\\\' for a backslash, or use a '...' literal string for regexes)")
        }
    }

    mutating func appendUnicodeEscape(digits: Int, to out: inout [UInt8]) throws(TOMLSyntaxError) {
        guard position + digits <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<position + digits], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(value)
        else { throw fail("invalid unicode escape: expected \(digits) hex digits naming a scalar value") }
        position += digits
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    func checkAllowedInString(_ byte: UInt8) throws(TOMLSyntaxError) {
        if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw fail("control character 0x\(String(byte, radix: 16)) must be escaped in a string")
        }
    }

    func text(_ bytes: [UInt8]) throws(TOMLSyntaxError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw fail("a string holds bytes that are not UTF-8")
        }
        return string
    }

    // MARK: Numbers and dates

    mutating func parseNumberOrDate() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        while let byte = peek(), Self.isNumberByte(byte) { position += 1 }
        // A date and a time may be separated by one space: 1979-05-27 07:32:00.
        if position - start == 10, bytes[start + 4] == UInt8(ascii: "-"), peek() == UInt8(ascii: " "),
            let next = peek(1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next)
        {
            position += 1
            while let byte = peek(), Self.isNumberByte(byte) { position += 1 }
        }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !token.isEmpty else {
            throw fail("expected a value, found \(describe(bytes[start]))")
        }
        if let value = Self.number(token) { return value }
        if Self.looksLikeDate(token) { return .datetime(token) }
        throw fail("'\(token)' is not a valid value (strings need quotes)")
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    static func looksLikeDate(_ token: String) -> Bool {
        let utf8 = Array(token.utf8)
        let digit = { (index: Int) in index < utf8.count && (48...57).contains(utf8[index]) }
        let isDate = utf8.count >= 10 && (0..<4).allSatisfy(digit) && utf8[4] == UInt8(ascii: "-")
        let isTime = utf8.count >= 8 && digit(0) && digit(1) && utf8[2] == UInt8(ascii: ":")
        return isDate || isTime
    }

    /// Integers (decimal, 0x, 0o, 0b, with underscores between digits), floats, inf and nan.
    static func number(_ token: String) -> TOMLValue? {
        switch token {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        guard validUnderscores(token) else { return nil }
        let plain = token.replacingUnderscores()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where plain.hasPrefix(prefix) {
            return Int64(plain.dropFirst(2), radix: radix).map { .integer($0) }
        }
        let unsigned = plain.first == "+" || plain.first == "-" ? plain.dropFirst() : Substring(plain)
        guard let first = unsigned.first, first.isASCII, first.isNumber else { return nil }
        // Leading zeros are not allowed: 012 is an error, 0.12 is fine.
        if unsigned.count > 1, first == "0", let second = unsigned.dropFirst().first, second.isNumber {
            return nil
        }
        if unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int64(plain).map { .integer($0) }
        }
        let isFloatShaped = unsigned.allSatisfy { $0.isASCII && ($0.isNumber || "eE.+-".contains($0)) }
        guard isFloatShaped, !unsigned.hasSuffix("."), !unsigned.contains(".e"), !unsigned.contains(".E") else {
            return nil
        }
        return Double(plain).map { .float($0) }
    }

    /// Each underscore must sit between two digits.
    static func validUnderscores(_ token: String) -> Bool {
        let chars = Array(token)
        for (index, char) in chars.enumerated() where char == "_" {
            guard index > 0, index + 1 < chars.count, chars[index - 1].isHexDigit, chars[index + 1].isHexDigit
            else { return false }
        }
        return true
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(filter { $0 != "_" })
    }
}
