import CCSecrets
import Foundation

/// `ccbench secrets [--mb N] [--runs N] [--corpus-dir DIR]`: scans a generated source-like corpus
/// with the full built-in rule set on one core and prints the throughput.
enum SecretsBenchmark {
    static let usage = "usage: ccbench secrets [--mb 50] [--runs 3] [--corpus-dir DIR] [--without RULE-ID,...]"

    static func run(_ arguments: [String]) throws -> Int32 {
        var megabytes = 50
        var runs = 3
        var corpusDirectory: String?
        var without: Set<String> = []
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--mb":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw BenchError(usage) }
                megabytes = value
            case "--runs":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw BenchError(usage) }
                runs = value
            case "--corpus-dir":
                guard let value = rest.popFirst() else { throw BenchError(usage) }
                corpusDirectory = value
            case "--without":
                guard let value = rest.popFirst() else { throw BenchError(usage) }
                without = Set(value.split(separator: ",").map(String.init))
            default:
                throw BenchError("unknown option '\(flag)'\n\(usage)")
            }
        }

        let corpus = SourceCorpus(megabytes: megabytes)
        if let corpusDirectory { try write(corpus, to: URL(fileURLWithPath: corpusDirectory)) }
        let rules = try RuleSet.builtin().removing(ruleIDs: without)
        let scanner = SecretScanner(rules: rules)
        let megabytesScanned = Double(corpus.totalBytes) / 1_000_000
        print(
            "corpus: \(corpus.files.count) files, \(String(format: "%.1f", megabytesScanned)) MB, \(corpus.planted) planted fake secrets"
        )
        print("rules: \(rules.rules.count) built-in rules")

        // CPU time of this thread, not wall time: on a shared machine the wall clock also counts the
        // time other processes held the core. Both are printed.
        var best = Double.infinity
        var findings = 0
        var findingsByRule: [String: Int] = [:]
        for run in 1...runs {
            var count = 0
            var byRule: [String: Int] = [:]
            let wallStart = monotonicSeconds()
            let cpuStart = threadCPUSeconds()
            for file in corpus.files {
                let found = scanner.scan(file.bytes, path: file.path)
                count += found.count
                for finding in found { byRule[finding.ruleID, default: 0] += 1 }
            }
            let seconds = threadCPUSeconds() - cpuStart
            let wall = monotonicSeconds() - wallStart
            best = min(best, seconds)
            findings = count
            findingsByRule = byRule
            print(
                "run \(run): \(format(seconds, 3)) s CPU (\(format(megabytesScanned / seconds, 0)) MB/s), "
                    + "\(format(wall, 3)) s wall (\(format(megabytesScanned / wall, 0)) MB/s)")
        }
        print(
            "findings: \(findings) (\(findingsByRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))"
        )
        print("throughput: \(format(megabytesScanned / best, 0)) MB/s per CPU second (best of \(runs), one thread)")
        return 0
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Writes the corpus as files, for other scanners to read the same bytes.
    static func write(_ corpus: SourceCorpus, to directory: URL) throws {
        for file in corpus.files {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }
}

/// A bad benchmark invocation: printed once, exit status 2.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
