import CCCore
public import Foundation

/// A prompt pack as the tools see it: every file from the override layers and the built-in pack,
/// merged file by file, with each document's front matter parsed and typed.
///
/// Loading never fails on a broken document: the problem is kept as findings, `validate` reports
/// them all, and rendering refuses only the documents it actually needs.
public struct PromptPack: Sendable {
    /// The effective files, one per relative path, sorted by path.
    public let files: [PackFile]
    /// Every document that could be parsed, in file order.
    public let documents: [PromptDocument]
    /// Problems found while parsing files, before any cross-document checks.
    let parseFindings: [LintFinding]

    /// Builds a pack from effective files (already merged).
    public init(files: [PackFile]) {
        self.files = files
        var documents: [PromptDocument] = []
        var findings: [LintFinding] = []
        for file in files {
            guard let kind = file.kind else { continue }
            let result = DocumentParser.parse(file, kind: kind)
            if let document = result.document { documents.append(document) }
            findings += result.findings
        }
        self.documents = documents
        self.parseFindings = findings
    }

    /// Loads the effective pack: `packDirectory` (must exist) over the repository's
    /// `.ccteam/prompt-pack/` (if any) over the built-in pack.
    public static func load(packDirectory: URL?, repositoryRoot: URL?) throws -> PromptPack {
        let directories = try PackLayers.overrideDirectories(
            packDirectory: packDirectory, repositoryRoot: repositoryRoot)
        let layers = try directories.map { try PackLayers.files(in: $0) } + [PackLayers.builtinFiles()]
        return PromptPack(files: PackLayers.merge(layers))
    }

    /// Loads the effective pack for a working directory: its repository root is found by walking up
    /// to a folder holding `.git`.
    public static func load(packDirectory: URL?, workingDirectory: URL) throws -> PromptPack {
        try load(packDirectory: packDirectory, repositoryRoot: PackLayers.repositoryRoot(containing: workingDirectory))
    }

    /// The built-in pack alone, as compiled into the binary.
    public static var builtin: PromptPack { PromptPack(files: PackLayers.builtinFiles()) }

    /// The documents of one kind, sorted by name (the first file wins for a duplicated name).
    public func documents(_ kind: DocumentKind) -> [PromptDocument] {
        var seen: Set<String> = []
        return documents.filter { $0.kind == kind && seen.insert($0.name).inserted }.sorted { $0.name < $1.name }
    }

    /// The document of `kind` named `name`, whatever its findings; `nil` when there is none.
    public func document(_ kind: DocumentKind, named name: String) -> PromptDocument? {
        documents.first { $0.kind == kind && $0.name == name }
    }

    /// The worker preamble document, if the pack has one.
    public var preambleDocument: PromptDocument? {
        documents.first { $0.kind == .preamble }
    }

    /// The document of `kind` named `name`, checked to be renderable: an unknown name or a document
    /// with errors throws, naming the valid choices or the first error.
    public func usableDocument(_ kind: DocumentKind, named name: String) throws -> PromptDocument {
        guard let document = kind == .preamble ? preambleDocument : document(kind, named: name) else {
            if kind != .preamble, let file = brokenFile(kind, named: name),
                let finding = parseFindings.first(where: { $0.path == file.displayPath && $0.severity == .error })
            {
                throw PromptError.invalidDocument(kind, name, finding)
            }
            throw PromptError.unknownDocument(kind, name, available: documents(kind).map(\.name))
        }
        if let error = PackLinter(pack: self).findings(for: document).first(where: { $0.severity == .error }) {
            throw PromptError.invalidDocument(kind, document.name, error)
        }
        return document
    }

    /// A file of `kind` whose name is `name` but whose front matter could not be read.
    private func brokenFile(_ kind: DocumentKind, named name: String) -> PackFile? {
        files.first { file in
            file.kind == kind && file.stem == name && !documents.contains { $0.file == file }
        }
    }

    /// Every finding `ccprompt validate` reports for this pack, sorted by place.
    public func lint() -> [LintFinding] {
        PackLinter(pack: self).findings()
    }

    /// The partial documents by name, for rendering and checks.
    var partials: [String: PromptDocument] {
        var partials: [String: PromptDocument] = [:]
        for document in documents where document.kind == .partial && partials[document.name] == nil {
            partials[document.name] = document
        }
        return partials
    }
}
