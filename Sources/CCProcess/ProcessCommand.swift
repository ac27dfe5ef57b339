public import Foundation

/// What to start: a program, its arguments, where, and with exactly which environment.
///
/// The environment is passed to the child exactly as given: nothing is inherited behind the caller's back.
public struct ProcessCommand: Sendable, Equatable {
    /// A path (containing `/`) or a bare name looked up in the command's own `PATH`.
    public var executable: String
    /// The arguments after `argv[0]`.
    public var arguments: [String]
    /// The child's working directory, or `nil` for the caller's.
    public var workingDirectory: String?
    /// The child's complete environment.
    public var environment: [String: String]
    /// What the child's whole process tree may write; `nil` runs it with the caller's rights.
    public var confinement: Confinement?

    /// A command that inherits the caller's environment unless one is given.
    public init(
        _ executable: String, _ arguments: [String] = [], workingDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, confinement: Confinement? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.confinement = confinement
    }

    /// A shell command line run by `/bin/sh -c`, the way a user's `--test-command` is meant.
    public static func shell(
        _ script: String, workingDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, confinement: Confinement? = nil
    ) -> ProcessCommand {
        ProcessCommand(
            "/bin/sh", ["-c", script], workingDirectory: workingDirectory, environment: environment,
            confinement: confinement)
    }

    /// The absolute path `executable` resolves to (searching the command's own `PATH` for a bare
    /// name), or `nil` when there is no such executable: for `doctor`-style checks before a run.
    public var resolvedExecutable: String? {
        try? Spawner.resolveExecutable(self)
    }

    /// The command as one readable line for logs and error messages, cut after 200 characters.
    public var displayString: String {
        let line = ([executable] + arguments).map { argument in
            argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'\(argument)'" : argument
        }.joined(separator: " ")
        return line.count > 200 ? line.prefix(200) + "..." : line
    }
}

/// An environment entry that marks every process of one run, so leftovers can be found by it later.
///
/// Processes that leave the run's process group (Claude Code's Bash tool starts its commands in new
/// sessions) still inherit the environment, which is how the teardown finds them.
public struct EnvironmentMarker: Sendable, Equatable {
    /// The variable name, for example `CCTEAM_RUN_ID`.
    public var name: String
    /// The value unique to the run.
    public var value: String

    /// A marker `name=value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The entry as it appears in `/proc/PID/environ`.
    var entry: String { "\(name)=\(value)" }
}
