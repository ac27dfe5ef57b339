public import CCCore
import Foundation

/// Why a process could not be started. Once started, how it ended is a ``ProcessResult``, never an error.
public enum ProcessError: UserFacingError, Equatable {
    /// No executable of that name on the command's `PATH`, or the path is not executable.
    case executableNotFound(String)
    /// The working directory does not exist or is not a directory.
    case workingDirectoryMissing(String)
    /// The output file for standard error could not be opened.
    case outputFileUnwritable(path: String, errno: Int32)
    /// The kernel refused to create a pipe or the process.
    case spawnFailed(command: String, errno: Int32)

    public var message: String {
        switch self {
        case .executableNotFound(let name):
            "cannot run '\(name)': no such executable"
        case .workingDirectoryMissing(let path):
            "cannot run in '\(path)': no such directory"
        case .outputFileUnwritable(let path, let code):
            "cannot write '\(path)': \(String(cString: strerror(code)))"
        case .spawnFailed(let command, let code):
            "cannot start '\(command)': \(String(cString: strerror(code)))"
        }
    }

    public var help: String? {
        switch self {
        case .executableNotFound: "install it, or give its absolute path"
        case .workingDirectoryMissing: "create the directory or pass an existing one"
        case .outputFileUnwritable: "check that its folder exists and is writable"
        case .spawnFailed: "check the system's process and file limits (ulimit -u, ulimit -n)"
        }
    }

    public var exitStatus: ExitStatus { .usage }
}
