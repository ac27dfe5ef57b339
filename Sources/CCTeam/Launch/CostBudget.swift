/// The team's money, split across runs so one runaway agent cannot spend everyone's share.
///
/// Each run is offered an equal part of what is left among the tasks still to run (never less than
/// `floorUSD`, so a run can at least start), and its reported cost is charged when it ends. Once the
/// budget is spent, no further run starts.
public struct CostBudget: Sendable, Equatable {
    /// The whole team's limit; `nil` means unlimited.
    public let limitUSD: Double?
    public private(set) var spentUSD: Double = 0
    /// The smallest share worth starting a run with.
    public let floorUSD: Double

    public init(limitUSD: Double?, floorUSD: Double = 0.01) {
        self.limitUSD = limitUSD
        self.floorUSD = floorUSD
    }

    /// What is left, or `nil` when unlimited.
    public var remainingUSD: Double? { limitUSD.map { max(0, $0 - spentUSD) } }

    /// Whether a new run may start at all.
    public var isExhausted: Bool {
        guard let remainingUSD else { return false }
        return remainingUSD < floorUSD
    }

    /// The share a run starting now may spend, given how many runs (this one included) still need money.
    public func share(pendingRuns: Int) -> Double? {
        guard let remainingUSD else { return nil }
        return max(floorUSD, remainingUSD / Double(max(1, pendingRuns)))
    }

    /// Records what a finished run cost.
    public mutating func charge(_ costUSD: Double) {
        spentUSD += max(0, costUSD)
    }
}
