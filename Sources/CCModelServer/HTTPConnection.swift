import Foundation
import Glibc

/// One parsed HTTP/1.1 request.
struct HTTPRequest: Sendable {
    var method: String
    /// The request target as sent, e.g. `/v1/messages?beta=true`.
    var target: String
    var version: String
    /// Header names lowercased, in order.
    var headers: [(name: String, value: String)]
    var body: Data

    /// The target without its query string.
    var path: String { String(target.prefix { $0 != "?" }) }

    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// Whether the client wants the connection kept open after the response.
    var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        return version == "HTTP/1.0" ? connection.contains("keep-alive") : !connection.contains("close")
    }
}

/// Why a request could not be read.
enum HTTPReadError: Error {
    /// The client closed or reset the connection.
    case closed
    /// The bytes are not HTTP/1.1; answer 400 and close.
    case malformed(String)
    /// Headers or body beyond the limits; answer 413 and close.
    case tooLarge
}

/// Blocking HTTP/1.1 over one accepted socket, on the connection's own thread.
final class HTTPConnection {
    let fd: Int32
    private var buffer: [UInt8] = []
    private static let maxHeaderBytes = 64 * 1024
    private static let maxBodyBytes = 64 * 1024 * 1024

    init(fd: Int32) { self.fd = fd }

    /// Receives more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            throw HTTPReadError.closed
        }
    }

    /// Reads the next request; `nil` when the client closed the connection between requests.
    func readRequest() throws -> HTTPRequest? {
        var headEnd: Int?
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) {
                headEnd = end
                break
            }
            if buffer.count > Self.maxHeaderBytes { throw HTTPReadError.tooLarge }
            if try !fill() {
                if buffer.isEmpty { return nil }
                throw HTTPReadError.closed
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw HTTPReadError.malformed("bad request line")
        }
        var headers: [(String, String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPReadError.malformed("bad header line") }
            headers.append(
                (
                    line[..<colon].lowercased(),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                ))
        }
        var request = HTTPRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), version: String(requestLine[2]),
            headers: headers, body: Data())
        if request.header("expect")?.lowercased() == "100-continue" {
            try write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        if request.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            request.body = try readChunkedBody()
        } else if let lengthText = request.header("content-length") {
            guard let length = Int(lengthText), length >= 0 else { throw HTTPReadError.malformed("bad Content-Length") }
            guard length <= Self.maxBodyBytes else { throw HTTPReadError.tooLarge }
            request.body = Data(try readExactly(length))
        }
        return request
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw HTTPReadError.closed }
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func readLine() throws -> String {
        while true {
            if let end = Self.find([13, 10], in: buffer) {
                let line = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            if buffer.count > Self.maxHeaderBytes { throw HTTPReadError.tooLarge }
            guard try fill() else { throw HTTPReadError.closed }
        }
    }

    private func readChunkedBody() throws -> Data {
        var body = Data()
        while true {
            let sizeText = try readLine().prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw HTTPReadError.malformed("bad chunk size")
            }
            if size == 0 {
                // Trailers, up to the empty line.
                while try !readLine().isEmpty {}
                return body
            }
            guard body.count + size <= Self.maxBodyBytes else { throw HTTPReadError.tooLarge }
            body.append(contentsOf: try readExactly(size))
            guard try readLine().isEmpty else { throw HTTPReadError.malformed("chunk without CRLF") }
        }
    }

    /// Sends all of `bytes`; throws when the client is gone.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw HTTPReadError.closed
            }
            offset += sent
        }
    }

    /// Blocks until the client closes the connection, the server shuts the socket down, or the
    /// idle timeout passes.
    func waitForClose() {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 || (count < 0 && errno != EINTR) { return }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && Array(haystack[start..<(start + needle.count)]) == needle {
            return start
        }
        return nil
    }
}

/// Response writing: whole bodies with Content-Length, or a chunked event stream.
extension HTTPConnection {
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 529: "Overloaded"
        default: "Error"
        }
    }

    func respond(
        status: Int, headers: [(String, String)] = [], json: JSONValue?, keepAlive: Bool, headOnly: Bool = false
    ) throws {
        let body = json.map { Array($0.compactText.utf8) } ?? []
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        var all = headers
        all.append(("Content-Type", "application/json"))
        all.append(("Content-Length", "\(body.count)"))
        all.append(("Connection", keepAlive ? "keep-alive" : "close"))
        for (name, value) in all { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8) + (headOnly ? [] : body))
    }

    func startEventStream(headers: [(String, String)], keepAlive: Bool) throws {
        var head = "HTTP/1.1 200 OK\r\n"
        var all = headers
        all.append(("Content-Type", "text/event-stream"))
        all.append(("Cache-Control", "no-cache"))
        all.append(("Transfer-Encoding", "chunked"))
        all.append(("Connection", keepAlive ? "keep-alive" : "close"))
        for (name, value) in all { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8))
    }

    func sendChunk(_ text: String) throws {
        let bytes = Array(text.utf8)
        try write(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10])
    }

    func endEventStream() throws {
        try write(Array("0\r\n\r\n".utf8))
    }
}
