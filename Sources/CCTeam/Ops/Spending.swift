public import CCCore
import Foundation

/// What a team's runs spent, by model and by agent: the one sum `status --json`, the launch
/// summary and the report share, so they never disagree.
public struct Spending: Codable, Sendable, Equatable {
    /// Runs, tokens and money of one model or one agent.
    public struct Line: Codable, Sendable, Equatable {
        public var runs: Int
        public var inputTokens: Int
        public var outputTokens: Int
        public var cacheReadTokens: Int
        public var cacheCreationTokens: Int
        public var costUSD: Double

        public init(
            runs: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0,
            cacheCreationTokens: Int = 0, costUSD: Double = 0
        ) {
            self.runs = runs
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.cacheReadTokens = cacheReadTokens
            self.cacheCreationTokens = cacheCreationTokens
            self.costUSD = costUSD
        }

        /// Input plus output tokens, the figure people compare.
        public var tokens: Int { inputTokens + outputTokens }

        mutating func add(_ usage: RunRecord.ModelUsage) {
            inputTokens += usage.inputTokens
            outputTokens += usage.outputTokens
            cacheReadTokens += usage.cacheReadTokens
            cacheCreationTokens += usage.cacheCreationTokens
            costUSD += usage.costUSD
        }
    }

    /// The name spending is filed under when a run's agent never said which model it used.
    public static let unknownModel = "unknown"

    public var byModel: [String: Line]
    public var byAgent: [String: Line]

    public init(byModel: [String: Line] = [:], byAgent: [String: Line] = [:]) {
        self.byModel = byModel
        self.byAgent = byAgent
    }

    /// Sums `runs`. A run's `models` (from `modelUsage`) splits it by model; a run without them
    /// (older records, other CLIs) counts whole under the model its stream named.
    public init(runs: [RunRecord]) {
        self.init()
        for run in runs {
            let parts = Self.parts(of: run)
            byAgent[run.agentId, default: Line()].runs += 1
            for (model, usage) in parts {
                byModel[model, default: Line()].add(usage)
                byAgent[run.agentId, default: Line()].add(usage)
            }
            for model in Set(parts.map(\.model)) { byModel[model, default: Line()].runs += 1 }
        }
    }

    /// A run's spending per model.
    static func parts(of run: RunRecord) -> [(model: String, usage: RunRecord.ModelUsage)] {
        if let models = run.models, !models.isEmpty {
            return models.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return [
            (
                run.model ?? unknownModel,
                RunRecord.ModelUsage(
                    inputTokens: run.usage.inputTokens, outputTokens: run.usage.outputTokens,
                    costUSD: run.usage.costUSD)
            )
        ]
    }

    /// `  claude-sonnet-4-5: 1.2k tokens, $0.0310 (3 runs)` per model, then per agent, sorted.
    public func lines() -> [String] {
        func render(_ title: String, _ rows: [String: Line], order: (String, String) -> Bool) -> [String] {
            guard !rows.isEmpty else { return [] }
            return [title]
                + rows.keys.sorted(by: order).map { key in
                    let line = rows[key]!
                    return "  \(key): \(StatusBoard.tokens(line.tokens)) tokens, "
                        + String(format: "$%.4f", line.costUSD) + " (\(line.runs) run\(line.runs == 1 ? "" : "s"))"
                }
        }
        return render("by model:", byModel, order: <) + render("by agent:", byAgent, order: TeamStatus.agentPrecedes)
    }
}
