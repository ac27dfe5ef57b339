// ccmodel: the scripted model server. Prints `listening 127.0.0.1:PORT` first, then serves until
// SIGTERM or SIGINT, which close every connection and exit 0.
import CCCore
import CCModelServer
import Foundation

// Before any thread exists, so the signals reach only the wait below.
ShutdownSignals.block()
do {
    let server = try ModelServer.start(options: try ServerOptions.parse(Array(CommandLine.arguments.dropFirst())))
    // Unbuffered, so a parent reading the pipe sees the port at once.
    FileHandle.standardOutput.write(Data("listening 127.0.0.1:\(server.port)\n".utf8))
    _ = ShutdownSignals.wait()
    server.stop()
    exit(0)
} catch let error as any UserFacingError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    if let help = error.help { FileHandle.standardError.write(Data("help: \(help)\n".utf8)) }
    exit(error.exitStatus.rawValue)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
