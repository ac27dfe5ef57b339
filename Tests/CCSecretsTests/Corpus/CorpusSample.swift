/// One labeled text of the secrets corpus: a positive holds one fake secret, a negative none.
struct CorpusSample: Sendable {
    /// What the text is: a fake secret of the format a rule is written for, or something that only
    /// looks like one (a placeholder, a hash, an environment lookup).
    enum Label: Sendable, Equatable {
        case positive(ruleID: String)
        case negative(kind: String)
    }

    /// The kind of file or language the text is written in (`yaml`, `makefile`, `go`, ...).
    var family: String
    /// The template within the family that wrote the text.
    var context: String
    var label: Label
    /// The file name the text pretends to live in; some rules depend on it.
    var path: String
    var text: String

    var isPositive: Bool {
        if case .positive = label { return true }
        return false
    }

    /// The rule a positive was made for, or the kind of a negative.
    var subject: String {
        switch label {
        case .positive(let ruleID): ruleID
        case .negative(let kind): kind
        }
    }
}

/// The words of a setting's name (`["airtable", "api", "key"]`), spelled the ways code and
/// configuration spell names.
struct KeyName: Sendable {
    var words: [String]

    init(_ spaced: String) { words = spaced.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }

    /// `AIRTABLE_API_KEY`
    var upperSnake: String { words.joined(separator: "_").uppercased() }
    /// `airtable_api_key`
    var snake: String { words.joined(separator: "_") }
    /// `airtable-api-key`
    var kebab: String { words.joined(separator: "-") }
    /// `airtable.api.key`
    var dotted: String { words.joined(separator: ".") }
    /// `AirtableApiKey`
    var pascal: String { words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() }
    /// `airtableApiKey`
    var camel: String { words[0] + KeyName(words.dropFirst().joined(separator: " ")).pascalOrEmpty }
    /// `X-Airtable-Api-Key`
    var header: String { "X-" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-") }

    private var pascalOrEmpty: String { words.isEmpty ? "" : pascal }
}

/// A credential format, with the words of a setting that would hold it and a maker of fake values.
struct CorpusSecret {
    var ruleID: String
    var key: KeyName
    var make: (inout FakeCredential) -> String

    init(_ ruleID: String, _ key: String, _ make: @escaping (inout FakeCredential) -> String) {
        self.ruleID = ruleID
        self.key = KeyName(key)
        self.make = make
    }
}
