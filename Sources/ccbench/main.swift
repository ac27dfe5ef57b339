// ccbench: benchmarks that print measured figures. `ccbench <name> [options]`; one subcommand per
// benchmark, so others can be added beside `secrets`.
import Foundation

let benchmarks: [String: ([String]) throws -> Int32] = [
    "secrets": SecretsBenchmark.run,
    "verify": { try runVerifyBenchmark(arguments: $0) },
    "tasks": {
        runTaskBenchmarks(arguments: $0)
        return 0
    },
    "spawn": ProcessBenchmark.run,
    "launch": runLaunchBenchmark,
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
