/// The `ccmodel` command line: `--script FILE [--port N] [--port-file FILE] [--log FILE]`.
public struct ServerOptions: Sendable, Equatable {
    /// The script file to serve.
    public var scriptPath: String
    /// The port; 0 lets the system choose.
    public var port: UInt16
    /// A file to write the chosen port to (as decimal text), for callers that cannot read stdout.
    public var portFile: String?
    /// A file to log one line per request to.
    public var logPath: String?

    /// Options as given.
    public init(scriptPath: String, port: UInt16 = 0, portFile: String? = nil, logPath: String? = nil) {
        self.scriptPath = scriptPath
        self.port = port
        self.portFile = portFile
        self.logPath = logPath
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws -> ServerOptions {
        var script: String?
        var options = ServerOptions(scriptPath: "")
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            func value() throws -> String {
                guard let value = rest.popFirst() else { throw ModelServerError.badArguments("\(flag) needs a value") }
                return value
            }
            switch flag {
            case "--script": script = try value()
            case "--port":
                let text = try value()
                guard let port = UInt16(text) else { throw ModelServerError.badArguments("bad port '\(text)'") }
                options.port = port
            case "--port-file": options.portFile = try value()
            case "--log": options.logPath = try value()
            default: throw ModelServerError.badArguments("unknown argument '\(flag)'")
            }
        }
        guard let script else { throw ModelServerError.badArguments("--script FILE is required") }
        options.scriptPath = script
        return options
    }
}
