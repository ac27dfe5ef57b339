import CCCore
import Foundation
import Testing

@Suite struct FindingTests {
    @Test func encodesEveryContractKeyEvenWhenAbsent() throws {
        let finding = Finding(rule: "scope.max-files", kind: .scope, message: "too many files")
        let data = try JSONCoding.encoder(pretty: false).encode(finding)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == ["rule", "kind", "severity", "message", "path", "line", "column", "fingerprint", "redacted"])
        #expect(object["severity"] as? String == "error")
        #expect(object["path"] is NSNull)
    }

    @Test func roundTripsThroughJSON() throws {
        let finding = Finding(
            rule: "aws-access-key-id", kind: .secret, message: "AWS access key", path: "a b/c.swift", line: 3,
            column: 7, fingerprint: "abc", redacted: "AKIA************MPLE")
        let data = try JSONCoding.encoder().encode(finding)
        #expect(try JSONCoding.decoder().decode(Finding.self, from: data) == finding)
    }

    @Test func errorsOutrankWarnings() {
        #expect(Finding.Severity.warning < .error)
        #expect([Finding.Severity.error, .warning].max() == .error)
    }
}

@Suite struct IdentityTests {
    @Test func roundTripsThroughTheContractEnvironment() {
        let identity = Identity(
            team: "web", agentID: "worker-2", agentType: .worker, agentName: "Worker 2", runID: "r1",
            taskID: "4", root: "/repo")
        let environment = identity.environment
        #expect(environment["CLAUDE_CODE_TEAM_NAME"] == "web")
        #expect(environment["CLAUDE_CODE_AGENT_TYPE"] == "worker")
        #expect(environment["CCTEAM_TASK_ID"] == "4")
        #expect(Identity(environment: environment) == identity)
    }

    @Test func anUnknownAgentTypeIsReadAsTheLeastPrivilegedKind() {
        let identity = Identity(environment: [
            "CLAUDE_CODE_TEAM_NAME": "t", "CLAUDE_CODE_AGENT_ID": "x", "CLAUDE_CODE_AGENT_TYPE": "boss",
        ])
        #expect(identity?.agentType == .worker)
        #expect(identity?.isLead == false)
    }

    @Test func noTeamMeansNoIdentity() {
        #expect(Identity(environment: ["CLAUDE_CODE_AGENT_ID": "lead"]) == nil)
    }
}

@Suite struct TimestampTests {
    @Test func keepsMillisecondsAndReadsPlainSeconds() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        let text = Timestamp.format(date)
        #expect(text == "2023-11-14T22:13:20.250Z")
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
        #expect(Timestamp.parse("2023-11-14T22:13:20Z") != nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
