/// A small TOML 1.0 reader for rule files: tables, arrays of tables, dotted keys, every string
/// form, numbers, booleans, date-times (kept as text), arrays and inline tables.
///
/// It reads bytes in one pass and reports the first problem with its line, so a user can fix
/// their `.gitleaks.toml` from the message alone.
struct TOMLParser {
    static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    var bytes: [UInt8]
    var position = 0
    var line = 1
    let root: TableNode
    var current: TableNode

    init(bytes: [UInt8]) {
        self.bytes = bytes
        root = TableNode(kind: .explicit, line: 1)
        current = root
    }

    mutating func parseDocument() throws(TOMLSyntaxError) -> TOMLTable {
        while true {
            skipBlankLinesAndComments()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "[") {
                if peek(1) == UInt8(ascii: "[") {
                    try parseArrayTableHeader()
                } else {
                    try parseTableHeader()
                }
            } else {
                try parseKeyValue(into: current)
            }
            try expectEndOfLine()
        }
        return root.frozen()
    }

    // MARK: Structure

    mutating func parseTableHeader() throws(TOMLSyntaxError) {
        let headerLine = line
        position += 1
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else { throw fail("expected ']' to close the table header") }
        position += 1
        let parent = try descend(root, through: key.dropLast(), headerLine: headerLine)
        let name = key.last!
        switch parent.children[name] {
        case nil:
            let table = TableNode(kind: .explicit, line: headerLine)
            parent.insert(name, .table(table), line: headerLine)
            current = table
        case .table(let table) where table.kind == .implicit:
            table.kind = .explicit
            table.line = headerLine
            current = table
        default:
            throw TOMLSyntaxError(line: headerLine, reason: "table [\(dotted(key))] is defined more than once")
        }
    }

    mutating func parseArrayTableHeader() throws(TOMLSyntaxError) {
        let headerLine = line
        position += 2
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "]"), peek(1) == UInt8(ascii: "]") else {
            throw fail("expected ']]' to close the array-of-tables header")
        }
        position += 2
        let parent = try descend(root, through: key.dropLast(), headerLine: headerLine)
        let name = key.last!
        let table = TableNode(kind: .explicit, line: headerLine)
        switch parent.children[name] {
        case nil:
            parent.insert(name, .tableArray([table]), line: headerLine)
        case .tableArray(let tables):
            parent.children[name] = .tableArray(tables + [table])
        default:
            throw TOMLSyntaxError(
                line: headerLine, reason: "[[\(dotted(key))]] names a key that is not an array of tables")
        }
        current = table
    }

    /// Walks a header's leading keys, creating implicit tables and entering the last table of arrays.
    func descend(_ start: TableNode, through keys: ArraySlice<String>, headerLine: Int) throws(TOMLSyntaxError)
        -> TableNode
    {
        var node = start
        for name in keys {
            switch node.children[name] {
            case nil:
                let table = TableNode(kind: .implicit, line: headerLine)
                node.insert(name, .table(table), line: headerLine)
                node = table
            case .table(let table) where table.kind != .inline:
                node = table
            case .tableArray(let tables):
                node = tables[tables.count - 1]
            default:
                throw TOMLSyntaxError(line: headerLine, reason: "key '\(name)' is already a value, not a table")
            }
        }
        return node
    }

    mutating func parseKeyValue(into table: TableNode) throws(TOMLSyntaxError) {
        let keyLine = line
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(dotted(key))'") }
        position += 1
        skipSpaces()
        let value = try parseValue()
        var node = table
        for name in key.dropLast() {
            switch node.children[name] {
            case nil:
                let child = TableNode(kind: .dotted, line: keyLine)
                node.insert(name, .table(child), line: keyLine)
                node = child
            case .table(let child) where child.kind == .dotted:
                node = child
            default:
                throw TOMLSyntaxError(line: keyLine, reason: "key '\(dotted(key))' extends a table defined elsewhere")
            }
        }
        let name = key.last!
        guard node.children[name] == nil else {
            throw TOMLSyntaxError(line: keyLine, reason: "key '\(dotted(key))' is defined more than once")
        }
        node.insert(name, .value(value), line: keyLine)
    }

    /// A key: bare or quoted parts joined by dots.
    mutating func parseKey() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let byte = peek() else { throw fail("expected a key, found the end of the file") }
            if byte == UInt8(ascii: "\"") {
                position += 1
                parts.append(try parseBasicString())
            } else if byte == UInt8(ascii: "'") {
                position += 1
                parts.append(try parseLiteralString())
            } else {
                let start = position
                while let next = peek(), Self.isBareKeyByte(next) { position += 1 }
                guard position > start else { throw fail("expected a key, found \(describe(byte))") }
                parts.append(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            position += 1
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    // MARK: Arrays and inline tables

    mutating func parseArray() throws(TOMLSyntaxError) -> TOMLValue {
        position += 1
        var items: [TOMLValue] = []
        while true {
            skipBlankLinesAndComments()
            guard let byte = peek() else { throw fail("unterminated array: expected ']'") }
            if byte == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            items.append(try parseValue())
            skipBlankLinesAndComments()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            case nil: throw fail("unterminated array: expected ']'")
            case let other?: throw fail("expected ',' or ']' in array, found \(describe(other))")
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLSyntaxError) -> TOMLValue {
        let table = TableNode(kind: .explicit, line: line)
        position += 1
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .table(table.frozen())
        }
        while true {
            skipSpaces()
            if peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") {
                throw fail("an inline table must stay on one line")
            }
            try parseKeyValue(into: table)
            skipSpaces()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                if peek() == UInt8(ascii: "}") { throw fail("trailing comma in inline table") }
            case UInt8(ascii: "}"):
                position += 1
                return .table(table.frozen())
            case nil: throw fail("unterminated inline table: expected '}'")
            case let other?: throw fail("expected ',' or '}' in inline table, found \(describe(other))")
            }
        }
    }

    // MARK: Whitespace, lines and errors

    func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
    }

    mutating func skipComment() {
        guard peek() == UInt8(ascii: "#") else { return }
        while let byte = peek(), byte != UInt8(ascii: "\n") { position += 1 }
    }

    /// Skips spaces, comments and line breaks (counting lines) until the next token.
    mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if peek() == UInt8(ascii: "\n") {
                position += 1
                line += 1
            } else if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
                position += 2
                line += 1
            } else {
                return
            }
        }
    }

    /// After a header or key/value pair only a comment and a line break may follow.
    mutating func expectEndOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        skipComment()
        switch peek() {
        case nil: return
        case UInt8(ascii: "\n"):
            position += 1
            line += 1
        case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
            position += 2
            line += 1
        case let other?:
            throw fail("expected the end of the line after a value, found \(describe(other))")
        }
    }

    func fail(_ reason: String) -> TOMLSyntaxError {
        TOMLSyntaxError(line: line, reason: reason)
    }

    func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): "a line break"
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte 0x\(String(byte, radix: 16))"
        }
    }

    func dotted(_ key: [String]) -> String { key.joined(separator: ".") }
}

/// A table while the document is being read: mutable and shared by reference, frozen at the end.
final class TableNode {
    /// How a table came to exist, which decides whether it may be defined again.
    enum Kind {
        /// Opened by a header or written inline: complete.
        case explicit
        /// Created as the parent of a header: may still get its own header once.
        case implicit
        /// Created by a dotted key: dotted keys may add to it, headers may not redefine it.
        case dotted
        /// An inline table: closed to any addition.
        case inline
    }

    enum Child {
        case value(TOMLValue)
        case table(TableNode)
        case tableArray([TableNode])
    }

    var kind: Kind
    var line: Int
    var children: [String: Child] = [:]
    var order: [(key: String, line: Int)] = []

    init(kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    func insert(_ key: String, _ child: Child, line: Int) {
        children[key] = child
        order.append((key, line))
    }

    func frozen() -> TOMLTable {
        var table = TOMLTable(line: line)
        for (key, line) in order {
            let value: TOMLValue
            switch children[key]! {
            case .value(let plain): value = plain
            case .table(let node): value = .table(node.frozen())
            case .tableArray(let nodes): value = .array(nodes.map { .table($0.frozen()) })
            }
            table.entries.append(TOMLTable.Entry(key: key, value: value, line: line))
        }
        return table
    }
}
