import CCCore
import CCGit
public import CCProcess
public import Foundation

/// One line of `ccteam doctor`: a check, how it came out, and how to fix it when it did not pass.
public struct DoctorCheck: Sendable, Equatable {
    /// How a check came out; only `failed` makes the doctor exit 1.
    public enum Outcome: String, Sendable {
        case passed, warning, failed
    }

    /// What was checked, e.g. `Claude Code CLI`.
    public var name: String
    public var outcome: Outcome
    /// What was found: a path and version, or what is wrong.
    public var detail: String
    /// What to do about a warning or failure.
    public var fix: String?

    /// A check result; `fix` is expected for warnings and failures.
    public init(name: String, outcome: Outcome, detail: String, fix: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
        self.fix = fix
    }

    /// The printed line (and its fix line), with ✔/!/✘ on a terminal, `ok`/`warn`/`FAIL` off one.
    public func lines(unicode: Bool) -> [String] {
        let mark =
            switch outcome {
            case .passed: unicode ? "✔" : "ok  "
            case .warning: unicode ? "!" : "warn"
            case .failed: unicode ? "✘" : "FAIL"
            }
        var lines = ["\(mark) \(name): \(detail)"]
        if let fix { lines.append((unicode ? "  " : "     ") + "fix: " + fix) }
        return lines
    }
}

/// `ccteam doctor`: what a team needs on this machine and in this repository, and how to get
/// what is missing. Everything it looks at is injectable, so each check is tested both ways.
public struct Doctor: Sendable {
    /// The folder the user runs in.
    public var directory: URL
    /// The environment agents would inherit (API keys, PATH, `CCTEAM_CLAUDE`, `IS_SANDBOX`).
    public var environment: [String: String]
    /// Where the setup cache (`~/.cache/ccteam`) is looked for.
    public var homeDirectory: String
    /// The folder holding the running `ccteam` (where `ccverify` must be too).
    public var toolsDirectory: URL?
    /// Root needs `IS_SANDBOX=1` for `bypassPermissions`.
    public var effectiveUserID: UInt32
    /// Native libraries and their versions, as loaded (name, version).
    public var libraries: [LibraryVersion]
    /// How long `claude --version` may take.
    public var versionTimeout: Duration
    /// What the kernel offers for confining agents.
    public var landlock: Result<Int, ConfinementError> = Landlock.availability

    /// A native library the tools link.
    public struct LibraryVersion: Sendable, Equatable {
        /// The library as users know it: `libgit2`, `PCRE2`.
        public var name: String
        /// Its version as the loaded library reports it.
        public var version: String
        /// The runtime package providing it, for the message.
        public var package: String

        /// A library, its loaded version and its runtime package.
        public init(name: String, version: String, package: String) {
            self.name = name
            self.version = version
            self.package = package
        }
    }

    /// A doctor for `directory`; everything else defaults to this process and machine.
    public init(
        directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(), toolsDirectory: URL? = Doctor.runningToolsDirectory(),
        effectiveUserID: UInt32 = geteuid(), libraries: [LibraryVersion], versionTimeout: Duration = .seconds(20)
    ) {
        self.directory = directory
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.toolsDirectory = toolsDirectory
        self.effectiveUserID = effectiveUserID
        self.libraries = libraries
        self.versionTimeout = versionTimeout
    }

    /// The folder of the running executable, from `/proc/self/exe`.
    public static func runningToolsDirectory() -> URL? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    /// libgit2's version as loaded, for ``libraries``.
    public static var libgit2: LibraryVersion {
        LibraryVersion(name: "libgit2", version: LibGit2Version.current, package: "libgit2-1.5")
    }

    /// Runs every check, in the order they are printed.
    public func run() -> [DoctorCheck] {
        var checks = [repositoryCheck()]
        checks += libraries.map {
            DoctorCheck(name: $0.name, outcome: .passed, detail: "\($0.version) loaded (runtime package \($0.package))")
        }
        checks.append(confinementCheck())
        checks.append(claudeCheck())
        checks.append(credentialsCheck())
        checks.append(ccverifyCheck())
        checks.append(rootCheck())
        return checks
    }

    /// Which confinement this machine gives agents, and why (a launch refuses without it).
    func confinementCheck() -> DoctorCheck {
        switch landlock {
        case .success(let abi):
            return DoctorCheck(name: "confinement", outcome: .passed, detail: Landlock.summary(abi: abi))
        case .failure(let error):
            return DoctorCheck(
                name: "confinement", outcome: .failed,
                detail: error.message + "; 'ccteam launch' refuses to start agents here", fix: error.help)
        }
    }

