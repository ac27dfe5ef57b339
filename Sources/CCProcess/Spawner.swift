import CProcessSpawn
import Foundation
import Glibc

/// The file descriptors a child gets as its standard input, output and error.
struct ChildStreams {
    var stdin: Int32
    var stdout: Int32
    var stderr: Int32
}

/// Starts processes through the C shim's fork and exec, never `Foundation.Process`.
///
/// Every child leads its own session (so its process group can be signalled as one), starts with an
/// empty signal mask and default signal dispositions (a parent on a Dispatch thread has SIGTERM
/// blocked, and the mask would otherwise be inherited), gets only fds 0, 1 and 2, and — when the
/// command says so — is confined by Landlock before it execs. `posix_spawn` cannot run that step
/// in the child, which is why the shim forks itself.
enum Spawner {
    /// Ignores SIGPIPE in this process once, so writing to a child that closed its stdin is an error
    /// (EPIPE) instead of our death. Children get the default disposition back.
    static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Spawns `command` with the given streams; returns the child's pid (= its pgid and sid).
    static func spawn(_ command: ProcessCommand, streams: ChildStreams) throws -> pid_t {
        _ = ignoreBrokenPipes
        let path = try resolveExecutable(command)
        if let directory = command.workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw ProcessError.workingDirectoryMissing(directory) }
        }

        // Built here, in the parent: the child only applies it (one system call before exec).
        let ruleset = try command.confinement?.makeRuleset()
        let argv = CStringArray([path] + command.arguments)
        let envp = CStringArray(command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        var pid: pid_t = 0
        func start() -> Int32 {
            ccspawn_start(
                path, argv.pointers, envp.pointers, streams.stdin, streams.stdout, streams.stderr,
                command.workingDirectory, ruleset?.fd ?? -1, &pid)
        }
        var code = start()
        // ETXTBSY: a script just written is still open for writing in a child another thread is
        // starting at this moment (its copy of the fd lives until that child execs). It passes.
        var attempts = 0
        while code == ETXTBSY && attempts < 20 {
            attempts += 1
            usleep(10_000)
            code = start()
        }
        guard code == 0 else {
            if code == ENOENT || code == EACCES { throw ProcessError.executableNotFound(command.executable) }
            throw ProcessError.spawnFailed(command: command.displayString, errno: code)
        }
        return pid
    }

    /// A path containing `/` as given; a bare name searched in the command's own `PATH`.
    static func resolveExecutable(_ command: ProcessCommand) throws -> String {
        let name = command.executable
        if name.contains("/") {
            guard access(name, X_OK) == 0 else { throw ProcessError.executableNotFound(name) }
            return name
        }
        let searchPath = command.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            var candidate = String(folder) + "/" + name
            if !candidate.hasPrefix("/"), let base = command.workingDirectory {
                candidate = base + "/" + candidate
            }
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw ProcessError.executableNotFound(name)
    }
}

/// A NULL-terminated array of C strings that lives as long as the value.
final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() {
            pointers[index] = strdup(string)
        }
        pointers[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(pointers[index]) }
        pointers.deallocate()
    }
}

/// Small wrappers over the fd calls the supervisor needs, with errno mapped to ``ProcessError``.
enum FileDescriptors {
    /// A pipe whose both ends are close-on-exec; returns (read, write).
    static func pipe(for command: ProcessCommand) throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard ccspawn_pipe_cloexec(&fds) == 0 else {
            throw ProcessError.spawnFailed(command: command.displayString, errno: errno)
        }
        return (fds[0], fds[1])
    }

    /// Opens `/dev/null` for reading and writing.
    static func devNull() throws -> Int32 {
        let fd = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw ProcessError.outputFileUnwritable(path: "/dev/null", errno: errno) }
        return fd
    }

    /// Opens `path` for appending, creating it if needed.
    static func appendFile(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProcessError.outputFileUnwritable(path: path, errno: errno) }
        return fd
    }

    /// Makes `fd` non-blocking.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }
}
