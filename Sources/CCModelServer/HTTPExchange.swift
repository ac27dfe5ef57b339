import Foundation

/// One whole HTTP request as the routes see it: NIOHTTP1 parsed it, the connection handler
/// gathered its body.
struct HTTPRequest: Sendable {
    var method: String
    /// The request target as sent, e.g. `/v1/messages?beta=true`.
    var target: String
    /// Header names lowercased, in order.
    var headers: [(name: String, value: String)]
    var body: Data

    /// The target without its query string.
    var path: String { String(target.prefix { $0 != "?" }) }

    /// The first value of a header, by lowercased name.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}

/// What the server answers to one request, decided before a byte is written, so routing stays
/// plain logic and the connection handler only frames it.
struct HTTPReply: Sendable {
    /// How the body goes on the wire.
    enum Body: Sendable {
        /// One JSON document with `Content-Length`.
        case json(JSONValue)
        /// A chunked `text/event-stream`, one chunk per event; `finished: false` leaves the stream
        /// open after the events (a scripted hang) until the client or the server closes it.
        case events([String], finished: Bool)
        /// No response at all: the connection waits, silent, until it is closed (a non-streaming hang).
        case silence
    }

    var status: Int
    /// Extra headers; the handler adds the framing ones (`Content-Type`, `Content-Length`, ...).
    var headers: [(String, String)] = []
    var body: Body
    /// Milliseconds to wait before answering (a scripted slow turn).
    var delayMs: Int = 0
    /// Send the headers without the body (a `HEAD` request).
    var headOnly: Bool = false
}
