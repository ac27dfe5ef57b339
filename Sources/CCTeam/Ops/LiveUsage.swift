import CCCore
import Foundation

/// Tokens a run has used so far, read from its event stream while it runs (its record only gets
/// the totals from the final `result` event).
///
/// Each `assistant` event carries its API message's `usage`; one message spans several events
/// (one per content block) with the same `message.id`, so the last usage seen per id counts once.
/// Cost is left out: only the final event states it.
enum LiveUsage {
    /// Input (cache included) and output tokens so far; zeros when the stream has no usage.
    static func tokens(inEventsFile path: String) -> (input: Int, output: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return (0, 0) }
        var perMessage: [String: (Int, Int)] = [:]
        var anonymous = (0, 0)
        let marker = Data(#""assistant""#.utf8)
        for line in data.split(separator: UInt8(ascii: "\n")) {
            // Cheap filter before parsing: only assistant events carry usage.
            guard line.range(of: marker) != nil,
                let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                object["type"] as? String == "assistant",
                let message = object["message"] as? [String: Any],
                let usage = message["usage"] as? [String: Any]
            else { continue }
            func count(_ key: String) -> Int { (usage[key] as? NSNumber)?.intValue ?? 0 }
            let input =
                count("input_tokens") + count("cache_creation_input_tokens") + count("cache_read_input_tokens")
            let tokens = (input, count("output_tokens"))
            if let id = message["id"] as? String {
                perMessage[id] = tokens
            } else {
                anonymous = (anonymous.0 + tokens.0, anonymous.1 + tokens.1)
            }
        }
        return perMessage.values.reduce(anonymous) { ($0.0 + $1.0, $0.1 + $1.1) }
    }

    /// The run's usage: its record's once it has any, else (while running) what its events show.
    static func usage(of run: RunRecord, eventsFile: URL) -> RunRecord.Usage {
        guard run.status == .running, run.usage == RunRecord.Usage() else { return run.usage }
        let (input, output) = tokens(inEventsFile: eventsFile.path)
        return RunRecord.Usage(inputTokens: input, outputTokens: output, costUSD: 0)
    }
}
