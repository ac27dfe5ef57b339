/// The team's cost budget, shared by every concurrent run.
public actor BudgetKeeper {
    private var budget: CostBudget
    private var pending: @Sendable () -> Int

    public init(limitUSD: Double?, spentUSD: Double = 0, pendingRuns: @escaping @Sendable () -> Int) {
        budget = CostBudget(limitUSD: limitUSD)
        budget.charge(spentUSD)
        pending = pendingRuns
    }

    public var isExhausted: Bool { budget.isExhausted }
    public var spentUSD: Double { budget.spentUSD }
    public func share() -> Double? { budget.share(pendingRuns: pending()) }
    public func charge(_ costUSD: Double) { budget.charge(costUSD) }
}
