import ArgumentParser
import CCCore
import CCTeam
import Foundation

/// `ccteam tasks list`.
struct TasksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the team's tasks.")

    @OptionGroup var options: TeamTaskOptions

    @Option(name: .long, help: "Only tasks in this status: open, in_progress, resolved, failed (or ready, blocked).")
    var status: String?

    @Flag(name: .long, help: "Include archived tasks.")
    var all = false

    func run() throws {
        let location = try options.location()
        var graph = try location.store().graph(includeArchived: all)
        if let status {
            switch status {
            case "ready": graph.tasks = graph.tasks.filter(\.isReady)
            case "blocked": graph.tasks = graph.tasks.filter(\.isBlocked)
            default:
                let wanted = try TaskText.status(status)
                graph.tasks = graph.tasks.filter { $0.task.status == wanted }
            }
        }
        Console.out(
            options.json ? try TaskText.json(graph.tasks.map(\.task)) : TaskText.table(graph, team: location.team))
    }
}

/// `ccteam tasks show ID`.
struct TasksShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one task in full.")

    @OptionGroup var options: TeamTaskOptions

    @Argument(help: "The task id.")
    var id: String

    func run() throws {
        let store = try options.location().store()
        let task = try store.get(id)
        if options.json { return Console.out(try TaskText.json(task)) }
        let node = try store.graph(includeArchived: true).tasks.first { $0.task.id == task.id }
        Console.out(TaskText.detail(node ?? TaskGraph.Node(task: task, isReady: false)))
    }
}

/// `ccteam tasks graph`.
struct TasksGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Draw the dependency tree with ready and blocked marks.")

    @OptionGroup var options: TeamTaskOptions

    @Flag(name: .long, help: "Include archived tasks.")
    var all = false

    func run() throws {
        let graph = try options.location().store().graph(includeArchived: all)
        if options.json { return Console.out(try TaskText.json(TaskText.GraphDocument(graph))) }
        Console.out(graph.render(unicode: Console.stdoutIsColorTerminal))
    }
}
