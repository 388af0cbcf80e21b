import HDF5
import Testing

@testable import Harness

/// Issue 21, item 7: a claim kind that cannot judge what it is given fails with the reason in its observed text,
/// instead of cutting pairs or dividing by zero.
@Suite struct ClaimRefusalTests {
  static func results(_ rows: [(x: Double, y: Double, a: [Double], b: [Double])]) -> Results {
    Results(
      path: "synthetic", attributes: [:],
      points: rows.enumerated().map { k, row in
        PointResult(
          index: k, values: [("x", .real(row.x)), ("seed", .int(0))], scalars: ["y": row.y],
          arrays: ["a": NDArray(row.a), "b": NDArray(row.b)], notes: [:])
      })
  }

  @Test func aComparisonOfArraysOfDifferentLengthsRefuses() {
    let claim = Claim.comparison(
      "a ≤ b", reason: "r", ("a", { $0.array("a") }), atMost: ("b", { $0.array("b") }), atLeast: 0.5)
    let even = Self.results([(1, 0, [1, 2], [3, 4]), (2, 0, [1], [3])])
    #expect(claim.evaluate(even)[0].holds)
    // Point 1's b has one value more: zip would have cut it and judged 3 of 3 pairs met.
    let uneven = Self.results([(1, 0, [1, 2], [3, 4]), (2, 0, [1], [3, 0])])
    let v = claim.evaluate(uneven)[0]
    #expect(!v.holds && v.value.isNaN)
    #expect(v.observed.contains("differ in length at 1 of 2 points (point 1: 1 vs 2)"), "\(v.observed)")
  }

  @Test func growthFromAZeroMedianFails() {
    let claim = Claim.growth("y grows 2×", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 2)
    let v = claim.evaluate(Self.results([(1, 0, [], []), (2, 1, [], []), (4, 3, [], [])]))[0]
    #expect(!v.holds, "\(v.observed)")
    #expect(v.observed.contains("the median at the smallest x is 0, so last/first measures no growth"), "\(v.observed)")
    // Without a factor, growth from 0 is a difference and stays judged.
    #expect(
      Claim.growth("y", reason: "r", of: { $0.scalar("y") }, along: "x").evaluate(
        Self.results([(1, 0, [], []), (2, 1, [], [])]))[0].holds)
  }

  @Test func anInfiniteMedianIsNoGrowthAndNoOrdering() {
    // A censored median: at x = 4 most runs never converged, so the median is +∞.
    let r = Self.results([(1, 10, [], []), (2, 15, [], []), (4, .infinity, [], [])])
    let growth = Claim.growth("iterations grow 2×", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 2)
      .evaluate(r)[0]
    #expect(!growth.holds)
    #expect(growth.observed.contains("the median at x = 4 is infinite, not a measured value"), "\(growth.observed)")
    let ordering = Claim.ordering("y", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing).evaluate(r)[0]
    #expect(!ordering.holds && ordering.observed.contains("is infinite"), "\(ordering.observed)")
    let finite = Self.results([(1, 10, [], []), (2, 15, [], []), (4, 25, [], [])])
    #expect(Claim.growth("y", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 2).evaluate(finite)[0].holds)
  }

  @Test func aQuantileOfInfiniteValuesIsTheirOrderStatistic() {
    #expect(Statistics.median([.infinity]) == .infinity)
    #expect(Statistics.median([.infinity, .infinity]) == .infinity)
    #expect(Statistics.median([10, 20, .infinity]) == 20)
    #expect(Statistics.median([10, .infinity]) == .infinity)
    #expect(Statistics.median([10, .nan]).isNaN)
  }

  @Test func aLevelOfCensoredRunsIsNamedInfinite() {
    // Every seed at x = 4 censored (+∞): the median over seeds is +∞, named, and the growth fails.
    let r = Self.results([(1, 10, [], []), (1, 12, [], []), (4, .infinity, [], []), (4, .infinity, [], [])])
    let v = Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 2).evaluate(r)[0]
    #expect(!v.holds && v.observed.contains("the median at x = 4 is infinite"), "\(v.observed)")
  }
}
