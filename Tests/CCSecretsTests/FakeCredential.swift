import CCCore

/// Deterministic random characters for building fake credentials in tests, so no test source
/// holds anything that looks like a committed key, yet every sample has the right shape.
struct FakeCredential {
    private var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    static let upperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lowerLetters = "abcdefghijklmnopqrstuvwxyz"
    static let digitCharacters = "0123456789"

    mutating func from(_ alphabet: String, _ count: Int) -> String {
        let letters = Array(alphabet)
        return String((0..<count).map { _ in letters[random.below(letters.count)] })
    }

    /// Letters and digits.
    mutating func alnum(_ count: Int) -> String {
        from(Self.upperLetters + Self.lowerLetters + Self.digitCharacters, count)
    }
    /// Lower-case hexadecimal.
    mutating func hex(_ count: Int) -> String { from("0123456789abcdef", count) }
    /// Upper-case letters and digits.
    mutating func upper(_ count: Int) -> String { from(Self.upperLetters + Self.digitCharacters, count) }
    /// Lower-case letters and digits.
    mutating func lower(_ count: Int) -> String { from(Self.lowerLetters + Self.digitCharacters, count) }
    /// Letters only.
    mutating func letters(_ count: Int) -> String { from(Self.upperLetters + Self.lowerLetters, count) }
    mutating func digits(_ count: Int) -> String { from(Self.digitCharacters, count) }
    /// The base64 alphabet.
    mutating func base64(_ count: Int) -> String { alnum(count - count / 8) + from("+/", count / 8) }
    /// The URL-safe base64 alphabet.
    mutating func urlSafe(_ count: Int) -> String { alnum(count - count / 8) + from("_-", count / 8) }
    /// RFC 4648 base32.
    mutating func base32(_ count: Int) -> String { from(Self.upperLetters + "234567", count) }
    /// A lower-case UUID.
    mutating func uuid() -> String { hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) }
}
