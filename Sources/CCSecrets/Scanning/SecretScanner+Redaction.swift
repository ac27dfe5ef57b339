/// Masking secrets inside text that is kept, such as an agent's event stream.
extension SecretScanner {
    /// `text` with every secret the rules find replaced by its redacted form. Text without
    /// secrets comes back unchanged; so does text whose only findings cover a whole file.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let ranges = scan(bytes, path: "<redaction>").compactMap(\.byteRange).sorted { $0.lowerBound < $1.lowerBound }
        guard !ranges.isEmpty else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        for range in ranges where range.lowerBound >= position && range.upperBound <= bytes.count {
            output += bytes[position..<range.lowerBound]
            let masked = bytes[range].withUnsafeBytes { SecretText.redact($0) }
            // The mask goes into JSON text: keep it free of quotes and backslashes (stars and letters).
            output += Array(masked.utf8)
            position = range.upperBound
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }
}
