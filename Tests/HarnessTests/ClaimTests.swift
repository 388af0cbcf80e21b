import Foundation
import HDF5
import Testing

@testable import Harness

/// Each claim kind on synthetic results where it holds and where it fails.
@Suite struct ClaimTests {
  /// Points over x ∈ {10, 100, 1000} × seeds, with y = g·x^(power ± noise·(s+1)/seeds) (the sign alternating
  /// with the seed s) and two arrays per point.
  static func synthetic(power: Double, noise: Double = 0.01, seeds: Int = 4, groups: [Int] = [1]) -> Results {
    var points: [PointResult] = []
    for g in groups {
      for x in [10.0, 100, 1000] {
        for s in 0..<seeds {
          let exponent = power + noise * (s % 2 == 0 ? 1 : -1) * Double(s + 1) / Double(seeds)
          let y = Double(g) * pow(x, exponent)
          points.append(
            PointResult(
              index: points.count, values: [("g", .int(g)), ("x", .real(x)), ("seed", .int(s))],
              scalars: ["y": y], arrays: ["a": NDArray([y, 2 * y]), "b": NDArray([2 * y, 2 * y])], notes: [:]))
        }
      }
    }
    return Results(path: "synthetic", attributes: [:], points: points)
  }

  @Test func slopeHoldsInsideTheBandAndFailsOutside() {
    let claim = Claim.slope(
      "y ~ √x", reason: "theory", of: { $0.scalar("y") }, against: "x", per: ["g"], within: 0.4...0.6)
    let good = claim.evaluate(Self.synthetic(power: 0.5, groups: [1, 2]))
    #expect(good.count == 2)
    #expect(good.allSatisfy { $0.holds })
    #expect(abs(good[0].value - 0.5) < 0.01)
    #expect(good[0].statement == "y ~ √x (g = 1)")
    #expect(good[0].observed.contains("95% CI over 4 seeds"))
    let bad = claim.evaluate(Self.synthetic(power: 1))
    #expect(!bad[0].holds)
    #expect(abs(bad[0].value - 1) < 0.01)
  }

  @Test func slopeFailsWhenTheIntervalIsTooWideEvenIfTheCenterIsIn() {
    let claim = Claim.slope("y ~ √x", reason: "theory", of: { $0.scalar("y") }, against: "x", within: 0.4...0.6)
    // Seeds disagree wildly: the mean may sit in the band, the interval does not.
    let noisy = Self.synthetic(power: 0.5, noise: 0.3, seeds: 2)
    let v = claim.evaluate(noisy)[0]
    #expect(!v.holds, "\(v.observed)")
  }

  @Test func fractionCountsPointsMeetingTheBound() {
    let results = Self.synthetic(power: 0.5)
    let below = Claim.fraction(
      "y stays small", reason: "r", of: { $0.scalar("y") }, named: "y", .below(20), atLeast: 0.6)
    let v = below.evaluate(results)[0]
    // y ≈ 3.16, 10, 31.6: two thirds of the points are below 20.
    #expect(abs(v.value - 2.0 / 3) < 1e-12)
    #expect(v.holds)
    let strict = Claim.fraction(
      "y stays small", reason: "r", of: { $0.scalar("y") }, named: "y", .below(20), atLeast: 0.9)
    #expect(!strict.evaluate(results)[0].holds)
    let within = Claim.fraction(
      "y is of order √x", reason: "r", of: { $0.scalar("y") / $0.real("x").squareRoot() }, named: "ratio",
      .within(0.5...2), atLeast: 1)
    #expect(within.evaluate(results)[0].holds)
    let above = Claim.fraction("y large", reason: "r", of: { $0.scalar("y") }, named: "y", .above(5), atLeast: 1)
    #expect(!above.evaluate(results)[0].holds)
  }

  @Test func orderingAlongASweep() {
    let up = Claim.ordering("y increases", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing)
    #expect(up.evaluate(Self.synthetic(power: 0.5))[0].holds)
    #expect(!up.evaluate(Self.synthetic(power: -0.5))[0].holds)
    let down = Claim.ordering("y decreases", reason: "r", of: { $0.scalar("y") }, along: "x", .decreasing)
    #expect(down.evaluate(Self.synthetic(power: -0.5))[0].holds)
    #expect(down.evaluate(Self.synthetic(power: -0.5))[0].observed.contains(" > "))
  }

