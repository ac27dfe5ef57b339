import CCCore
import CCTeam
import CCTestSupport
import Foundation
import Testing

/// The table from the prompt pack's model tiers to model ids, and the file that changes it.
@Suite struct ModelTiersTests {
    @Test func aTierMapsThroughTheTableAndAConcreteIdIsKeptAsGiven() {
        let tiers = ModelTiers()
        #expect(tiers.resolve("opus") == "claude-opus-4-5")
        #expect(tiers.resolve("claude-3-7-sonnet-20250219") == "claude-3-7-sonnet-20250219")
        #expect(tiers.resolve(nil) == nil)
    }

    @Test func aFileReplacesOnlyTheTiersItNames() throws {
        let directory = try TemporaryDirectory()
        try directory.write("models.yaml", "# cheaper workers\nsonnet: claude-haiku-4-5\nopus: 'claude-opus-4-1'\n")
        let tiers = try ModelTiers.load(directory.url.appendingPathComponent("models.yaml").path)
        #expect(tiers.table == ["haiku": "claude-haiku-4-5", "sonnet": "claude-haiku-4-5", "opus": "claude-opus-4-1"])
    }

    @Test(arguments: [
        ("sonet: x\n", "names 'sonet', which is not a model tier"),
        ("haiku:\n", "gives tier 'haiku' no model id"),
        ("- haiku\n", "is not a mapping of tiers to models"),
        ("haiku: [a\n", "is not valid YAML or JSON"),
    ])
    func aBadFileIsRefusedSayingWhatIsWrong(text: String, message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("models.yaml", text)
        let path = directory.url.appendingPathComponent("models.yaml").path
        let error = try #require(throws: ToolError.self) { try ModelTiers.load(path) }
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.help?.contains("tier: model-id") == true)
        #expect(error.exitStatus == .usage)
    }

    @Test func aMissingFileIsRefused() {
        #expect(throws: ToolError.self) { try ModelTiers.load("/nonexistent/models.yaml") }
    }

    @Test func theTableRoundTripsAsAPlainMappingInTeamJSON() throws {
        let tiers = ModelTiers(["haiku": "h", "sonnet": "s", "opus": "o"])
        let data = try JSONEncoder().encode(tiers)
        #expect(try JSONSerialization.jsonObject(with: data) as? [String: String] == tiers.table)
        #expect(try JSONDecoder().decode(ModelTiers.self, from: data) == tiers)
    }
}
