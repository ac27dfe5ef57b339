import Foundation
import Plot

/// The few building blocks every part of the HTML report is made of, over Plot's node tree.
///
/// Plot escapes text nodes but writes attribute values as given, so every attribute goes through
/// ``attr(_:_:)``, which escapes it: recorded text (agent output, file names, task subjects) can
/// never close an attribute or open an element. No recorded text is ever put in an `href`.
typealias Body = Node<HTML.BodyContext>

enum HTMLNodes {
    /// An element with escaped attributes and the given children.
    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [Body] = []) -> Body {
        .element(named: name, nodes: attributes.map { attr($0.0, $0.1) } + children)
    }

    /// An element holding only (escaped) text.
    static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> Body {
        el(name, attributes, [.text(text)])
    }

    /// An attribute whose value is escaped for a double-quoted attribute.
    static func attr(_ name: String, _ value: String) -> Body {
        .attribute(named: name, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
    }

    static func escapeAttribute(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A table: a header row and rows of cells.
    static func table(_ headers: [String], _ rows: [[Body]], classes: String = "grid") -> Body {
        // Cells keep figures on one line; `wrap` tables (findings, notes) let long text wrap.
        el(
            "table", [("class", classes)],
            [
                el("thead", [], [el("tr", [], headers.map { el("th", text: $0) })]),
                el("tbody", [], rows.map { el("tr", [], $0.map { el("td", [], [$0]) }) }),
            ])
    }

    /// A coloured label: `outcome-failed`, `task-resolved`, ...
    static func badge(_ text: String, kind: String) -> Body {
        el("span", [("class", "badge \(kind)")], text: text)
    }

    static func text(_ text: String) -> Body { .text(text) }

    /// `2m05s`, `1h03m`, `12s`, `0.4s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 9.95 { return String(format: "%.1fs", max(0, seconds)) }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
    }

    static func cost(_ usd: Double) -> String { String(format: "$%.4f", usd) }

    static func tokens(_ count: Int) -> String {
        if count < 1000 { return "\(count)" }
        if count < 1_000_000 { return String(format: "%.1fk", Double(count) / 1000) }
        return String(format: "%.1fM", Double(count) / 1_000_000)
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    static func short(_ commit: String?) -> String { commit.map { String($0.prefix(12)) } ?? "-" }
}
