/// What a rollback would do, decided from recorded and current state alone (no git, no files).
///
/// Conservative by construction: it only ever names paths the run touched; a path whose content
/// changed after the run was verified is refused, and any refusal stops the whole rollback.
public struct RollbackPlan: Sendable, Equatable {
    /// Paths to bring back to their content at the run's base.
    public var restore: [String]
    /// Paths the run created, to remove (their content is still exactly the run's).
    public var remove: [String]
    /// Paths that changed again after the run: rollback refuses to touch any of them.
    public var refused: [String]
    /// Paths the run touched that already match the base: nothing to do.
    public var unchanged: [String]

    public init(restore: [String] = [], remove: [String] = [], refused: [String] = [], unchanged: [String] = []) {
        self.restore = restore
        self.remove = remove
        self.refused = refused
        self.unchanged = unchanged
    }

    /// Plans a rollback. `recorded` is the run's result (path → blob id, `nil` when it left no file),
    /// `current` reads a path's blob id now, `base` reads its blob id at the run's base.
    public static func make(
        recorded: [VerifyReport.ResultState.PathState], current: (String) -> String?, base: (String) -> String?
    ) -> RollbackPlan {
        var plan = RollbackPlan()
        for entry in recorded.sorted(by: { $0.path < $1.path }) {
            let now = current(entry.path)
            let before = base(entry.path)
            if now != entry.blob {
                if now == before {
                    plan.unchanged.append(entry.path)
                } else {
                    plan.refused.append(entry.path)
                }
            } else if now == before {
                plan.unchanged.append(entry.path)
            } else if before != nil {
                plan.restore.append(entry.path)
            } else {
                plan.remove.append(entry.path)
            }
        }
        return plan
    }

    /// Whether the plan may be carried out.
    public var isAllowed: Bool { refused.isEmpty }
    /// Whether there is anything to do.
    public var isEmpty: Bool { restore.isEmpty && remove.isEmpty }
}
