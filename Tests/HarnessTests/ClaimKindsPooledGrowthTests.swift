import HDF5
import Testing

@testable import Harness

/// The pooled-fraction and growth claim kinds on hand-made results.
@Suite struct ClaimKindsPooledGrowthTests {
  static func results(_ rows: [(x: Double, seed: Int, y: Double, a: [Double])]) -> Results {
    Results(
      path: "synthetic", attributes: [:],
      points: rows.enumerated().map { k, row in
        PointResult(
          index: k, values: [("x", .real(row.x)), ("seed", .int(row.seed))], scalars: ["y": row.y],
          arrays: ["a": NDArray(row.a)], notes: [:])
      })
  }

  @Test func pooledFractionCountsEveryValueOfEveryPoint() {
    let r = Self.results([(1, 0, 0, [-1, -2, .nan]), (2, 0, 0, [-3, 0.5]), (3, 0, 0, [])])
    let claim = Claim.pooledFraction("a ≤ 0", reason: "r", of: { $0.array("a") }, named: "a", .below(0), atLeast: 0.75)
    // The NaN is a missing value: counted, named, and not met (3 of 5 = 60% < 75%).
    let v = claim.evaluate(r)[0]
    #expect(v.value == 0.6 && !v.holds)
    #expect(v.observed.hasPrefix("3 of 5 values") && v.observed.contains("1 of 5 missing (NaN)"))
    let lenient = Claim.pooledFraction("a ≤ 0", reason: "r", of: { $0.array("a") }, named: "a", .below(0), atLeast: 0.6)
    #expect(lenient.evaluate(r)[0].holds)
    let none = Claim.pooledFraction("a", reason: "r", of: { _ in [] }, named: "a", .below(0), atLeast: 1)
    #expect(!none.evaluate(r)[0].holds && none.evaluate(r)[0].observed == "no data to evaluate")
    let allMissing = Claim.pooledFraction("a", reason: "r", of: { _ in [.nan] }, named: "a", .below(0), atLeast: 0)
    #expect(allMissing.evaluate(r)[0].observed.contains("3 of 3 missing"))
  }

  @Test func growthAllowsAPlateauButNotAFall() {
    let plateau = Self.results([
      (1, 0, 1, []), (1, 1, 1, []), (2, 0, 1, []), (2, 1, 1, []), (4, 0, 2, []), (4, 1, 3, []), (8, 0, 5, []),
    ])
    let claim = Claim.growth("y grows", reason: "r", of: { $0.scalar("y") }, along: "x")
    let v = claim.evaluate(plateau)[0]
    #expect(v.holds, "\(v.observed)")
    #expect(v.observed == "1 ≤ 1 ≤ 2.5 ≤ 5" && v.value == 4)
    let flat = Self.results([(1, 0, 1, []), (2, 0, 1, [])])
    #expect(!claim.evaluate(flat)[0].holds)
    let fall = Self.results([(1, 0, 1, []), (2, 0, 3, []), (4, 0, 2, [])])
    let f = claim.evaluate(fall)[0]
    #expect(!f.holds && f.observed == "1, 3, 2")
    // Strict ordering would reject the plateau.
    #expect(
      !Claim.ordering("y", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing).evaluate(plateau)[0].holds)
  }
}
