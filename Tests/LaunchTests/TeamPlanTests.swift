import CCTeam
import Testing

@Suite struct TeamPlanTests {
    @Test func readsTasksWithKeysAndPositionsAsDependencies() throws {
        let plan = try TeamPlan.parse(
            """
            tasks:
              - key: models
                subject: Define the models
                scope: ["Sources/Models/**"]
              - subject: Add the API
                description: REST endpoints
                blockedBy: [models]
              - subject: Document it
                blockedBy: [1, 2]
            """, file: "plan.yaml")
        #expect(plan.tasks.map(\.subject) == ["Define the models", "Add the API", "Document it"])
        #expect(plan.tasks.map(\.blockedBy) == [[], [0], [0, 1]])
        #expect(plan.tasks[0].scope == ["Sources/Models/**"])
        #expect(plan.tasks[1].description == "REST endpoints")
    }

    @Test func aTaskMayNameItsModel() throws {
        let plan = try TeamPlan.parse(
            """
            tasks:
              - subject: Rename a variable
                model: claude-haiku-4-5
              - subject: Design the storage layer
            """, file: "plan.yaml")
        #expect(plan.tasks.map(\.model) == ["claude-haiku-4-5", nil])
    }

    @Test func readsJSONToo() throws {
        let plan = try TeamPlan.parse(#"{"tasks":[{"subject":"a"},{"subject":"b","blockedBy":["1"]}]}"#, file: "p.json")
        #expect(plan.tasks.map(\.blockedBy) == [[], [0]])
    }

    @Test(arguments: [
        ("tasks: []", "plan p.yaml:1 'tasks' is empty: a plan needs at least one task"),
        ("goal: x", "plan p.yaml:1 needs a 'tasks' list"),
        ("tasks:\n  - description: no subject", "plan p.yaml:2 task 1 needs a 'subject'"),
        (
            "tasks:\n  - subject: a\n    blockedBy: [9]",
            "plan p.yaml:3 task 1 waits for '9', which is neither a key nor a position 1...1"
        ),
        (
            "tasks:\n  - subject: a\n    owner: me",
            "plan p.yaml:3 task 1 has an unknown field 'owner' (known: blockedBy, description, key, model, scope, subject)"
        ),
        ("tasks:\n  - {key: a, subject: A}\n  - {key: a, subject: B}", "plan p.yaml:3 the key 'a' is used twice"),
        ("tasks: [subject: a", "plan p.yaml:2 is not valid YAML or JSON"),
        ("tasks:\n  - subject: a\n    model: ''", "plan p.yaml:3 task 1 has an empty or non-text 'model'"),
    ])
    func rejectsABadPlanNamingTheLineAndTheProblem(text: String, message: String) {
        do {
            _ = try TeamPlan.parse(text, file: "p.yaml")
            Issue.record("a bad plan was accepted")
        } catch let error as PlanError {
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func namesTheCycle() {
        let text = """
            tasks:
              - {key: a, subject: Alpha, blockedBy: [c]}
              - {key: b, subject: Beta, blockedBy: [a]}
              - {key: c, subject: Gamma, blockedBy: [b]}
            """
        do {
            _ = try TeamPlan.parse(text, file: "p.yaml")
            Issue.record("a cycle was accepted")
        } catch let error as PlanError {
            #expect(error.message == "plan p.yaml has a dependency cycle: Alpha → Gamma → Beta → Alpha")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
