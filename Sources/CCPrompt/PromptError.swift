public import CCCore

/// Everything that stops a prompt pack command, with what to do about it.
public enum PromptError: UserFacingError, Equatable {
    /// `--pack DIR` or `validate DIR` named a directory that does not exist.
    case packDirectoryMissing(String)
    /// A pack file is not UTF-8 text.
    case unreadableFile(String)
    /// No document of this kind has this name; the names that do exist.
    case unknownDocument(DocumentKind, String, available: [String])
    /// The document exists but cannot be used; its first error finding.
    case invalidDocument(DocumentKind, String, LintFinding)
    /// Required variables got no value.
    case missingVariables(template: String, names: [String])
    /// A `--var` key the rendered documents do not declare.
    case unknownVariable(String, template: String, declared: [String])
    /// A `--var` argument without `=`.
    case malformedVariableArgument(String)
    /// The same variable was given twice (twice with `--var`, or `--task` and `--var task=`).
    case duplicateVariable(String)
    /// `-o FILE` names a file that a render did not write.
    case outputNotARender(String)
    /// CLAUDE.md exists without a managed section, and neither `--append` nor `--force` was given.
    case unmanagedClaudeFile(String)
    /// `--append` and `--force` were both given.
    case conflictingPersonaOptions
    /// CLAUDE.md holds a broken or repeated managed section.
    case malformedManagedSection(path: String, line: Int, problem: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)

    public var message: String {
        switch self {
        case .packDirectoryMissing(let path):
            "prompt pack directory '\(path)' does not exist"
        case .unreadableFile(let path):
            "cannot read '\(path)' as UTF-8 text"
        case .unknownDocument(let kind, let name, _):
            "unknown \(kind.rawValue) '\(name)'"
        case .invalidDocument(let kind, let name, let finding):
            "\(kind.rawValue) '\(name)' is invalid: \(finding.path):\(finding.line):\(finding.column): "
                + "[\(finding.rule)] \(finding.message)"
        case .missingVariables(let template, let names):
            names.count == 1
                ? "template '\(template)' needs variable '\(names[0])'"
                : "template '\(template)' needs variables "
                    + names.map { "'\($0)'" }.joined(separator: ", ")
        case .unknownVariable(let name, let template, _):
            "unknown variable '\(name)' for template '\(template)'"
        case .malformedVariableArgument(let text):
            "--var '\(text)' is not KEY=VALUE"
        case .duplicateVariable(let name):
            "variable '\(name)' is given more than once"
        case .outputNotARender(let path):
            "refusing to overwrite '\(path)': it was not written by 'ccprompt render'"
        case .unmanagedClaudeFile(let path):
            "'\(path)' exists and has no ccteam persona section"
        case .conflictingPersonaOptions:
            "--append and --force cannot be used together"
        case .malformedManagedSection(let path, let line, let problem):
            "\(path):\(line): \(problem)"
        case .writeFailed(let path, let reason):
            "cannot write '\(path)': \(reason)"
        }
    }

    public var help: String? {
        switch self {
        case .packDirectoryMissing:
            "pass an existing prompt pack directory (with templates/, roles/, domains/ folders)"
        case .unreadableFile:
            "save the file as UTF-8 or remove it from the pack"
        case .unknownDocument(let kind, _, let available):
            "valid \(kind.plural): \(available.joined(separator: ", ")) (see 'ccprompt list')"
        case .invalidDocument:
            "run 'ccprompt validate' to see every finding"
        case .missingVariables(_, let names):
            Self.howToPass(names)
        case .unknownVariable(_, _, let declared):
            "declared variables: \(declared.joined(separator: ", "))"
        case .malformedVariableArgument:
            "write each variable as --var KEY=VALUE, for example --var write_scope='Sources/**'"
        case .duplicateVariable:
            "give each variable once (--task sets the variable 'task')"
        case .outputNotARender:
            "remove the file or choose another path with -o"
        case .unmanagedClaudeFile:
            "pass --append to add the persona section at the end, or --force to back the file up and replace it"
        case .conflictingPersonaOptions:
            "use --append to keep the existing text, or --force to back it up and replace it"
        case .malformedManagedSection:
            "repair the <!-- ccteam:persona:begin/end --> markers by hand, or use --force to back up and replace the file"
        case .writeFailed:
            "check that the folder exists and is writable"
        }
    }

    public var exitStatus: ExitStatus { .usage }

    /// The flags that give `names` their values, as one `pass ...` phrase.
    static func howToPass(_ names: [String]) -> String {
        "pass " + names.map { $0 == "task" ? "--task TEXT" : "--var \($0)=VALUE" }.joined(separator: " ")
    }
}
