import Foundation

/// What may be said about a secret without revealing it: its redacted form, its fingerprint and
/// its entropy. The raw bytes never leave this file's functions.
enum SecretText {
    /// Secrets shorter than this many characters are shown as stars only.
    static let shortLength = 12

    /// The first 4 and last 2 characters around an ellipsis, or stars for a short secret.
    static func redact(_ secret: UnsafeRawBufferPointer) -> String {
        let scalars = Array(String(decoding: secret, as: UTF8.self).unicodeScalars)
        guard scalars.count >= shortLength else { return "********" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[0..<4])
        view.append("…")
        view.append(contentsOf: scalars[(scalars.count - 2)...])
        return String(view)
    }

    /// A stable, one-way identity: SHA-256 of rule id, path and secret, truncated to 32 hex digits.
    static func fingerprint(ruleID: String, path: String, secret: UnsafeRawBufferPointer) -> String {
        var message = Array(ruleID.utf8)
        message.append(0)
        message.append(contentsOf: path.utf8)
        message.append(0)
        message.append(contentsOf: secret)
        return String(SHA256.hex(message).prefix(32))
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: UnsafeRawBufferPointer) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let probability = Double(count) / total
            entropy -= probability * log2(probability)
        }
        return entropy
    }
}
