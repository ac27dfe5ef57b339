import CCTeam
import Testing

@Suite struct CostBudgetTests {
    @Test func anUnlimitedBudgetOffersNoShareAndNeverRunsOut() {
        var budget = CostBudget(limitUSD: nil)
        budget.charge(1_000)
        #expect(budget.share(pendingRuns: 3) == nil)
        #expect(!budget.isExhausted)
    }

    @Test func splitsWhatIsLeftEvenlyAmongPendingRuns() {
        var budget = CostBudget(limitUSD: 3)
        #expect(budget.share(pendingRuns: 3) == 1)
        budget.charge(1.5)
        #expect(budget.remainingUSD == 1.5)
        #expect(budget.share(pendingRuns: 2) == 0.75)
        #expect(budget.share(pendingRuns: 0) == 1.5)
    }

    @Test func isExhaustedOnceLessThanTheFloorRemains() {
        var budget = CostBudget(limitUSD: 1, floorUSD: 0.05)
        budget.charge(0.96)
        #expect(budget.isExhausted)
        #expect(budget.share(pendingRuns: 4) == 0.05)
    }

    @Test func overspendingLeavesNothingRatherThanANegativeRemainder() {
        var budget = CostBudget(limitUSD: 1)
        budget.charge(2)
        budget.charge(-5)
        #expect(budget.remainingUSD == 0)
        #expect(budget.spentUSD == 2)
    }
}
