/// What rendering does with a required variable that got no value.
public enum MissingValuePolicy: Sendable, Equatable {
    /// Throw ``PromptError/missingVariables(template:names:)``: for the launcher and `--strict`.
    case refuse
    /// Render `<name>` in its place, so a first try shows the whole prompt and what is still open.
    case placeholder
}

/// A rendered prompt and the required variables it left open as placeholders.
public struct RenderedPrompt: Sendable, Equatable {
    /// The prompt text, ending with exactly one newline.
    public var text: String
    /// Required variables that got no value and render as `<name>`, in declaration order.
    public var openVariables: [String]

    /// A rendered prompt.
    public init(text: String, openVariables: [String] = []) {
        self.text = text
        self.openVariables = openVariables
    }

    /// The visible stand-in for a variable without a value: angle brackets, as usage lines write it.
    public static func placeholder(for name: String) -> String { "<\(name)>" }

    /// One line saying what was left open and how to fill it in; `nil` when nothing was.
    public var note: String? {
        guard !openVariables.isEmpty else { return nil }
        return "left open as placeholders: " + openVariables.map(Self.placeholder(for:)).joined(separator: ", ")
            + "; " + PromptError.howToPass(openVariables) + " (--strict refuses instead)"
    }
}