    func repositoryCheck() -> DoctorCheck {
        let name = "git repository"
        let repository: Repository
        do {
            repository = try Repository.discover(from: directory.path)
        } catch let error as GitError {
            return DoctorCheck(name: name, outcome: .failed, detail: error.message, fix: error.help)
        } catch {
            return DoctorCheck(name: name, outcome: .failed, detail: "\(error)")
        }
        let root = repository.isLinkedWorktree ? "a linked worktree at \(repository.root)" : repository.root
        let exclude = repository.commonDirectory + "/info/exclude"
        let lines = ((try? String(contentsOfFile: exclude, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.contains(where: { [".ccteam/", ".ccteam", "/.ccteam/", "/.ccteam"].contains($0) }) {
            return DoctorCheck(name: name, outcome: .passed, detail: "\(root), .ccteam/ excluded from git")
        }
        return DoctorCheck(
            name: name, outcome: .warning, detail: "\(root), but .ccteam/ is not in \(exclude) yet",
            fix: "ccteam adds it on first use; to do it now: echo .ccteam/ >> \(exclude)")
    }

    func claudeCheck() -> DoctorCheck {
        let name = "Claude Code CLI"
        let locator = ClaudeLocator(environment: environment, homeDirectory: homeDirectory)
        guard let (path, source) = locator.locate() else {
            return DoctorCheck(
                name: name, outcome: .failed, detail: "not found (looked at $CCTEAM_CLAUDE, the setup cache and PATH)",
                fix: ClaudeLocator.notFound.help)
        }
        let command = ProcessCommand(path, ["--version"], environment: environment)
        let outcome = Result {
            try ProcessRunner.runBlocking(command, limits: ProcessLimits(timeout: versionTimeout, grace: .seconds(1)))
        }
        guard case .success(let result) = outcome, result.succeeded else {
            let why =
                switch outcome {
                case .success(let result) where result.timedOut: "did not answer within \(versionTimeout)"
                case .success(let result): "exited with \(result.termination)"
                case .failure(let error as ProcessError): "could not start: \(error.message)"
                case .failure(let error): "could not start: \(error)"
                }
            return DoctorCheck(
                name: name, outcome: .failed, detail: "\(path) (from \(source.rawValue)): '\(path) --version' \(why)",
                fix: "reinstall it ('bash scripts/setup.sh --claude') or point CCTEAM_CLAUDE at a working one")
        }
        let version = result.output.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown version"
        return DoctorCheck(name: name, outcome: .passed, detail: "\(version) at \(path) (from \(source.rawValue))")
    }

    func credentialsCheck() -> DoctorCheck {
        let name = "API access"
        let set = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"].filter { !(environment[$0] ?? "").isEmpty }
        if !set.isEmpty {
            return DoctorCheck(name: name, outcome: .passed, detail: set.joined(separator: " and ") + " set")
        }
        return DoctorCheck(
            name: name, outcome: .failed, detail: "neither ANTHROPIC_API_KEY nor ANTHROPIC_BASE_URL is set",
            fix:
                "export ANTHROPIC_API_KEY=... (or ANTHROPIC_BASE_URL for a gateway); agents inherit the launcher's environment"
        )
    }

    func ccverifyCheck() -> DoctorCheck {
        let name = "ccverify"
        guard let toolsDirectory else {
            return DoctorCheck(
                name: name, outcome: .failed, detail: "cannot tell where ccteam runs from (/proc/self/exe unreadable)")
        }
        let path = toolsDirectory.appendingPathComponent("ccverify").path
        if FileManager.default.isExecutableFile(atPath: path) {
            return DoctorCheck(name: name, outcome: .passed, detail: "\(path) (the write-scope hook runs it)")
        }
        return DoctorCheck(
            name: name, outcome: .failed,
            detail: "not found beside ccteam at \(path); agents would run without the write-scope hook",
            fix: "build it with 'swift build --product ccverify' (or install ccverify into \(toolsDirectory.path))")
    }

    func rootCheck() -> DoctorCheck {
        let name = "user"
        guard effectiveUserID == 0 else {
            return DoctorCheck(name: name, outcome: .passed, detail: "not root")
        }
        if environment["IS_SANDBOX"] == "1" {
            return DoctorCheck(
                name: name, outcome: .passed, detail: "root, with IS_SANDBOX=1 (bypassPermissions allowed)")
        }
        return DoctorCheck(
            name: name, outcome: .warning,
            detail: "running as root: Claude Code refuses --permission-mode bypassPermissions without IS_SANDBOX=1",
            fix:
                "export IS_SANDBOX=1 inside a disposable sandbox, or run as an ordinary user (acceptEdits works either way)"
        )
    }
}
