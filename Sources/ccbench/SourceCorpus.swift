/// A deterministic, source-like corpus: files of code in several languages, config files and
/// Markdown, with an honest share of lines naming keys, tokens, secrets and passwords, and a few
/// planted fake credentials (built from random characters, never real ones).
struct SourceCorpus {
    /// One generated file: a relative path and its bytes.
    struct File {
        var path: String
        var bytes: [UInt8]
    }

    var files: [File] = []
    /// How many fake credentials were planted.
    var planted = 0
    var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// Generates about `megabytes` × 10⁶ bytes; the same size always gives the same bytes.
    init(megabytes: Int) {
        var random = SplitMix(seed: 0x5EC2_E75C)
        let target = megabytes * 1_000_000
        var total = 0
        var index = 0
        while total < target {
            let kind = Kind.allCases[random.below(Kind.allCases.count)]
            var writer = FileWriter(kind: kind, random: random)
            let size = 4_000 + random.below(60_000)
            while writer.text.utf8.count < size { writer.addLine() }
            if index % 40 == 7 {
                writer.plantSecret()
                planted += 1
            }
            random = writer.random
            let file = File(
                path: "src/module\(index / 50)/file\(index).\(kind.rawValue)", bytes: Array(writer.text.utf8))
            total += file.bytes.count
            files.append(file)
            index += 1
        }
    }

    enum Kind: String, CaseIterable {
        case swift, py, js, go, java, yaml, json, toml, md, sh, env, rb
    }
}

/// A small, fast, seedable generator (SplitMix64), so the corpus is the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func characters(_ count: Int, from alphabet: String) -> String {
        let letters = Array(alphabet)
        return String((0..<count).map { _ in letters[below(letters.count)] })
    }
}
