public import Foundation

/// The one JSON dialect every file the toolkit writes uses: sorted keys, ISO 8601 dates with
/// milliseconds (leases need sub-second precision), pretty-printed for people who open the files.
public enum JSONCoding {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }
}

/// ISO 8601 timestamps in UTC, with or without fractional seconds.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        // The formatter truncates to whole milliseconds, and parsing lands a hair below the value
        // written, so a date read and written again lost a millisecond every time. Round to the
        // nearest millisecond and format from the middle of it instead.
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        let centered = Date(timeIntervalSinceReferenceDate: (milliseconds + 0.5) / 1000)
        return centered.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
