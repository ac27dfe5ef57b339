import Testing

@testable import CCSecrets

/// The TOML reader: every construct rule files use, and a precise error for each malformed input.
@Suite struct TOMLParserTests {
    @Test func readsTablesArraysOfTablesAndDottedKeys() throws {
        let document = try TOMLParser.parse(
            """
            title = "rules"   # a comment
            [extend]
            useDefault = true
            [[rules]]
            id = "one"
            meta.owner = "team"
            [[rules]]
            id = "two"
            [rules.allowlist]
            paths = ["a"]
            """)
        #expect(document["title"] == .string("rules"))
        guard case .table(let extend) = document["extend"], case .array(let rules) = document["rules"] else {
            Issue.record("missing tables")
            return
        }
        #expect(extend["useDefault"] == .boolean(true))
        #expect(rules.count == 2)
        guard case .table(let first) = rules[0], case .table(let second) = rules[1] else { return }
        #expect(first["id"] == .string("one"))
        #expect(first.line == 4)
        guard case .table(let meta) = first["meta"], case .table(let allowlist) = second["allowlist"] else {
            Issue.record("missing nested tables")
            return
        }
        #expect(meta["owner"] == .string("team"))
        #expect(allowlist["paths"] == .array([.string("a")]))
    }

    @Test func readsEveryStringForm() throws {
        let document = try TOMLParser.parse(
            #"""
            basic = "tab\there \"quoted\" \\ \u00e9 \U0001F600"
            literal = 'C:\path\(?i)no-escapes'
            multi = """
            first
            second \
                joined"""
            multiLiteral = '''
            \d{4} 'quoted' ''text'''
            quotes = """"two" quotes"""""
            """#)
        #expect(document["basic"] == .string("tab\there \"quoted\" \\ é 😀"))
        #expect(document["literal"] == .string(#"C:\path\(?i)no-escapes"#))
        #expect(document["multi"] == .string("first\nsecond joined"))
        #expect(document["multiLiteral"] == .string(#"\d{4} 'quoted' ''text"#))
        #expect(document["quotes"] == .string(#""two" quotes"""#))
    }

    @Test func readsNumbersBooleansDatesArraysAndInlineTables() throws {
        let document = try TOMLParser.parse(
            """
            int = +1_000
            negative = -17
            hex = 0xDEAD_beef
            octal = 0o755
            binary = 0b1010
            float = 3.5
            exponent = 1e-3
            infinite = -inf
            yes = true
            no = false
            when = 1979-05-27T07:32:00Z
            day = 1979-05-27
            spaced = 1979-05-27 07:32:00
            list = [
              "a",  # comment inside
              'b',
            ]
            mixed = [1, [2, 3], { x = 1 }]
            point = { x = 1, y.z = "deep" }
            empty = {}
            """)
        #expect(document["int"] == .integer(1000))
        #expect(document["negative"] == .integer(-17))
        #expect(document["hex"] == .integer(0xDEAD_BEEF))
        #expect(document["octal"] == .integer(0o755))
        #expect(document["binary"] == .integer(10))
        #expect(document["float"] == .float(3.5))
        #expect(document["exponent"] == .float(0.001))
        #expect(document["infinite"] == .float(-.infinity))
        #expect(document["yes"] == .boolean(true))
        #expect(document["no"] == .boolean(false))
        #expect(document["when"] == .datetime("1979-05-27T07:32:00Z"))
        #expect(document["day"] == .datetime("1979-05-27"))
        #expect(document["spaced"] == .datetime("1979-05-27 07:32:00"))
        #expect(document["list"] == .array([.string("a"), .string("b")]))
        guard case .array(let mixed) = document["mixed"], mixed.count == 3,
            case .table(let point) = document["point"], case .table(let y) = point["y"]
        else {
            Issue.record("arrays or inline tables misread")
            return
        }
        #expect(mixed[1] == .array([.integer(2), .integer(3)]))
        #expect(y["z"] == .string("deep"))
        #expect(document["empty"] == .table(TOMLTable(line: 20)))
    }

    @Test func acceptsWindowsLineEndings() throws {
        let document = try TOMLParser.parse("a = 1\r\n[t]\r\nb = 'x'\r\n")
        guard case .table(let table) = document["t"] else {
            Issue.record("table missing")
            return
        }
        #expect(table["b"] == .string("x"))
        #expect(table.line == 2)
    }

    /// Malformed documents, each with the line the error must name and a phrase of its reason.
    static let malformed: [(text: String, line: Int, reason: String)] = [
        ("[a]\nx = 1\n[a]\n", 3, "defined more than once"),
        ("x = 1\nx = 2\n", 2, "defined more than once"),
        ("x = \"open\ny = 1\n", 1, "unterminated string"),
        ("\n\nx = \"bad \\q escape\"\n", 3, "invalid escape"),
        ("x 1\n", 1, "expected '='"),
        ("x = 1 2\n", 1, "expected the end of the line"),
        ("x = { a = 1, }\n", 1, "trailing comma"),
        ("x = 1\nx.y = 2\n", 2, "extends a table defined elsewhere"),
        ("x = [1, 2\n", 2, "unterminated array"),
        ("x = '''never closed\n\n", 3, "unterminated literal string"),
        ("x = hello\n", 1, "not a valid value"),
        ("x = 012\n", 1, "not a valid value"),
        ("[[a]]\n[a]\n", 2, "defined more than once"),
        ("a = [1]\n[[a]]\n", 2, "not an array of tables"),
        ("x = {\n a = 1 }\n", 1, "one line"),
        ("[a\n", 1, "expected ']'"),
        ("x = \"\u{7}\"\n", 1, "control character"),
    ]

    @Test(arguments: 0..<malformed.count)
    func reportsTheLineAndReasonOfEachError(_ index: Int) {
        let (text, line, reason) = Self.malformed[index]
        #expect {
            _ = try TOMLParser.parse(text)
        } throws: { error in
            guard let error = error as? TOMLSyntaxError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }
}
