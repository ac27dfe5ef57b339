import CCCore
import CCResources
public import Foundation
import Yams

extension ScopePolicy {
    /// The path of the built-in default policy among the embedded files.
    public static let builtinPath = "policies/scope.yaml"
    /// Where a repository keeps its own policy, relative to its root.
    public static let repositoryPath = ".ccteam/policies/scope.yaml"

    /// The built-in default policy (`policies/scope.yaml`, compiled into the binary).
    public static func builtin() throws(PolicyError) -> ScopePolicy {
        guard let text = BuiltinFiles.text(at: builtinPath) else {
            throw PolicyError(
                "the built-in policy is missing from this build", at: PolicyLocation(source: builtinPath),
                help: "rebuild ccverify; policies/scope.yaml is embedded at build time")
        }
        return try parse(yaml: text, source: "built-in " + builtinPath, over: nil)
    }

    /// The policy in effect: `file` if given, else the repository's `.ccteam/policies/scope.yaml` if it
    /// exists, else the built-in default. Keys an override leaves out keep the built-in values.
    public static func load(file: URL?, repositoryRoot: URL?) throws(PolicyError) -> ScopePolicy {
        let base = try builtin()
        if let file {
            return try parse(contentsOf: file, source: file.relativePath, over: base)
        }
        if let root = repositoryRoot {
            let local = root.appendingPathComponent(repositoryPath)
            if FileManager.default.fileExists(atPath: local.path) {
                return try parse(contentsOf: local, source: repositoryPath, over: base)
            }
        }
        return base
    }

    /// Reads a policy file; `source` is how messages name it.
    public static func parse(
        contentsOf file: URL, source: String, over base: ScopePolicy?
    ) throws(PolicyError) -> ScopePolicy {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw PolicyError(
                "cannot read the policy file", at: PolicyLocation(source: source),
                help: "check that the file exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError("the policy file is not UTF-8 text", at: PolicyLocation(source: source))
        }
        return try parse(yaml: text, source: source, over: base)
    }

    /// Parses policy YAML. Keys absent from it keep their value (and location) from `base`; with no
    /// base, every key is required.
    public static func parse(yaml: String, source: String, over base: ScopePolicy?) throws(PolicyError)
        -> ScopePolicy
    {
        let reader = PolicyReader(source: source)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw reader.syntaxError(error)
        } catch {
            throw PolicyError("is not valid YAML: \(error)", at: PolicyLocation(source: source))
        }
        guard let root, let mapping = root.mapping else {
            if root == nil, let base { return base }
            throw PolicyError(
                "the policy must be a mapping of keys such as 'allow:' and 'deny:'",
                at: reader.location(root), help: "see the built-in policies/scope.yaml for the shape")
        }
        return try reader.read(mapping, over: base)
    }
}

/// Reads one policy document, remembering each value's line.
private struct PolicyReader {
    let source: String

    static let keys = [
        "allow", "deny", "protected", "lockfiles", "allow_lockfiles", "max_files", "max_diff_lines", "symlinks",
        "executable_bits", "executable_allow",
    ]

    func location(_ node: Node?) -> PolicyLocation {
        PolicyLocation(source: source, line: node?.mark?.line)
    }

