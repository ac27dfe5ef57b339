/// Finds the tags of a Mustache body with their positions, so the pack can be checked strictly:
/// swift-mustache renders an unknown name as empty text and keeps its parsed tokens private.
enum MustacheScanner {
    /// What a tag does.
    enum TagKind: Equatable {
        case variable, unescaped, section, invertedSection, sectionEnd, partial, parent, block
        case comment, setDelimiter, pragma
    }

    struct Tag: Equatable {
        var kind: TagKind
        /// The tag's name, trimmed; for a variable with transforms (`lowercased(name)`), the innermost name.
        var name: String
        /// 1-based position of the opening delimiter in the scanned text.
        var line: Int
        var column: Int

        /// The variable the tag reads, if it reads one: the first part of a dotted name;
        /// `nil` for `{{.}}` and tags that read no variable.
        var variable: String? {
            switch kind {
            case .variable, .unescaped, .section, .invertedSection:
                guard name != "." else { return nil }
                return name.split(separator: ".").first.map(String.init)
            default:
                return nil
            }
        }
    }

    /// An opening delimiter without its closing one.
    struct Unclosed: Error, Equatable {
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) throws(Unclosed) -> [Tag] {
        let characters = Array(text)
        var open = Array("{{"), close = Array("}}")
        var tags: [Tag] = []
        var index = 0, line = 1, column = 1
        func matches(_ pattern: [Character], at position: Int) -> Bool {
            position + pattern.count <= characters.count
                && Array(characters[position..<position + pattern.count]) == pattern
        }
        func advance(to target: Int) {
            while index < target {
                if characters[index] == "\n" || characters[index] == "\r\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        while index < characters.count {
            guard matches(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            let startLine = line, startColumn = column
            var contentStart = index + open.count
            var closing = close
            var kind = TagKind.variable
            if contentStart < characters.count {
                switch characters[contentStart] {
                case "!": kind = .comment
                case "#": kind = .section
                case "^": kind = .invertedSection
                case "/": kind = .sectionEnd
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .unescaped
                case "=": kind = .setDelimiter
                case "%": kind = .pragma
                case "{":
                    kind = .unescaped
                    closing = ["}"] + close
                default: break
                }
                if kind != .variable { contentStart += 1 }
            }
            var end = contentStart
            while end < characters.count, !matches(closing, at: end) { end += 1 }
            guard end < characters.count else { throw Unclosed(line: startLine, column: startColumn) }
            var content = String(characters[contentStart..<end]).trimmingCharacters(in: " \t")
            if kind == .setDelimiter {
                // {{=<% %>=}}: the new delimiters apply from the next tag on.
                let parts = content.dropLast(content.hasSuffix("=") ? 1 : 0).split(separator: " ")
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            } else if kind != .comment && kind != .pragma {
                content = innermostName(content)
            }
            tags.append(Tag(kind: kind, name: content, line: startLine, column: startColumn))
            advance(to: end + closing.count)
        }
        return tags
    }

    /// `uppercased(name)` reads `name`; a plain name reads itself.
    private static func innermostName(_ content: String) -> String {
        var name = Substring(content)
        while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = name[name.index(after: open)..<name.index(before: name.endIndex)]
        }
        return String(name).trimmingCharacters(in: " \t")
    }
}

extension String {
    /// Trims the given characters from both ends (Foundation-free, for the scanner).
    fileprivate func trimmingCharacters(in set: String) -> String {
        var start = startIndex, end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}
