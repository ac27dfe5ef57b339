import Foundation

/// Turns a parsed TOML document in the gitleaks schema into a ``RuleSet``.
///
/// Known keys must have the right type (a wrong type is an error naming its line); keys this
/// scanner does not use are ignored so newer gitleaks files still load.
struct RuleFileDecoder {
    let source: String

    static func decode(
        toml: String, source: String, baseDirectory: URL?, builtin: RuleSet?, depth: Int = 0
    ) throws(RuleFileError) -> RuleSet {
        let document: TOMLTable
        do {
            document = try TOMLParser.parse(toml)
        } catch {
            throw RuleFileError(
                source: source, line: error.line, reason: error.reason, help: "fix the TOML syntax at that line")
        }
        let decoder = RuleFileDecoder(source: source)
        var rules: [(SecretRule, Int?)] = []
        if let value = document["rules"] {
            for (table, line) in try decoder.tables(value, key: "rules", line: document.line(of: "rules")) {
                rules.append((try decoder.rule(table), line))
            }
        }
        var allowlists: [(SecretAllowlist, Int?)] = []
        if let value = document["allowlist"] {
            let table = try decoder.table(value, key: "allowlist", line: document.line(of: "allowlist"))
            allowlists.append((try decoder.allowlist(table), table.line))
        }
        if let value = document["allowlists"] {
            for (table, line) in try decoder.tables(value, key: "allowlists", line: document.line(of: "allowlists")) {
                allowlists.append((try decoder.allowlist(table), line))
            }
        }
        let title = try decoder.string(document, "title")
        let own = try RuleSet(rules: rules, allowlists: allowlists, source: source, title: title)
        guard let extendValue = document["extend"] else { return own }
        let extend = try decoder.table(extendValue, key: "extend", line: document.line(of: "extend"))
        return try decoder.extending(
            own, with: extend, baseDirectory: baseDirectory, builtin: builtin, depth: depth)
    }

    /// `[extend]`: `useDefault = true` starts from the built-in rules, `path` from another file;
    /// `disabledRules` drops base rules; a rule with a base rule's id replaces it.
    func extending(_ own: RuleSet, with extend: TOMLTable, baseDirectory: URL?, builtin: RuleSet?, depth: Int)
        throws(RuleFileError) -> RuleSet
    {
        var bases: [RuleSet] = []
        if try bool(extend, "useDefault") == true {
            guard let builtin else {
                throw RuleFileError(
                    source: source, line: extend.line(of: "useDefault"),
                    reason: "the built-in rules cannot extend themselves")
            }
            bases.append(builtin)
        }
        if let path = try string(extend, "path") {
            guard depth < 4 else {
                throw RuleFileError(
                    source: source, line: extend.line(of: "path"), reason: "[extend] files nest more than 4 deep",
                    help: "check for a cycle of rule files extending each other")
            }
            let url = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
            bases.append(try RuleSet.load(contentsOf: url, depth: depth + 1))
        }
        let disabled = Set(try strings(extend, "disabledRules"))
        let ownIDs = Set(own.compiledRules.map(\.rule.id))
        var rules: [CompiledRule] = []
        var lists: [CompiledAllowlist] = []
        for base in bases {
            rules += base.compiledRules.filter { !disabled.contains($0.rule.id) && !ownIDs.contains($0.rule.id) }
            lists += base.compiledAllowlists
        }
        return RuleSet(
            source: source, title: own.title, compiledRules: rules + own.compiledRules,
            compiledAllowlists: lists + own.compiledAllowlists)
    }