  @Test func comparisonOfTwoMeasurements() {
    let results = Self.synthetic(power: 0.5)
    let holds = Claim.comparison(
      "a is no larger than b", reason: "r", ("a", { $0.array("a") }), atMost: ("b", { $0.array("b") }), atLeast: 1)
    let v = holds.evaluate(results)[0]
    #expect(v.holds && v.value == 1)
    let fails = Claim.comparison(
      "b is no larger than a", reason: "r", ("b", { $0.array("b") }), atMost: ("a", { $0.array("a") }), atLeast: 0.9)
    let w = fails.evaluate(results)[0]
    // b ≤ a only where a = 2y = b: half the pairs.
    #expect(w.value == 0.5 && !w.holds)
    let slack = Claim.comparison(
      "b ≤ 2a", reason: "r", ("b", { $0.array("b") }), atMost: ("a", { $0.array("a") }), slack: 1, atLeast: 1)
    #expect(slack.evaluate(results)[0].holds)
  }

  @Test func aClaimWithNoDataFails() {
    let claim = Claim.fraction("z", reason: "r", of: { $0.scalar("missing") }, named: "z", .below(1), atLeast: 1)
    let v = claim.evaluate(Self.synthetic(power: 0.5))
    #expect(v.count == 1 && !v[0].holds && v[0].observed.contains("missing (NaN)"))
    let none = Claim.fraction(
      "z", reason: "r", of: { $0.scalar("y") }, named: "z", .below(1), atLeast: 1, where: { _ in false })
    let w = none.evaluate(Self.synthetic(power: 0.5))
    #expect(w.count == 1 && !w[0].holds && w[0].observed.contains("no data"))
  }
}

@Suite struct KnownFailureTests {
  @Test func aKnownFailureStillFailsButIsAsExpected() {
    let claim = Claim.fraction("y small", reason: "r", of: { $0.scalar("y") }, named: "y", .below(0), atLeast: 1)
      .knownToFail(because: "the finite-size correction dominates at these sizes")
    let v = claim.evaluate(ClaimTests.synthetic(power: 0.5))[0]
    #expect(!v.holds)
    #expect(v.asExpected)
    #expect(v.status == "fails (known)")
    let turned = Claim.fraction("y big", reason: "r", of: { $0.scalar("y") }, named: "y", .above(0), atLeast: 1)
      .knownToFail(because: "…")
    let w = turned.evaluate(ClaimTests.synthetic(power: 0.5))[0]
    #expect(w.holds && !w.asExpected)
  }
}

/// Missing values are failed points in every claim kind: counted, shown, and failing the claim.
@Suite struct MissingValueTests {
  static func results(_ ys: [Double]) -> Results {
    Results(
      path: "synthetic", attributes: [:],
      points: ys.enumerated().map { k, y in
        PointResult(
          index: k, values: [("x", .real(Double(k + 1))), ("seed", .int(0))], scalars: ["y": y],
          arrays: ["a": NDArray([y]), "b": NDArray([10])], notes: [:])
      })
  }

  @Test func aNaNFailsSlopeOrderingGrowthAndComparison() {
    let clean = Self.results([1, 2, 3, 4])
    let holed = Self.results([1, 2, .nan, 4])
    // y = x exactly: slope 1 with a zero-width interval.
    let slope = Claim.slope("s", reason: "r", of: { $0.scalar("y") }, against: "x", within: 0.9...1.1)
    #expect(slope.evaluate(clean)[0].holds)
    #expect(!slope.evaluate(holed)[0].holds)
    #expect(slope.evaluate(holed)[0].observed.contains("1 of 4 points"))
    let ordering = Claim.ordering("o", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing)
    #expect(ordering.evaluate(clean)[0].holds)
    #expect(!ordering.evaluate(holed)[0].holds && ordering.evaluate(holed)[0].observed.contains("missing"))
    let growth = Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x")
    #expect(growth.evaluate(clean)[0].holds && !growth.evaluate(holed)[0].holds)
    let comparison = Claim.comparison(
      "c", reason: "r", ("a", { $0.array("a") }), atMost: ("b", { $0.array("b") }), atLeast: 0.75)
    #expect(comparison.evaluate(clean)[0].holds)
    let c = comparison.evaluate(holed)[0]
    #expect(c.value == 0.75 && c.observed.contains("1 of 4 pairs with a missing value"))
    let strict = Claim.comparison(
      "c", reason: "r", ("a", { $0.array("a") }), atMost: ("b", { $0.array("b") }), atLeast: 1)
    #expect(!strict.evaluate(holed)[0].holds)
  }

  @Test func growthByAFactorNeedsTheFactor() {
    let r = Self.results([1, 1, 1, 2])
    #expect(Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x").evaluate(r)[0].holds)
    let strong = Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 4).evaluate(r)[0]
    #expect(!strong.holds && strong.value == 2)
  }
}
