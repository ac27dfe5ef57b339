public import CCCore
public import Foundation

/// A team's task graph on disk: one JSON file per task under `.ccteam/teams/<team>/tasks/`.
///
/// Safe to use from many processes at once. Every read-modify-write holds an exclusive `flock` on
/// `tasks/.lock`; every file is replaced atomically (written aside, then swapped in), so lock-free
/// readers never see half a task. Claims carry a lease and a fencing token that grows with every claim;
/// a lapsed lease returns its task to `open` on the next read or claim, and a write carrying a
/// stale token is refused. A file that is not a valid task is reported with its path, never
/// dropped or overwritten.
public struct TaskStore: Sendable {
    /// The team whose tasks these are (used in messages).
    public let team: String
    /// The `tasks` folder.
    public let directory: String
    private let clock: @Sendable () -> Date

    /// A store in `tasksDirectory`; `clock` is injectable so tests can let leases lapse instantly.
    public init(tasksDirectory: URL, team: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.team = team
        self.directory = tasksDirectory.standardizedFileURL.path
        self.clock = clock
    }

    /// The store of `team` in the repository whose main checkout is `repositoryRoot`.
    public init(repositoryRoot: URL, team: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(
            tasksDirectory: TeamPaths.tasksDirectory(root: repositoryRoot, team: team), team: team, clock: clock)
    }

    var archiveDirectory: String { directory + "/archive" }
    var indexPath: String { directory + "/.index" }
    var lockPath: String { directory + "/.lock" }
    /// The file each task write goes into before it is exchanged with the task's file.
    var sparePath: String { directory + "/.spare" }

    func path(for id: String, archived: Bool = false) -> String {
        (archived ? archiveDirectory : directory) + "/" + id + ".json"
    }

    /// Reads and validates one task file; `nil` when the file does not exist.
    func readTask(at path: String) throws(TaskStoreError) -> TeamTask? {
        guard let bytes = try StoreFiles.contents(of: path) else { return nil }
        let task: TeamTask
        do { task = try TaskFileDecoder.decode(bytes) } catch {
            throw .corruptTask(path: path, reason: error.reason)
        }
        let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        guard name == task.id + ".json" else {
            throw .corruptTask(path: path, reason: "its id '\(task.id)' does not match the file name")
        }
        return task
    }

    /// Runs `body` under the store lock and commits what it changed.
    func transaction<T>(_ body: (TaskTransaction) throws(TaskStoreError) -> T) throws(TaskStoreError) -> T {
        let lock: StoreLock
        do { lock = try StoreLock(path: lockPath) } catch .io where !FileManager.default.fileExists(atPath: directory) {
            try StoreFiles.makeDirectory(directory)
            lock = try StoreLock(path: lockPath)
        }
        let transaction = try TaskTransaction(store: self, now: clock())
        try transaction.reclaimExpiredLeases()
        let result = try body(transaction)
        try transaction.commit()
        withExtendedLifetime(lock) {}
        return result
    }

    // MARK: Reading (lock-free: files are only ever replaced whole)

    /// Every task, in id order; archived ones too when `includeArchived`. Lapsed leases are
    /// reclaimed first, so the list never shows a dead owner's task as in progress.
    public func list(status: TeamTask.Status? = nil, includeArchived: Bool = false) throws(TaskStoreError)
        -> [TeamTask]
    {
        var tasks = try readAll(in: directory)
        let now = clock()
        if tasks.contains(where: { $0.status == .inProgress && ($0.lease.map { $0.expiresAt <= now } ?? false) }) {
            try transaction { _ throws(TaskStoreError) in }
            tasks = try readAll(in: directory)
        }
        if includeArchived { tasks += try readAll(in: archiveDirectory) }
        tasks.sort { TeamTask.idPrecedes($0.id, $1.id) }
        return status.map { wanted in tasks.filter { $0.status == wanted } } ?? tasks
    }

    /// Reads every task file in `directory`, on all cores: a team's list is thousands of small
    /// files, and opening and decoding them is the whole cost of `tasks list`.
    private func readAll(in directory: String) throws(TaskStoreError) -> [TeamTask] {
        let paths = try StoreFiles.names(in: directory).filter { StoreFiles.taskID(fromFileName: $0) != nil }
            .map { directory + "/" + $0 }
        let chunkSize = 256
        let chunks = (paths.count + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var tasks: [TeamTask] = []
            do throws(TaskStoreError) {
                for path in paths[(chunk * chunkSize)..<min(paths.count, (chunk + 1) * chunkSize)] {
                    // A file deleted between listing and reading was deleted on purpose: skip it.
                    if let task = try readTask(at: path) { tasks.append(task) }
                }
                results.set(chunk, .success(tasks))
            } catch {
                results.set(chunk, .failure(error))
            }
        }
        var tasks: [TeamTask] = []
        tasks.reserveCapacity(paths.count)
        for result in results.values {
            switch result {
            case .success(let chunk): tasks += chunk
            case .failure(let error): throw error
            case nil: break
            }
        }
        return tasks
    }

    /// One task, active or archived.
    public func get(_ id: String) throws(TaskStoreError) -> TeamTask {
        guard TeamTask.isValidID(id) else { throw .invalidID(id) }
        if let task = try readTask(at: path(for: id)) {
            if task.status == .inProgress, let lease = task.lease, lease.expiresAt <= clock() {
                return try transaction { transaction throws(TaskStoreError) in try transaction.task(id) }
            }
            return task
        }
        if let task = try readTask(at: path(for: id, archived: true)) { return task }
        throw .unknownTask(id: id, team: team)
    }

    /// The open tasks whose every blocker is resolved, in id order.
    public func ready() throws(TaskStoreError) -> [TeamTask] {
        try graph().tasks.filter { $0.isReady }.map(\.task)
    }

    /// The dependency graph of the active tasks (and archived ones when `includeArchived`),
    /// with readiness worked out.
    public func graph(includeArchived: Bool = false) throws(TaskStoreError) -> TaskGraph {
        let tasks = try list(includeArchived: includeArchived)
        var statuses = Dictionary(tasks.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        for id in Set(tasks.flatMap(\.blockedBy)) where statuses[id] == nil {
            statuses[id] = try readTask(at: path(for: id, archived: true))?.status
        }
        return TaskGraph(tasks: tasks, statuses: statuses)
    }
}

/// Where a team's files live under a repository's main checkout (the contract's runtime layout).
public enum TeamPaths {
    /// `<root>/.ccteam/teams/<team>`.
    public static func teamDirectory(root: URL, team: String) -> URL {
        root.appendingPathComponent(".ccteam/teams/\(team)", isDirectory: true)
    }

    /// `<root>/.ccteam/teams/<team>/tasks`.
    public static func tasksDirectory(root: URL, team: String) -> URL {
        teamDirectory(root: root, team: team).appendingPathComponent("tasks", isDirectory: true)
    }
}

/// Per-chunk results written by `concurrentPerform` workers.
private final class ChunkResults: @unchecked Sendable {
    // Sendable: every slot is written once, by one worker, under the lock; read after all finish.
    private let lock = NSLock()
    private var slots: [Result<[TeamTask], TaskStoreError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[TeamTask], TaskStoreError>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<[TeamTask], TaskStoreError>?] { lock.withLock { slots } }
}
