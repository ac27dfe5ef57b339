public import Foundation

/// Finds the executables this package builds, for end-to-end tests of the real binaries.
public enum BuiltTools {
    /// The folder holding the built products: the test bundle's own folder under `.build`.
    public static var productsDirectory: URL {
        // On Linux the test runner lives beside the products it was built with.
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The absolute path of a built tool such as `ccverify`.
    public static func path(_ name: String) -> String {
        productsDirectory.appendingPathComponent(name).path
    }

    /// Runs a built tool and returns everything it printed and its exit status.
    @discardableResult
    public static func run(
        _ name: String, _ arguments: [String], in directory: URL? = nil, input: String? = nil,
        environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        var env = environment ?? ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        return try Shell.run(path(name), arguments, in: directory, input: input, environment: env)
    }
}