    func syntaxError(_ error: YamlError) -> PolicyError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return PolicyError(
                "is not valid YAML: \(problem) (column \(mark.column))",
                at: PolicyLocation(source: source, line: mark.line))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PolicyError(
                "the key '\(duplicates.joined(separator: "', '"))' appears more than once",
                at: PolicyLocation(source: source, line: context.mark.line))
        default:
            return PolicyError("is not valid YAML: \(error)", at: PolicyLocation(source: source))
        }
    }

    func read(_ mapping: Node.Mapping, over base: ScopePolicy?) throws(PolicyError) -> ScopePolicy {
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, Self.keys.contains(key) else {
                throw PolicyError(
                    "unknown key '\(keyNode.string ?? "?")'", at: location(keyNode),
                    help: "known keys: " + Self.keys.joined(separator: ", "))
            }
            values[key] = value
        }
        func value<T>(
            _ key: String, _ fallback: T?, _ read: (Node) throws(PolicyError) -> T
        ) throws(PolicyError) -> T {
            if let node = values[key] { return try read(node) }
            guard let fallback else {
                throw PolicyError("the key '\(key):' is missing", at: PolicyLocation(source: source))
            }
            return fallback
        }

        let protected = try value("protected", base?.protected) { node throws(PolicyError) in
            try patterns(node, key: "protected", ignoresCase: true)
        }
        let allProtected = protected + ScopePolicy.alwaysProtected
        let allow = try value("allow", base?.allow) { node throws(PolicyError) in try patterns(node, key: "allow") }
        let deny = try value("deny", base?.deny) { node throws(PolicyError) in try patterns(node, key: "deny") }
        let lockfiles = try value("lockfiles", base?.lockfiles) { node throws(PolicyError) in
            try patterns(node, key: "lockfiles", ignoresCase: true)
        }
        let executableAllow = try value("executable_allow", base?.executableAllow) { node throws(PolicyError) in
            try patterns(node, key: "executable_allow")
        }
        for pattern in allow + executableAllow {
            try PatternSafety.checkCase(of: pattern, against: allProtected)
        }
        let allowLockfiles = try value("allow_lockfiles", base?.allowLockfiles) { node throws(PolicyError) in
            try boolean(node, key: "allow_lockfiles")
        }
        let maxFiles = try value("max_files", base.map { $0.maxFiles }) { node throws(PolicyError) in
            try limit(node, key: "max_files")
        }
        let maxDiffLines = try value("max_diff_lines", base.map { $0.maxDiffLines }) { node throws(PolicyError) in
            try limit(node, key: "max_diff_lines")
        }
        let symlinks = try value("symlinks", base?.symlinks) { node throws(PolicyError) in
            try choice(node, key: "symlinks", as: ScopePolicy.SymlinkRule.self)
        }
        let executableBits = try value("executable_bits", base?.executableBits) { node throws(PolicyError) in
            try choice(node, key: "executable_bits", as: ScopePolicy.ExecutableRule.self)
        }

        return ScopePolicy(
            allow: allow, deny: deny, protected: protected, lockfiles: lockfiles, allowLockfiles: allowLockfiles,
            maxFiles: maxFiles, maxDiffLines: maxDiffLines, symlinks: symlinks, executableBits: executableBits,
            executableAllow: executableAllow)
    }

    func patterns(_ node: Node, key: String, ignoresCase: Bool = false) throws(PolicyError) -> [PolicyPattern] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else {
            throw PolicyError(
                "'\(key):' must be a list of patterns", at: location(node),
                help: "write one pattern per line, each starting with '- '")
        }
        var result: [PolicyPattern] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                throw PolicyError("each '\(key):' entry must be a pattern string", at: location(item))
            }
            let where_ = location(item)
            let glob = try PatternSafety.compile(scalar.string, at: where_, ignoresCase: ignoresCase)
            result.append(PolicyPattern(glob: glob, location: where_))
        }
        return result
    }

    /// Whether a value is YAML's null (`~`, `null`, or nothing at all).
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func boolean(_ node: Node, key: String) throws(PolicyError) -> PolicySetting<Bool> {
        guard let value = node.bool else {
            throw PolicyError("'\(key):' must be true or false, not '\(node.string ?? "?")'", at: location(node))
        }
        return PolicySetting(value, at: location(node))
    }

    func limit(_ node: Node, key: String) throws(PolicyError) -> PolicySetting<Int>? {
        if isNull(node) || node.scalar?.string == "none" { return nil }
        guard let value = node.int, value > 0 else {
            throw PolicyError(
                "'\(key):' must be a positive whole number (or 'none'), not '\(node.string ?? "?")'",
                at: location(node))
        }
        return PolicySetting(value, at: location(node))
    }

    func choice<Value: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ node: Node, key: String, as type: Value.Type
    ) throws(PolicyError) -> PolicySetting<Value> where Value.RawValue == String {
        guard let text = node.string, let value = Value(rawValue: text) else {
            throw PolicyError(
                "'\(key):' must be one of \(Value.allCases.map { $0.rawValue }.joined(separator: ", ")), "
                    + "not '\(node.string ?? "?")'",
                at: location(node))
        }
        return PolicySetting(value, at: location(node))
    }
}
