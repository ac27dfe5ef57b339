import CCTestSupport
import Foundation
import Testing

/// Nothing a worker leaks is kept: whatever the records — event stream, stderr, meta.json, task
/// comments that arrive over MCP, verify.json, launch's output — no raw secret survives under
/// `.ccteam/` outside the worktrees, even when it hides in an escaped JSON string, appears bare,
/// or is only recognised after the records that repeat it were written.
@Suite struct SecretRecordsEndToEndTests {
    // Assembled from pieces so this file does not itself look like it holds keys.
    /// Leaked in a tool result, inside a JSON string with escaped quotes and newlines; then bare.
    static let inStream = "OhbVrpoiVgRV5IfL" + "BcbfnoGMbJmTPSIAoCLrZ3aW"
    /// Written only to a file the secret scan catches after the run; said bare before that.
    static let inFile = "ZkSBvrjn9Wvgfygw" + "2wMqZcUDIh7yfJs1ON43xKmT"
    /// Sent as a task comment over the MCP task tools.
    static let inComment = "ecQoXsf2o3gyrDO1" + "xkxwnQrS7RPeMOkIUpkDyr7O"

    static let leaky = #"""
        mkdir -p src/a
        printf 'aws_secret_access_key = "%s"\n' "\#(inFile)" > src/a/config.txt
        echo "debug: using \#(inStream) for the upload" >&2
        printf '%s\n' '{"type":"user","message":{"content":[{"type":"tool_result","content":"cat .env\naws_secret_access_key = \"\#(inStream)\"\nREGION=eu\n"}]}}'
        printf '%s\n' \
          '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"leaky","version":"1"}}}' \
          '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
          '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"TaskUpdate","arguments":{"taskId":"1","addComment":{"content":"config:\naws_secret_access_key = \"\#(inComment)\"\n"}}}}' \
          | "$CCTEAM_BIN" mcp --team "$CLAUDE_CODE_TEAM_NAME" > /dev/null 2>&1
        echo '{"type":"assistant","message":{"content":[{"type":"text","text":"Stored \#(inFile) in src/a/config.txt."}]}}'
        echo '{"type":"result","subtype":"success","is_error":false,"result":"Done: the key \#(inFile) is in place and \#(inStream) works.","total_cost_usd":0.01,"usage":{"input_tokens":100,"output_tokens":20}}'
        exit 0
        """#

    static let honest = #"""
        mkdir -p src/b && echo ok > src/b/ok.txt
        echo '{"type":"assistant","message":{"content":[{"type":"text","text":"Reused \#(inStream) from the other task."}]}}'
        """#

    @Test func noRawSecretSurvivesInAnyRecordOfTheTeam() throws {
        let team = try ScriptedTeam()
        let agent = try team.agent(["1": Self.leaky, "2": Self.honest])
        var environment = ProcessInfo.processInfo.environment
        environment["CCTEAM_BIN"] = BuiltTools.path("ccteam")
        let plan = try team.plan(
            """
            tasks:
              - subject: Configure the upload
                scope: ["src/a/**"]
              - subject: Add the check
                scope: ["src/b/**"]
            """)
        let output = try Shell.run(
            BuiltTools.path("ccteam"),
            [
                "launch", "Upload", "--plan", plan, "--agent", "command", "--agent-command", agent, "--workers", "1",
                "--max-retries", "0",
            ], in: team.root, environment: environment)
        #expect(output.status == 1, "the leaky task fails its secret check")
        #expect(output.stderr.contains("verification failed"))
        #expect(try team.status(of: "2") == "resolved")

        let secrets = [Self.inStream, Self.inFile, Self.inComment]
        let records = try Self.records(under: team.root.appendingPathComponent(".ccteam"))
        #expect(records.contains { $0.path.hasSuffix("events.ndjson") })
        #expect(records.contains { $0.path.hasSuffix("stderr.log") })
        for file in records {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for secret in secrets {
                #expect(!text.contains(secret), "\(file.path) keeps a raw secret")
            }
            if file.lastPathComponent == "events.ndjson" {
                for line in text.split(separator: "\n") {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
                }
            }
        }
        for secret in secrets {
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
        }
        // What was said stays readable around the masks.
        let comments = try team.ccteam(["tasks", "show", "1", "--json"]).stdout
        #expect(comments.contains("aws_secret_access_key"))
        let all = try records.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }.joined()
        #expect(all.contains("Stored ZkSB"))
        #expect(all.contains("debug: using OhbV"))
    }

    /// Every file under `.ccteam/` except the worktrees.
    static func records(under state: URL) throws -> [URL] {
        let walk = try #require(
            FileManager.default.enumerator(at: state, includingPropertiesForKeys: [.isRegularFileKey]))
        return walk.compactMap { $0 as? URL }.filter {
            !$0.path.contains("/.ccteam/worktrees/")
                && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}
