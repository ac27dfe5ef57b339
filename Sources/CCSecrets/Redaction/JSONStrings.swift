import Foundation

/// The decoded string values (and keys) of the JSON lines in a text, for scanning what escapes
/// would hide, and a re-encoding for values that only a decoder can see.
enum JSONStrings {
    /// How deep strings that are themselves JSON (a tool result holding a JSON document) are opened.
    static let nestingLimit = 3

    /// Every string value and key of every line of `text` that parses as JSON.
    static func strings(inLines text: String) -> [String] {
        var strings: [String] = []
        for line in jsonLines(text) {
            guard let object = parse(line) else { continue }
            collect(object, into: &strings, depth: 0)
        }
        return strings
    }

    /// `text` with each JSON line whose decoded strings still hold one of `values` re-encoded with
    /// those values replaced by `replacement(value)`; other lines unchanged.
    static func replacing(
        _ values: [String], with replacement: (String) -> String, inLines text: String
    ) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where looksLikeJSON(lines[index]) {
            guard let object = parse(lines[index]) else { continue }
            var changed = false
            let cleaned = replace(in: object, values: values, replacement: replacement, changed: &changed)
            guard changed,
                let data = try? JSONSerialization.data(
                    withJSONObject: cleaned, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            else { continue }
            lines[index] = String(decoding: data, as: UTF8.self)
        }
        return lines.joined(separator: "\n")
    }

    private static func jsonLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter(looksLikeJSON)
    }

    private static func looksLikeJSON(_ line: some StringProtocol) -> Bool {
        guard let first = line.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func parse(_ line: some StringProtocol) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    }

    private static func collect(_ object: Any, into strings: inout [String], depth: Int) {
        switch object {
        case let string as String:
            strings.append(string)
            if depth < nestingLimit, looksLikeJSON(string), let inner = parse(string) {
                collect(inner, into: &strings, depth: depth + 1)
            }
        case let array as [Any]:
            for element in array { collect(element, into: &strings, depth: depth) }
        case let dictionary as [String: Any]:
            for (key, value) in dictionary {
                strings.append(key)
                collect(value, into: &strings, depth: depth)
            }
        default:
            break
        }
    }

    private static func replace(
        in object: Any, values: [String], replacement: (String) -> String, changed: inout Bool
    ) -> Any {
        switch object {
        case let string as String:
            var result = string
            for value in values where result.contains(value) {
                result = result.replacingOccurrences(of: value, with: replacement(value))
                changed = true
            }
            return result
        case let array as [Any]:
            return array.map { replace(in: $0, values: values, replacement: replacement, changed: &changed) }
        case let dictionary as [String: Any]:
            var result: [String: Any] = [:]
            for (key, value) in dictionary {
                let cleanKey = replace(in: key, values: values, replacement: replacement, changed: &changed)
                result[cleanKey as? String ?? key] = replace(
                    in: value, values: values, replacement: replacement, changed: &changed)
            }
            return result
        default:
            return object
        }
    }
}
