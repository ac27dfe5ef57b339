import CCCore
import Foundation

/// One read-modify-write of the store, under the store-wide lock.
///
/// Reads come from the task files (or this transaction's own changes); writes are buffered and
/// committed together: first the index naming the touched ids as `pending`, then each task file
/// atomically. See ``TaskIndex`` for why that order survives a writer killed halfway.
final class TaskTransaction {
    let store: TaskStore
    let now: Date
    var index: TaskIndex
    /// Where the index was read from; `nil` when it was rebuilt from the task files.
    private var indexPosition: IndexFile.Position?
    private var loaded: [String: TeamTask] = [:]
    private var changed: [String: TeamTask] = [:]
    private var removed: Set<String> = []
    private var archived: Set<String> = []
    private var touched: [String] = []
    /// Whether the task files are fsynced before they replace the old ones. Claims and lease
    /// renewals skip it: lost to a power cut, a claim is simply gone (its holder is gone too, and
    /// the task is open again), which is what a lapsed lease means anyway. Everything else that
    /// records work (creating, resolving, comments, dependencies) is made durable.
    var durable = true

    init(store: TaskStore, now: Date) throws(TaskStoreError) {
        self.store = store
        self.now = now
        (index, indexPosition) = try Self.loadIndex(store)
    }

    // MARK: Reading

    /// An active (not archived) task.
    func task(_ id: String) throws(TaskStoreError) -> TeamTask {
        guard TeamTask.isValidID(id) else { throw .invalidID(id) }
        guard !removed.contains(id) else { throw .unknownTask(id: id, team: store.team) }
        if let task = changed[id] ?? loaded[id] { return task }
        guard let entry = index[id], !entry.archived else {
            throw .unknownTask(id: id, team: store.team)
        }
        guard let task = try store.readTask(at: store.path(for: id)) else {
            // The file went missing behind the index's back (deleted by hand): forget it.
            index.remove(id)
            throw .unknownTask(id: id, team: store.team)
        }
        loaded[id] = task
        return task
    }

    // MARK: Writing

    func put(_ task: TeamTask) {
        var task = task
        task.updatedAt = now
        changed[task.id] = task
        index.apply(task, archived: false)
        touch(task.id)
    }

    func delete(_ id: String) {
        changed[id] = nil
        removed.insert(id)
        index.remove(id)
        touch(id)
    }

    func archive(_ id: String) {
        archived.insert(id)
        index.markArchived(id)
        touch(id)
    }

    private func touch(_ id: String) {
        if !touched.contains(id) { touched.append(id) }
    }

    /// Returns every lapsed lease's task to `open`, so a dead owner's work is handed out again.
    func reclaimExpiredLeases() throws(TaskStoreError) {
        let nowMs = TaskIndex.milliseconds(now)
        for entry in index.entries
        where !entry.archived && entry.status == .inProgress && entry.leaseExpiry != 0 && entry.leaseExpiry <= nowMs {
            var task = try task(entry.id)
            guard task.status == .inProgress, let lease = task.lease, lease.expiresAt <= now else {
                index.apply(task, archived: false)
                continue
            }
            task.status = .open
            task.owner = nil
            task.lease = nil
            put(task)
        }
    }

    /// Writes the index, then the task files. Afterwards this process remembers the index, so its
    /// next transaction reads only what other writers appended.
    func commit() throws(TaskStoreError) {
        guard !touched.isEmpty else {
            // Nothing written: the index still matches the file, unless reading it settled something.
            if let indexPosition, index.changed.isEmpty {
                IndexFile.remember(index, indexPosition, path: store.indexPath)
            }
            return
        }
        index.pending = touched
        index.boot = currentBootID ?? "-"
        // Without a boot id a stale index cannot be told from a fresh one: keep it durable.
        let position = try IndexFile.write(
            &index, after: indexPosition, to: store.indexPath, sync: currentBootID == nil)
        FaultInjection.pauseIfRequested(.afterIndex)
        let encoder = JSONCoding.encoder()
        for (id, task) in changed {
            let bytes: Data
            do { bytes = try encoder.encode(task) } catch {
                throw .io(path: store.path(for: id), reason: "cannot encode task: \(error)")
            }
            try StoreFiles.replace(
                store.path(for: id), with: Array(bytes) + [0x0A], spare: store.sparePath, sync: durable)
        }
        for id in archived {
            try StoreFiles.makeDirectory(store.archiveDirectory)
            try StoreFiles.move(store.path(for: id), to: store.path(for: id, archived: true))
        }
        for id in removed { try StoreFiles.remove(store.path(for: id)) }
        // Every pending id is written: the next transaction here need not re-read them.
        index.pending = []
        IndexFile.remember(index, position, path: store.indexPath)
    }

    // MARK: Index recovery

    private static func loadIndex(_ store: TaskStore) throws(TaskStoreError) -> (TaskIndex, IndexFile.Position?) {
        guard let (loaded, position) = try IndexFile.load(store.indexPath), loaded.boot == (currentBootID ?? "-")
        else {
            // Missing, torn, or written before the machine last went down.
            return (try rebuildIndex(store), nil)
        }
        var index = loaded
        for id in index.pending {
            if let task = try store.readTask(at: store.path(for: id)) {
                index.apply(task, archived: false)
            } else if let task = try store.readTask(at: store.path(for: id, archived: true)) {
                index.apply(task, archived: true)
            } else {
                index.remove(id)
            }
        }
        index.pending = []
        return (index, position)
    }

    /// Reads every task file, active and archived, into a fresh index.
    static func rebuildIndex(_ store: TaskStore) throws(TaskStoreError) -> TaskIndex {
        var index = TaskIndex()
        for (directory, isArchive) in [(store.directory, false), (store.archiveDirectory, true)] {
            for name in try StoreFiles.names(in: directory) {
                guard let id = StoreFiles.taskID(fromFileName: name),
                    let task = try store.readTask(at: directory + "/" + name)
                else { continue }
                if isArchive, let active = index[id], !active.archived { continue }
                index.apply(task, archived: isArchive)
            }
        }
        return index
    }
}

/// A test hook for crash-safety tests: with `CCTEAM_TASKS_FAULT=pause-after-index` in its
/// environment, a process stops inside its first commit right after writing the index (holding
/// the lock, task files not yet written), says so on stderr and waits to be killed.
enum FaultInjection {
    enum Point: String {
        case afterIndex = "pause-after-index"
    }

    private static let requested = ProcessInfo.processInfo.environment["CCTEAM_TASKS_FAULT"].flatMap(Point.init)

    static func pauseIfRequested(_ point: Point) {
        guard requested == point else { return }
        FileHandle.standardError.write(Data("ccteam: paused at \(point.rawValue)\n".utf8))
        // Bounded: a forgotten paused process ends by itself after a minute.
        for _ in 0..<600 { usleep(100_000) }
    }
}
