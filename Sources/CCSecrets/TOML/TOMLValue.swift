/// A value read from a TOML document.
///
/// Dates and times are kept as their text: rule files never need them as dates.
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case datetime(String)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The TOML name of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .datetime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A TOML table: its keys in document order, each remembering the line that defined it.
struct TOMLTable: Equatable, Sendable {
    /// One key of a table with its value and the 1-based line it was defined on.
    struct Entry: Equatable, Sendable {
        var key: String
        var value: TOMLValue
        var line: Int
    }

    /// The 1-based line where the table was opened (its header, or its first key).
    var line: Int
    /// Every key in the order it first appeared.
    var entries: [Entry] = []

    subscript(key: String) -> TOMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// The line a key was defined on, or the table's own line when it has no such key.
    func line(of key: String) -> Int {
        entries.first { $0.key == key }?.line ?? line
    }
}

/// A malformed TOML document: the 1-based line and what is wrong there.
struct TOMLSyntaxError: Error, Equatable {
    var line: Int
    var reason: String
}
