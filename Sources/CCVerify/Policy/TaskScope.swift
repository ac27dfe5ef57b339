import CCCore
import Foundation

/// A task's own scope: the globs a run may write, which narrow the policy's allow list.
public enum TaskScope {
    /// The environment variable the hook reads a scope from: a JSON array of globs.
    public static let environmentVariable = "CCTEAM_SCOPE"

    /// Compiles scope globs with the same safety rules as policy patterns; `source` names where they came
    /// from (`the task's scope`, `--scope`, `CCTEAM_SCOPE`).
    public static func patterns(
        _ globs: [String], source: String, policy: ScopePolicy
    ) throws(PolicyError) -> [PolicyPattern] {
        var result: [PolicyPattern] = []
        for (index, text) in globs.enumerated() {
            let location = PolicyLocation(source: globs.count > 1 ? "\(source) #\(index + 1)" : source)
            let glob = try PatternSafety.compile(text, at: location)
            let pattern = PolicyPattern(glob: glob, location: PolicyLocation(source: source))
            try PatternSafety.checkCase(
                of: PolicyPattern(glob: glob, location: location), against: policy.effectiveProtected)
            result.append(pattern)
        }
        return result
    }

    /// Reads `CCTEAM_SCOPE` (a JSON array of strings); `nil` when unset or empty.
    public static func fromEnvironment(_ environment: [String: String]) throws(PolicyError) -> [String]? {
        guard let text = environment[environmentVariable], !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return nil
        }
        guard let data = text.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [Any],
            let globs = array as? [String]
        else {
            throw PolicyError(
                "is not a JSON array of glob strings", at: PolicyLocation(source: environmentVariable),
                help: #"set it like CCTEAM_SCOPE='["src/api/**"]'"#)
        }
        return globs.isEmpty ? nil : globs
    }
}
