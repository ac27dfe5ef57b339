import CCCore
import Foundation

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

    /// Generates about `megabytes` × 10⁶ bytes; the same arguments always give the same bytes.
    /// `sensitivePercent` is the chance that a generated word is one like `token` or `password`.
    init(megabytes: Int, sensitivePercent: Int = 1) {
        var random = SplitMix(seed: 0x5EC2_E75C)
        let target = megabytes * 1_000_000
        var total = 0
        var index = 0
        while total < target {
            let kind = Kind.allCases[random.below(Kind.allCases.count)]
            var writer = FileWriter(kind: kind, random: random, sensitivePercent: sensitivePercent)
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

    /// Every regular file under `directory` (skipping `.git` and `.build`), for measuring real code.
    init(directory: URL) throws {
        let walker = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey])
        while let url = walker?.nextObject() as? URL {
            if [".git", ".build"].contains(url.lastPathComponent) {
                walker?.skipDescendants()
                continue
            }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.path.dropFirst(directory.path.count + 1))
            files.append(File(path: path, bytes: Array(try Data(contentsOf: url))))
        }
    }

    enum Kind: String, CaseIterable {
        case swift, py, js, go, java, yaml, json, toml, md, sh, env, rb
    }
}

extension SplitMix {
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func characters(_ count: Int, from alphabet: String) -> String {
        let letters = Array(alphabet)
        return String((0..<count).map { _ in letters[below(letters.count)] })
    }
}
