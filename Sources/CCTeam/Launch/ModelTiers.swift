import CCCore
import CCPrompt
public import Foundation
import Yams

/// The table from the prompt pack's model tiers (`haiku`, `sonnet`, `opus` in a role's front
/// matter) to the concrete model ids agents are started with. Kept in `team.json` as `modelTiers`,
/// so `resume` runs the same models; `--models FILE` replaces entries of the default table.
public struct ModelTiers: Codable, Sendable, Equatable {
    public var table: [String: String]

    public init(_ table: [String: String] = Self.defaults) {
        self.table = table
    }

    /// Anthropic's current model of each tier.
    public static let defaults = [
        "haiku": "claude-haiku-4-5", "sonnet": "claude-sonnet-4-5", "opus": "claude-opus-4-5",
    ]

    /// A tier name maps through the table; anything else (a concrete id) is used as given.
    public func resolve(_ model: String?) -> String? {
        guard let model else { return nil }
        return table[model] ?? model
    }

    /// The model an agent of `role` runs with: the one asked for (a tier maps through the table),
    /// else the model of the role's declared tier, else nil (the agent's own default).
    func model(asked: String?, role: String, in pack: PromptPack) -> String? {
        resolve(asked) ?? pack.document(.role, named: role)?.model.flatMap { table[$0.rawValue] }
    }

    public init(from decoder: any Decoder) throws {
        table = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(table)
    }

    /// The default table with the entries of a YAML or JSON mapping file (`sonnet: claude-sonnet-4-5`)
    /// put over it. Only the pack's tiers may be named: a typo would otherwise silently change nothing.
    public static func load(_ path: String) throws -> ModelTiers {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ToolError(
                "cannot read the model table \(path)",
                help: "give --models a YAML or JSON file mapping tiers to model ids, e.g. 'sonnet: claude-sonnet-4-5'")
        }
        let tiers = ModelTier.allCases.map(\.rawValue)
        let help = "write one 'tier: model-id' line per tier to change, tiers being " + tiers.joined(separator: ", ")
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ToolError("\(path) is not valid YAML or JSON: \(error)", help: help)
        }
        guard let mapping = node?.mapping else {
            throw ToolError("\(path) is not a mapping of tiers to models", help: help)
        }
        var table = defaults
        for (key, value) in mapping {
            guard let tier = key.string, tiers.contains(tier) else {
                throw ToolError("\(path) names '\(key.string ?? "\(key)")', which is not a model tier", help: help)
            }
            guard let model = value.string, !model.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ToolError("\(path) gives tier '\(tier)' no model id", help: help)
            }
            table[tier] = model
        }
        return ModelTiers(table)
    }
}
