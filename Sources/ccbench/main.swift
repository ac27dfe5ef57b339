// ccbench: benchmarks that print measured figures. `ccbench <name> [options]`, one name per benchmark.
import Foundation

let benchmarks: [String: ([String]) throws -> Int32] = [
    "secrets": SecretsBenchmark.run,
    "spawn": ProcessBenchmark.run,
    "verify": { try runVerifyBenchmark(arguments: $0) },
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "-h", name != "--help" else {
    print("usage: ccbench <benchmark> [options]\nbenchmarks: \(benchmarks.keys.sorted().joined(separator: ", "))")
    exit(arguments.isEmpty ? 2 : 0)
}
guard let benchmark = benchmarks[name] else {
    FileHandle.standardError.write(Data("error: unknown benchmark '\(name)'\n".utf8))
    exit(2)
}
do {
    exit(try benchmark(Array(arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
