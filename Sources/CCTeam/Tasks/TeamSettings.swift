public import CCCore
import Foundation

/// The parts of `team.json` the task tools read. Other helpers own the rest of the file, so this
/// reads only its own keys and ignores everything else.
public struct TeamSettings: Sendable, Equatable {
    /// Whether workers may create tasks through `TaskCreate` (by default only the lead may).
    public var workersMayCreateTasks: Bool

    public init(workersMayCreateTasks: Bool = false) {
        self.workersMayCreateTasks = workersMayCreateTasks
    }

    /// Reads `teams/<team>/team.json`; a missing file means the defaults.
    public static func load(_ location: TeamLocation) throws(TeamSettingsError) -> TeamSettings {
        let file = TeamPaths.teamDirectory(root: location.root, team: location.team)
            .appendingPathComponent("team.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return TeamSettings() }
        struct Keys: Decodable { var workersMayCreateTasks: Bool? }
        do {
            let keys = try JSONDecoder().decode(Keys.self, from: data)
            return TeamSettings(workersMayCreateTasks: keys.workersMayCreateTasks ?? false)
        } catch DecodingError.typeMismatch(_, let context) {
            let key = context.codingPath.last?.stringValue ?? "the file"
            throw .invalid(path: file.path, reason: "'\(key)' has the wrong type")
        } catch {
            throw .invalid(path: file.path, reason: "it is not a JSON object")
        }
    }
}

/// `team.json` could not be read.
public enum TeamSettingsError: UserFacingError, Equatable {
    case invalid(path: String, reason: String)

    public var message: String {
        switch self {
        case .invalid(let path, let reason): "team settings '\(path)' are not valid: \(reason)"
        }
    }

    public var help: String? { "fix the file by hand, or delete it to use the defaults" }
}
