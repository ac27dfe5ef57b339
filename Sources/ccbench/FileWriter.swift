import CCCore

/// Writes one corpus file line by line in the style of its language.
struct FileWriter {
    let kind: SourceCorpus.Kind
    var random: SplitMix
    /// The chance, in percent, that a word is one of ``sensitive``.
    let sensitivePercent: Int
    var text = ""

    static let words = [
        "user", "request", "response", "config", "value", "index", "count", "buffer", "result", "error", "handler",
        "client", "server", "session", "cache", "item", "list", "name", "path", "file", "data", "message", "event",
        "state", "context", "options", "manager", "service", "model", "view", "router", "query", "table", "record",
        "field", "page", "layout", "render", "update", "create", "delete", "parse", "format", "stream", "reader",
        "writer", "worker", "queue", "timer", "status", "header", "body", "payload", "schema", "version", "module",
    ]
    /// Words that make a line a keyword candidate, as in real code.
    static let sensitive = [
        "token", "apiKey", "secret", "password", "key", "accessToken", "secretName", "keyPath", "passwordField",
        "tokenizer", "keyboard", "monkey", "authToken", "clientSecret", "hotkey",
    ]
    static let alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    init(kind: SourceCorpus.Kind, random: SplitMix, sensitivePercent: Int) {
        self.kind = kind
        self.random = random
        self.sensitivePercent = sensitivePercent
    }

    mutating func word() -> String {
        random.chance(sensitivePercent) ? random.pick(Self.sensitive) : random.pick(Self.words)
    }

    mutating func identifier() -> String {
        let first = word()
        return random.chance(50) ? first : first + word().capitalizedFirst
    }

    mutating func addLine() {
        let indent = String(repeating: " ", count: 4 * random.below(4))
        let a = identifier()
        let b = identifier()
        let c = identifier()
        let n = random.below(10_000)
        let line: String
        switch kind {
        case .swift:
            line = random.pick([
                "let \(a) = \(b).\(c)(\(n))", "func \(a)(_ \(b): Int) -> String {",
                "guard let \(a) = \(b) else { return nil }",
                "// \(a) keeps the \(b) in sync with the \(c).", "}", "if \(a) > \(n) { \(b).append(\(c)) }",
                "private var \(a): [String: Int] = [:]", "return \(a).map { $0.\(b) }",
            ])
        case .py:
            line = random.pick([
                "def \(a)(self, \(b), \(c)=None):", "\(a) = \(b).get(\"\(c)\", \(n))", "    return \(a)[\(n)]",
                "# TODO: handle \(a) when \(b) is empty", "for \(a) in \(b):", "    pass",
                "self.\(a) = os.environ.get(\"\(b.uppercased())\")", "raise ValueError(f\"bad \(a): {\(b)}\")",
            ])
        case .js:
            line = random.pick([
                "const \(a) = await \(b).\(c)(\(n));", "export function \(a)(\(b), \(c)) {", "});",
                "if (!\(a)) { throw new Error('missing \(b)'); }", "import { \(a) } from './\(b)';",
                "\(a).on('\(b)', (\(c)) => console.log(\(c)));", "// see https://example.com/docs/\(a)",
            ])
        case .go:
            line = random.pick([
                "func (s *\(a.capitalizedFirst)) \(b.capitalizedFirst)(ctx context.Context) error {",
                "\(a), err := \(b).\(c.capitalizedFirst)(\(n))", "if err != nil {",
                "return fmt.Errorf(\"\(a): %w\", err)",
                "}", "var \(a) = map[string]int{\"\(b)\": \(n)}",
            ])
        case .java:
            line = random.pick([
                "public \(a.capitalizedFirst) get\(b.capitalizedFirst)() { return \(c); }",
                "private final String \(a) = \"\(b)\";", "@Override", "\(a).set\(b.capitalizedFirst)(\(n));",
                "throw new IllegalStateException(\"\(a)\");", "}",
            ])
        case .yaml:
            line = random.pick([
                "\(a): \(b)", "  \(a): \(n)", "  - name: \(a)", "    value: \"\(b)-\(n)\"",
                "    \(a): ${{ secrets.\(b.uppercased()) }}", "# \(a) for the \(b) stage",
            ])
        case .json:
            line = random.pick([
                "  \"\(a)\": \"\(b)\",", "  \"\(a)\": \(n),", "  \"\(a)\": [\"\(b)\", \"\(c)\"],", "  {", "  },",
            ])
        case .toml:
            line = random.pick(["\(a) = \"\(b)\"", "[\(a).\(b)]", "\(a) = \(n)", "\(a) = [\"\(b)\", \"\(c)\"]"])
        case .md:
            line = random.pick([
                "The \(a) reads the \(b) before the \(c) is ready.", "## \(a.capitalizedFirst)", "- \(a): \(b)",
                "See [\(a)](https://docs.example.org/\(b)) for details.", "```", "",
            ])
        case .sh:
            line = random.pick([
                "export \(a.uppercased())=\"$\(b.uppercased())\"", "if [ -z \"$\(a)\" ]; then", "fi",
                "curl -fsSL https://example.com/\(a) -o \(b)", "echo \"\(a) \(n)\"",
            ])
        case .env:
            line = random.pick(["\(a.uppercased())=\(b)", "\(a.uppercased())=\(n)", "# \(a) settings"])
        case .rb:
            line = random.pick([
                "def \(a)(\(b))", "  @\(a) = \(b).fetch(:\(c), \(n))", "end", "\(a).each do |\(b)|",
                "raise ArgumentError, \"\(a)\" unless \(b)",
            ])
        }
        text += indent + line + "\n"
    }

    /// Adds one fake credential of a random kind (random characters, correct shape).
    mutating func plantSecret() {
        let body = random.characters(36, from: Self.alphanumerics)
        switch random.below(5) {
        case 0: text += "GITHUB_TOKEN = \"ghp_\(body)\"\n"
        case 1: text += "aws_key = \"AKIA\(random.characters(16, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))\"\n"
        case 2:
            text += "DATABASE_URL=postgres://app:\(random.characters(20, from: Self.alphanumerics))@db.internal/app\n"
        case 3:
            text +=
                "slack = \"xoxb-\(100_000_000_0 + random.below(1000))-\(200_000_000_0 + random.below(1000))-\(body.prefix(24))\"\n"
        default:
            text += "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            for _ in 0..<6 { text += random.characters(70, from: Self.alphanumerics + "+/") + "\n" }
            text += "-----END OPENSSH PRIVATE KEY-----\n"
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
