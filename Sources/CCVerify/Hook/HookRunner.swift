import CCCore
import CCGit
import CCSecrets
public import Foundation

/// The whole `ccverify hook pre-tool-use` job: read the hook input, load scope and rules, decide.
///
/// Fails closed: anything that stops the hook from judging a write (unreadable input, no repository,
/// a malformed policy or scope) blocks the call, with the reason, since exit 2 is how a `PreToolUse`
/// hook blocks. Tools that do not write files are let through before anything else is loaded.
public enum HookRunner {
    /// Decides on one tool call. `scope` are `--scope` globs (else `CCTEAM_SCOPE` is read).
    public static func preToolUse(
        input data: Data, scope: [String], policyFile: URL?, environment: [String: String], directory: URL
    ) -> PreToolUseHook.Decision {
        let input: HookInput
        do {
            input = try HookInput.parse(data)
        } catch {
            return .block(
                "ccverify: blocked the tool call: \(error.reason). The ccverify PreToolUse hook blocks what it "
                    + "cannot check; if this keeps happening, the hook is misconfigured: tell the lead.")
        }
        guard input.writes else { return .allow }
        do {
            let repository = try Repository.discover(from: input.cwd ?? directory.path)
            let root = URL(fileURLWithPath: repository.root)
            // Policies live in the main checkout's .ccteam/, also when the agent works in a linked worktree.
            let stateRoot =
                environment[Identity.Variable.root].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
                ?? Verification.mainCheckout(of: repository)
            let policy = try ScopePolicy.load(file: policyFile, repositoryRoot: stateRoot)
            let (globs, source) = try scopeGlobs(flags: scope, environment: environment, stateRoot: stateRoot)
            let patterns = try TaskScope.patterns(globs, source: source, policy: policy)
            let scanner = SecretScanner(rules: try SecretRules.load(file: nil, repositoryRoot: stateRoot))
            let hook = PreToolUseHook(
                checker: ScopeChecker(policy: policy, taskScope: patterns), repositoryRoot: root,
                scanSecrets: { content, path in scanner.scan(content, path: path).map { $0.finding() } })
            return hook.decide(input)
        } catch let error as any UserFacingError {
            return .block(
                "ccverify: blocked \(input.toolName): the write cannot be checked: \(error.message)"
                    + (error.help.map { " (\($0))" } ?? ""))
        } catch {
            return .block("ccverify: blocked \(input.toolName): the write cannot be checked: \(error)")
        }
    }

    /// The scope in effect: `--scope` flags, else `CCTEAM_SCOPE`, else the scope recorded for the run named by
    /// `CCTEAM_RUN_ID`; none means the policy alone.
    static func scopeGlobs(
        flags: [String], environment: [String: String], stateRoot: URL
    ) throws -> (globs: [String], source: String) {
        if !flags.isEmpty { return (flags, "--scope") }
        if let globs = try TaskScope.fromEnvironment(environment) { return (globs, TaskScope.environmentVariable) }
        if let runID = environment[Identity.Variable.runID], !runID.isEmpty,
            let record = try? RunStore(root: stateRoot).loadRun(runID), let globs = record.scope, !globs.isEmpty
        {
            return (globs, "the task's scope")
        }
        return ([], "")
    }
}
