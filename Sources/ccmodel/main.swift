// ccmodel: the scripted model server. Prints `listening 127.0.0.1:PORT` first, then serves until killed.
import CCCore
import CCModelServer
import Foundation

do {
    let options = try ServerOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let server = try ModelServer.start(
        script: try ModelScript.load(from: options.scriptPath), port: options.port, logPath: options.logPath)
    if let portFile = options.portFile {
        try Data("\(server.port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
    }
    // Unbuffered, so a parent reading the pipe sees the port at once.
    FileHandle.standardOutput.write(Data("listening 127.0.0.1:\(server.port)\n".utf8))
    while true { sleep(3600) }
} catch let error as any UserFacingError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    if let help = error.help { FileHandle.standardError.write(Data("help: \(help)\n".utf8)) }
    exit(error.exitStatus.rawValue)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
