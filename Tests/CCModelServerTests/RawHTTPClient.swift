import Foundation
import Glibc

/// A deliberately dumb HTTP/1.1 client over a loopback socket, so tests see exactly what the
/// server puts on the wire.
final class RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        /// The body, with chunked framing removed.
        var body: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, 0) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Sends a request with a Content-Length body.
    func post(_ target: String, json: String, headers: [String] = []) {
        let head =
            ([
                "POST \(target) HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
                "Content-Length: \(json.utf8.count)",
            ] + headers).joined(separator: "\r\n")
        send(head + "\r\n\r\n" + json)
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func line() -> String? {
        while true {
            if let index = buffer.indices.dropLast().first(where: { buffer[$0] == 13 && buffer[$0 + 1] == 10 }) {
                let text = String(decoding: buffer[0..<index], as: UTF8.self)
                buffer.removeFirst(index + 2)
                return text
            }
            guard fill() else { return nil }
        }
    }

    private func bytes(_ count: Int) -> String? {
        while buffer.count < count { guard fill() else { return nil } }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        buffer.removeFirst(count)
        return text
    }

    /// Reads one response, or `nil` when the server closed the connection first.
    func readResponse(headOnly: Bool = false) -> Response? {
        guard let statusLine = line() else { return nil }
        let status = Int(statusLine.split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        while let header = line(), !header.isEmpty {
            let parts = header.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        if headOnly { return Response(status: status, headers: headers, body: "") }
        var body = ""
        if headers["transfer-encoding"] == "chunked" {
            while let sizeLine = line(), let size = Int(sizeLine, radix: 16) {
                if size == 0 {
                    _ = line()
                    break
                }
                guard let chunk = bytes(size) else { break }
                body += chunk
                _ = line()
            }
        } else if let length = headers["content-length"].flatMap(Int.init) {
            body = bytes(length) ?? ""
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads until `marker` has arrived (or the server closes, or the read times out); returns
    /// everything read so far and keeps it buffered.
    func read(until marker: String) -> String {
        while !String(decoding: buffer, as: UTF8.self).contains(marker), fill() {}
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Shuts the sending side, as a client that half-closes after its request does.
    func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads whatever arrives until the server closes the connection.
    func readUntilClosed() -> String {
        while fill() {}
        return String(decoding: buffer, as: UTF8.self)
    }
}
