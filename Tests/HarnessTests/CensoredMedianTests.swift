import Testing

@testable import Deng2020Experiments
@testable import Experiments

/// `Deng2020.censoredMedian`: a run that did not converge counts as taking longer than any that did (+∞), so
/// the median is that of the iteration counts with those runs set to +∞. Cases computed by hand.
@Suite struct CensoredMedianTests {
  @Test func everyRunConvergedGivesThePlainMedian() {
    #expect(Deng2020.censoredMedian([3, 1, 2], converged: [1, 1, 1]) == 2)
    // An even count: halfway between the middle two of 1, 2, 3, 4.
    #expect(Deng2020.censoredMedian([4, 1, 3, 2], converged: [1, 1, 1, 1]) == 2.5)
  }

  @Test func aRunThatDidNotConvergeCountsAsTheLongest() {
    // 1, 2, 5, +∞ (the 9 did not converge): halfway between 2 and 5.
    #expect(Deng2020.censoredMedian([5, 1, 9, 2], converged: [1, 1, 0, 1]) == 3.5)
    // Its own count does not matter, even when it is the smallest: 5, 6, +∞.
    #expect(Deng2020.censoredMedian([1, 5, 6], converged: [0, 1, 1]) == 6)
  }

  @Test func atLeastHalfNotConvergedIsAnInfiniteMedian() {
    // 1, 4, +∞, +∞: the middle two include +∞.
    #expect(Deng2020.censoredMedian([1, 2, 3, 4], converged: [1, 0, 0, 1]) == .infinity)
    #expect(Deng2020.censoredMedian([7], converged: [0]) == .infinity)
  }

  @Test func noRunsIsNaN() {
    #expect(Deng2020.censoredMedian([], converged: []).isNaN)
  }
}
