import CCTestSupport
import Foundation
import Testing

@testable import CCProcess

/// A confined process tree writes inside its folders and nowhere else, however it tries.
/// These run on the machine's real kernel: a machine without Landlock fails them loudly, since a
/// launch there would refuse to start agents.
@Suite("Confinement: Landlock write rules for a whole process tree")
struct ConfinementTests {
    let sandbox: TemporaryDirectory
    let outside: TemporaryDirectory

    init() throws {
        sandbox = try TemporaryDirectory(prefix: "ccteam-confined")
        outside = try TemporaryDirectory(prefix: "ccteam-outside")
    }

    /// Runs `script` in the sandbox folder, confined to it.
    func confined(_ script: String) async throws -> ProcessResult {
        try await ProcessRunner.run(
            .shell(script, workingDirectory: sandbox.path, confinement: Confinement(writable: [sandbox.path])),
            limits: ProcessLimits(timeout: .seconds(20), grace: .milliseconds(500)))
    }

    @Test func thisKernelOffersLandlock() throws {
        let abi = try Landlock.availability.get()
        #expect(abi >= 1)
        #expect(Landlock.summary.hasPrefix("Landlock ABI \(abi)"))
    }

    @Test func writesInsideTheFolderWorkAndOutsideAreRefusedWithEACCES() async throws {
        let result = try await confined(
            "mkdir -p a/b && echo in > a/b/file && mv a/b/file a/moved && echo out > '\(outside.path)/escaped'")
        #expect(try sandbox.read("a/moved") == "in\n")
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/escaped"))
        #expect(result.exitCode != 0)
        #expect(result.output.contains("Permission denied"))
    }

    @Test func readingAndRunningProgramsOutsideStayAllowed() async throws {
        try outside.write("notes.txt", "readable\n")
        let result = try await confined("cat '\(outside.path)/notes.txt' && ls / > /dev/null && echo ok 2>/dev/null")
        #expect(result.succeeded, "\(result.output)")
        #expect(result.output == "readable\nok\n")
    }

    @Test func aSymlinkPlantedInsideThatPointsOutDoesNotLeadOut() async throws {
        let result = try await confined("ln -s '\(outside.path)' way-out && echo hacked > way-out/planted")
        #expect(FileManager.default.fileExists(atPath: sandbox.path + "/way-out"))
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/planted"))
        #expect(result.output.contains("Permission denied"))
    }

    @Test func aNewSessionAndADoubleForkStayConfined() async throws {
        let target = outside.path
        let result = try await confined(
            """
            setsid sh -c 'echo x > "\(target)/from-setsid" 2>/dev/null; echo $? > setsid.status' < /dev/null
            (sh -c '(echo x > "\(target)/from-grandchild" 2>/dev/null; echo $? > fork.status) &' &)
            while [ ! -s setsid.status ] || [ ! -s fork.status ]; do sleep 0.01; done
            cat setsid.status fork.status
            """)
        #expect(result.output.contains("from-setsid: Permission denied"), "\(result.output)")
        #expect(result.output.contains("from-grandchild: Permission denied"), "\(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
    }

    @Test func renamingAFileOutAndHardLinkingOneInAreRefused() async throws {
        try outside.write("victim.txt", "keep\n")
        try sandbox.write("mine.txt", "mine\n")
        let result = try await confined(
            """
            mv mine.txt '\(outside.path)/mine.txt' 2>/dev/null && echo moved
            ln '\(outside.path)/victim.txt' link.txt 2>/dev/null && echo linked
            truncate -s 0 '\(outside.path)/victim.txt' 2>/dev/null && echo truncated
            rm -f '\(outside.path)/victim.txt' 2>/dev/null && echo removed
            true
            """)
        #expect(result.output == "", "\(result.output)")
        #expect(try outside.read("victim.txt") == "keep\n")
        #expect(try sandbox.read("mine.txt") == "mine\n")
    }

    @Test func aConfinedProcessCannotSignalOneOutsideItsDomain() async throws {
        guard try Landlock.availability.get() >= 6 else { return }
        let bystander = try SupervisedProcess.start(ProcessCommand("sleep", ["30"])) { _ in }
        defer { bystander.stop() }
        let result = try await confined("kill -TERM \(bystander.pid) 2>&1; echo status $?")
        #expect(result.output.contains("status 1"), "\(result.output)")
        #expect(isRunning(bystander.pid))
    }

    @Test func aFolderThatDoesNotExistIsAnErrorNotAWiderSandbox() async throws {
        let command = ProcessCommand.shell(
            "true", confinement: Confinement(writable: [sandbox.path + "/missing"]))
        await #expect(throws: ConfinementError.pathRejected(sandbox.path + "/missing", errno: ENOENT)) {
            _ = try await ProcessRunner.run(command)
        }
    }
}
