/// Turns `--var KEY=VALUE` arguments and `--task TEXT` into one variable map, refusing malformed
/// and repeated keys (a silent "last one wins" would hide a typo in a long command line).
public enum VariableArguments {
    /// The variables from `KEY=VALUE` texts, plus `task` when given; the value may contain `=`.
    public static func parse(_ arguments: [String], task: String? = nil) throws -> [String: String] {
        var values: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw PromptError.malformedVariableArgument(argument)
            }
            let key = String(argument[..<equals])
            guard values[key] == nil else { throw PromptError.duplicateVariable(key) }
            values[key] = String(argument[argument.index(after: equals)...])
        }
        if let task {
            guard values["task"] == nil else { throw PromptError.duplicateVariable("task") }
            values["task"] = task
        }
        return values
    }
}
