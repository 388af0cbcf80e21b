import HDF5
import Testing

@testable import Harness

/// Issue 21, item 6: a fit never drops a missing value; the slope a claim judges or a legend shows says how
/// many points were missing instead of coming quietly from fewer.
@Suite struct MissingInFitsTests {
  @Test func aFitWithANonFiniteValueIsNaN() {
    let x = [1.0, 2, 3, 4]
    #expect(Statistics.linearFit(x, [1, 2, 3, 4]).slope == 1)
    for hole in [Double.nan, .infinity, -.infinity] {
      #expect(Statistics.linearFit(x, [1, 2, hole, 4]).slope.isNaN, "\(hole)")
      #expect(Statistics.linearFit([1, hole, 3, 4], x).slope.isNaN, "\(hole)")
      #expect(Statistics.linearFitWithError(x, [1, 2, hole, 4]).slope.isNaN, "\(hole)")
    }
    // Lists of different lengths are not paired up to the shorter one.
    #expect(Statistics.linearFit(x, [1, 2, 3]).slope.isNaN)
    #expect(Statistics.linearFitWithError(x, [1, 2, 3]).slope.isNaN)
  }

  static func results(_ ys: [Double], seeds: Int = 1) -> Results {
    Results(
      path: "synthetic", attributes: [:],
      points: ys.enumerated().map { k, y in
        PointResult(
          index: k, values: [("x", .real(Double(k / seeds + 1))), ("seed", .int(k % seeds))], scalars: ["y": y],
          arrays: [:], notes: [:])
      })
  }

  @Test func aSlopeFitCountsAndNamesItsMissingPoints() {
    for seeds in [1, 2] {
      let clean = Claim.slopeFit(
        Self.results([1, 1, 2, 2, 3, 3, 4, 4], seeds: seeds).points, of: { $0.scalar("y") }, against: "x")
      #expect(clean.missing == 0 && clean.slope.isFinite && clean.text.hasPrefix("fit: slope"))
      let holed = Claim.slopeFit(
        Self.results([1, 1, 2, .nan, 3, 3, 0, 4], seeds: seeds).points, of: { $0.scalar("y") }, against: "x")
      #expect(holed.missing == 2 && holed.points == 8 && holed.slope.isNaN, "\(holed)")
      #expect(holed.text == "fit: none (2 of 8 points missing or not positive)")
    }
  }

  @Test func aSlopeClaimWithAnInfiniteValueFailsAndSaysSo() {
    let claim = Claim.slope("s", reason: "r", of: { $0.scalar("y") }, against: "x", within: 0.5...1.5)
    let v = claim.evaluate(Self.results([1, 2, .infinity, 4]))[0]
    #expect(!v.holds && v.value.isNaN)
    #expect(v.observed.contains("1 of 4 points without a positive value"), "\(v.observed)")
  }
}
