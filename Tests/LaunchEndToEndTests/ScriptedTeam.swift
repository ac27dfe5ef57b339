import CCTestSupport
import Foundation

/// A throwaway repository and a shell "agent" for the `command` backend: what each task's agent
/// does is a shell snippet chosen by the task's id, so a test states its agents' behaviour inline.
struct ScriptedTeam {
    let directory: TemporaryDirectory
    var root: URL { directory.url }

    init() throws {
        directory = try TemporaryDirectory(prefix: "ccteam-launch")
        try Shell.git(["init", "-q", "-b", "main"], in: root)
        try directory.write("README.md", "# sample\n")
        try directory.write("src/app.txt", "app\n")
        try Shell.git(["add", "-A"], in: root)
        try Shell.git(["commit", "-qm", "initial"], in: root)
    }

    /// Writes the agent: `behaviours[taskID]` runs in the worktree, then a result event is printed.
    /// `lead` is what the agent does when it has no task (the team lead).
    func agent(_ behaviours: [String: String], lead: String = ":") throws -> String {
        var cases = ""
        for (task, script) in behaviours.sorted(by: { $0.key < $1.key }) {
            cases += "  \(task)) \(script) ;;\n"
        }
        let text = """
            #!/bin/sh
            # A scripted agent for ccteam's command backend.
            cat > /dev/null
            echo '{"type":"system","subtype":"init","model":"script"}'
            if [ -z "$CCTEAM_TASK_ID" ]; then
            \(lead)
            else
            case "$CCTEAM_TASK_ID" in
            \(cases)esac
            fi
            echo "{\\"type\\":\\"assistant\\",\\"message\\":{\\"content\\":[{\\"type\\":\\"tool_use\\",\\"name\\":\\"Write\\",\\"input\\":{\\"file_path\\":\\"task-$CCTEAM_TASK_ID\\"}}]}}"
            echo '{"type":"result","subtype":"success","is_error":false,"result":"done","total_cost_usd":0.01,"usage":{"input_tokens":100,"output_tokens":20}}'

            """
        let url = try directory.write(".agents/agent.sh", text)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        // The agent lives outside the repository's tracked files but inside its folder: keep it out of diffs.
        try Data(".agents/\n".utf8).write(to: root.appendingPathComponent(".git/info/exclude"))
        return url.path
    }

    /// Writes a plan file and returns its path.
    func plan(_ yaml: String) throws -> String {
        try directory.write(".agents/plan.yaml", yaml).path
    }

    /// Runs the built `ccteam` in the repository, with plain (non-terminal) output.
    @discardableResult
    func ccteam(_ arguments: [String]) throws -> ProcessOutput {
        try BuiltTools.run("ccteam", arguments, in: root)
    }

    /// Starts the built `ccteam` in the background (to signal or kill it mid-run); its stdout is
    /// returned as a pipe to read once it has exited.
    func startCCTeam(_ arguments: [String], environment: [String: String]? = nil) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltTools.path("ccteam"))
        process.arguments = arguments
        process.currentDirectoryURL = root
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Waits (at most 30 s) until task `id` is claimed.
    func waitUntilClaimed(_ id: String) {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? status(of: id)) != "in_progress" { usleep(100_000) }
    }

    /// The files on the integration branch.
    func integrationFiles(team: String) throws -> [String] {
        try Shell.git(["ls-tree", "-r", "--name-only", "ccteam/\(team)/integration"], in: root)
            .split(separator: "\n").map(String.init)
    }

    /// Every run's `meta.json`, as JSON objects.
    func runRecords() throws -> [[String: Any]] {
        let runs = root.appendingPathComponent(".ccteam/runs")
        return try FileManager.default.contentsOfDirectory(atPath: runs.path).map { id in
            let data = try Data(contentsOf: runs.appendingPathComponent(id).appendingPathComponent("meta.json"))
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
    }

    /// The team's name: the repository folder's.
    var team: String { root.lastPathComponent }

    /// A task's status from `ccteam tasks show --json`.
    func status(of task: String) throws -> String? {
        let output = try ccteam(["tasks", "show", task, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return object?["status"] as? String
    }
}
