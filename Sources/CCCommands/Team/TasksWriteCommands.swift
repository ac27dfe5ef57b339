import ArgumentParser
import CCCore
import CCTeam
import Foundation

/// `ccteam tasks create`.
struct TasksCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a task.")

    @OptionGroup var options: TeamTaskOptions

    @Option(name: .long, help: "A one-line summary of the work.")
    var subject: String

    @Option(name: .long, help: "What to do, in as much detail as the worker needs.")
    var description = ""

    @Option(name: .customLong("blocked-by"), help: "Ids of tasks this one waits for (repeat, or separate by commas).")
    var blockedBy: [String] = []

    @Option(name: .long, help: "Globs of the paths the task may change (repeat, or separate by commas).")
    var scope: [String] = []

    func run() throws {
        let location = try options.location()
        try TaskPermissions.checkCreate(
            identity: options.identity, settings: try TeamSettings.load(location), team: location.team)
        let store = try location.preparedStore()
        let task = try store.create(
            subject: subject, description: description, blockedBy: commaSeparated(blockedBy),
            scope: commaSeparated(scope))
        Console.out(options.json ? try TaskText.json(task) : "created task \(task.id): \(task.subject)")
    }
}

/// `ccteam tasks update ID`.
struct TasksUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change a task.")

    @OptionGroup var options: TeamTaskOptions

    @Argument(help: "The task id.")
    var id: String

    @Option(name: .long, help: "open, in_progress, resolved or failed.")
    var status: String?

    @Option(name: .long, help: "The agent working on it ('' clears the owner).")
    var owner: String?

    @Option(name: .long, help: "Add a comment (repeatable).")
    var comment: [String] = []

    @Option(name: .long, help: "A new subject.")
    var subject: String?

    @Option(name: .long, help: "A new description.")
    var description: String?

    @Option(name: .customLong("add-blocked-by"), help: "Make this task wait for these ids.")
    var addBlockedBy: [String] = []

    @Option(name: .customLong("add-blocks"), help: "Make these ids wait for this task.")
    var addBlocks: [String] = []

    @Option(name: .customLong("remove-blocked-by"), help: "Stop waiting for these ids.")
    var removeBlockedBy: [String] = []

    @Option(name: .long, help: "Replace the task's scope globs (repeat, or separate by commas).")
    var scope: [String] = []

    func run() throws {
        let status = try self.status.map { text throws(TaskStoreError) in try TaskText.status(text) }
        let store = try options.location().preparedStore()
        let now = Date()
        let requested = TaskChange(
            subject: subject, description: description, status: status,
            owner: owner.map { $0.isEmpty ? nil : $0 },
            addComments: comment.map { TeamTask.Comment(author: options.author, content: $0, at: now) },
            addBlockedBy: commaSeparated(addBlockedBy), addBlocks: commaSeparated(addBlocks),
            removeBlockedBy: commaSeparated(removeBlockedBy), scope: scope.isEmpty ? nil : commaSeparated(scope))
        let change = TaskPermissions.deferringSupervisedStatus(
            requested, to: try? store.get(id), identity: options.identity)
        let task = try store.update(id, change, authorize: TaskPermissions.updateCheck(identity: options.identity))
        Console.out(options.json ? try TaskText.json(task) : "updated task \(task.id): \(task.subject)")
    }
}

/// `ccteam tasks delete ID`.
struct TasksDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a task and every reference to it.")

    @OptionGroup var options: TeamTaskOptions

    @Argument(help: "The task id.")
    var id: String

    func run() throws {
        try options.location().preparedStore().delete(id)
        Console.out(options.json ? #"{"deleted":"\#(id)"}"# : "deleted task \(id)")
    }
}

/// `ccteam tasks archive ID`.
struct TasksArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Move a resolved or failed task to tasks/archive/.")

    @OptionGroup var options: TeamTaskOptions

    @Argument(help: "The task id.")
    var id: String

    func run() throws {
        try options.location().preparedStore().archive(id)
        Console.out(options.json ? #"{"archived":["\#(id)"]}"# : "archived task \(id)")
    }
}

/// `ccteam tasks clean`.
struct TasksCleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Archive every resolved or failed task.")

    @OptionGroup var options: TeamTaskOptions

    func run() throws {
        let archived = try options.location().preparedStore().clean()
        if options.json { return Console.out(try TaskText.json(["archived": archived])) }
        Console.out(
            archived.isEmpty
                ? "nothing to archive"
                : "archived \(archived.count) task\(archived.count == 1 ? "" : "s"): "
                    + archived.joined(separator: ", "))
    }
}
