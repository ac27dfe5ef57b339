/// The spellings a value takes inside quoted strings, and text with those spellings undone, so a
/// secret ended by an escaped `\n` or wrapped in `\"` still meets the rules as plain text.
enum Unescaping {
    /// `text` with the common backslash escapes (`\n`, `\r`, `\t`, `\"`, `\'`, `\/`, `\\`) undone;
    /// any other backslash is kept.
    static func unescaped(_ text: String) -> String {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count, let plain = plain(bytes[index + 1]) else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(plain)
            index += 2
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The value as is, and as JSON strings spell it (with `/` plain and escaped), also inside
    /// JSON strings that are themselves inside JSON strings, down to `depth` levels; no repeats.
    static func encodedForms(of value: String, depth: Int = 3) -> [[UInt8]] {
        var forms: [[UInt8]] = [Array(value.utf8)]
        var level = forms
        for _ in 0..<depth {
            var next: [[UInt8]] = []
            for form in level {
                for escapingSlashes in [false, true] {
                    let escaped = jsonEscaped(String(decoding: form, as: UTF8.self), escapingSlashes: escapingSlashes)
                    if !forms.contains(escaped) {
                        forms.append(escaped)
                        next.append(escaped)
                    }
                }
            }
            level = next
        }
        return forms
    }

    private static func plain(_ escaped: UInt8) -> UInt8? {
        switch escaped {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "\\"): escaped
        default: nil
        }
    }

    private static func jsonEscaped(_ value: String, escapingSlashes: Bool) -> [UInt8] {
        var output: [UInt8] = []
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
            case UInt8(ascii: "/") where escapingSlashes: output += Array(#"\/"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: output.append(byte)
            }
        }
        return output
    }
}
