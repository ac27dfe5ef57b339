import Foundation
import PackagePlugin

/// `swift package verify-changes [--base REF] [--head REF] ...`: runs `ccverify diff` on the package's
/// repository. Reads only, so it needs no permission flags in CI.
@main
struct VerifyChanges: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "ccverify")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["diff"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw VerifyChangesError(status: process.terminationStatus)
        }
    }
}

/// One error for a failed verification; ccverify has already printed the findings.
struct VerifyChangesError: Error, CustomStringConvertible {
    let status: Int32
    var description: String {
        status == 1
            ? "verification failed: see the findings above"
            : "ccverify could not verify the change (exit \(status)): see the message above"
    }
}