    func rule(_ table: TOMLTable) throws(RuleFileError) -> SecretRule {
        guard let id = try string(table, "id") else {
            throw RuleFileError(
                source: source, line: table.line, reason: "a [[rules]] entry has no 'id'",
                help: "add id = \"a-unique-name\" to the rule")
        }
        var allowlists: [SecretAllowlist] = []
        if let value = table["allowlist"] {
            allowlists.append(try allowlist(try self.table(value, key: "allowlist", line: table.line(of: "allowlist"))))
        }
        if let value = table["allowlists"] {
            for (entry, _) in try tables(value, key: "allowlists", line: table.line(of: "allowlists")) {
                allowlists.append(try allowlist(entry))
            }
        }
        var secretGroup: Int?
        if let value = table["secretGroup"] {
            guard case .integer(let group) = value else {
                throw typeError(table, "secretGroup", expected: "an integer", found: value)
            }
            secretGroup = Int(group)
        }
        var entropy: Double?
        if let value = table["entropy"] {
            switch value {
            case .float(let number): entropy = number
            case .integer(let number): entropy = Double(number)
            default: throw typeError(table, "entropy", expected: "a number", found: value)
            }
        }
        return SecretRule(
            id: id, description: try string(table, "description") ?? "", regex: try string(table, "regex"),
            secretGroup: secretGroup, keywords: try strings(table, "keywords"), entropy: entropy,
            path: try string(table, "path"), tags: try strings(table, "tags"), allowlists: allowlists)
    }

    func allowlist(_ table: TOMLTable) throws(RuleFileError) -> SecretAllowlist {
        var condition = SecretAllowlist.Condition.or
        if let text = try string(table, "condition") {
            guard let parsed = SecretAllowlist.Condition(rawValue: text.uppercased()) else {
                throw RuleFileError(
                    source: source, line: table.line(of: "condition"),
                    reason: "allowlist condition '\(text)' is neither \"OR\" nor \"AND\"")
            }
            condition = parsed
        }
        var target = SecretAllowlist.RegexTarget.secret
        if let text = try string(table, "regexTarget") {
            guard let parsed = SecretAllowlist.RegexTarget(rawValue: text.lowercased()) else {
                throw RuleFileError(
                    source: source, line: table.line(of: "regexTarget"),
                    reason: "allowlist regexTarget '\(text)' is not one of \"secret\", \"match\", \"line\"")
            }
            target = parsed
        }
        return SecretAllowlist(
            description: try string(table, "description") ?? "", condition: condition,
            regexes: try strings(table, "regexes"), regexTarget: target, paths: try strings(table, "paths"),
            stopwords: try strings(table, "stopwords"), commits: try strings(table, "commits"),
            targetRules: try strings(table, "targetRules"))
    }

    // MARK: Typed access

    func string(_ table: TOMLTable, _ key: String) throws(RuleFileError) -> String? {
        guard let value = table[key] else { return nil }
        guard case .string(let text) = value else { throw typeError(table, key, expected: "a string", found: value) }
        return text
    }

    func bool(_ table: TOMLTable, _ key: String) throws(RuleFileError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard case .boolean(let flag) = value else {
            throw typeError(table, key, expected: "a boolean", found: value)
        }
        return flag
    }

    func strings(_ table: TOMLTable, _ key: String) throws(RuleFileError) -> [String] {
        guard let value = table[key] else { return [] }
        guard case .array(let items) = value else {
            throw typeError(table, key, expected: "an array of strings", found: value)
        }
        var out: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw typeError(table, key, expected: "an array of strings", found: item)
            }
            out.append(text)
        }
        return out
    }

    func table(_ value: TOMLValue, key: String, line: Int) throws(RuleFileError) -> TOMLTable {
        guard case .table(let table) = value else {
            throw RuleFileError(source: source, line: line, reason: "'\(key)' must be a table, not \(value.typeName)")
        }
        return table
    }

    func tables(_ value: TOMLValue, key: String, line: Int) throws(RuleFileError) -> [(TOMLTable, Int)] {
        guard case .array(let items) = value else {
            throw RuleFileError(
                source: source, line: line,
                reason: "'\(key)' must be an array of tables ([[\(key)]]), not \(value.typeName)")
        }
        var out: [(TOMLTable, Int)] = []
        for item in items {
            guard case .table(let table) = item else {
                throw RuleFileError(
                    source: source, line: line, reason: "'\(key)' must hold tables, not \(item.typeName)")
            }
            out.append((table, table.line))
        }
        return out
    }

    func typeError(_ table: TOMLTable, _ key: String, expected: String, found: TOMLValue) -> RuleFileError {
        RuleFileError(
            source: source, line: table.line(of: key), reason: "'\(key)' must be \(expected), not \(found.typeName)")
    }
}
