// ccbench: benchmarks that print measured figures. `ccbench tasks [options]`.
let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "tasks":
    runTaskBenchmarks(arguments: Array(benchArguments.dropFirst()))
default:
    print("usage: ccbench tasks [--tasks N] [--processes N] [--list-tasks N] [--dir PATH]")
}
