/// How RE2 (Go regexp) patterns from gitleaks rule files run under PCRE2.
///
/// Almost all RE2 syntax means the same in PCRE2: `(?i)`, `(?s)`, `(?P<name>...)`, `\A`, `\z`,
/// `\b`, `\pL`, `[[:alpha:]]`, `\Q...\E`, lazy quantifiers. The differences we handle:
/// - `$` in RE2 matches only at the end of the text; PCRE2 also matches before a final newline.
///   Patterns are compiled with `PCRE2_DOLLAR_ENDONLY` to keep RE2's meaning.
/// - `\v` in RE2 is the vertical tab alone; in PCRE2 it is every vertical space. It is rewritten
///   to `\x0B`.
/// - Code points above 0xFF (`\x{263A}`) or non-ASCII literals need UTF mode: such patterns are
///   compiled with `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF`, which never fails on invalid input.
/// - A pattern with a capture group and no `secretGroup` reports its first non-empty group, as
///   gitleaks does.
enum PatternTranslation {
    static func pcre2Pattern(from re2: String) -> String {
        guard re2.contains("\\v") else { return re2 }
        var out = ""
        var escaped = false
        for char in re2 {
            if escaped {
                out += char == "v" ? "x0B" : String(char)
                escaped = false
            } else {
                if char == "\\" { escaped = true }
                out.append(char)
            }
        }
        return out
    }

    /// Whether a pattern can match across a line break, so it must see the whole file instead of
    /// one candidate line: it names a line break (`\n`, `\r`, `\R`, `\x0A`), turns on dot-all
    /// (`(?s`), or uses a class of every byte (`[\s\S]`, `[\S\s]`, `[\w\W]`, `[\d\D]`).
    static func spansLines(_ pattern: String) -> Bool {
        let markers = [
            "\\n", "\\r", "\\R", "\\x0a", "\\x0A", "\\x{0a}", "\\x{0A}", "(?s", "\\s\\S", "\\S\\s", "\\w\\W",
            "\\W\\w", "\\d\\D", "\\D\\d",
        ]
        return markers.contains { pattern.contains($0) }
    }
}
