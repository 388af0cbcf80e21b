import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 24: each generic claim kind's margin in units of the seed spread, on hand-made results with known answers.
@Suite struct MarginTests {
  /// One point per (x, seed) with scalar y and array a, given per seed.
  static func results(_ rows: [(x: Double, seed: Int, y: Double, a: [Double])]) -> Results {
    Results(
      path: "hand-made", attributes: [:],
      points: rows.enumerated().map { k, r in
        PointResult(
          index: k, values: [("x", .real(r.x)), ("seed", .int(r.seed))], scalars: ["y": r.y],
          arrays: ["a": NDArray(r.a)], notes: [:])
      })
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

  @Test func aSlopeOverThreeSeedsIsMeasuredInTheSDOfThePerSeedSlopes() throws {
    // y = x^0.4, x^0.5, x^0.6 at seeds 0, 1, 2: mean slope 0.5, SD of the slopes 0.1.
    var rows: [(x: Double, seed: Int, y: Double, a: [Double])] = []
    for (seed, power) in [0.4, 0.5, 0.6].enumerated() {
      for x in [1.0, 2, 4, 8] { rows.append((x, seed, pow(x, power), [])) }
    }
    let r = Self.results(rows)
    func margin(_ band: ClosedRange<Double>) throws -> (Verdict, Margin) {
      let v = Claim.slope("s", reason: "r", of: { $0.scalar("y") }, against: "x", within: band).evaluate(r)[0]
      return (v, try #require(v.margin))
    }
    let (v, m) = try margin(0.1...0.7)  // nearer edge: 0.7, 2 SDs above the mean
    #expect(Self.close(v.value, 0.5))
    #expect(Self.close(m.statistic, 0.5) && m.threshold == 0.7 && m.passes == .below)
    #expect(Self.close(m.spread, 0.1))
    #expect(Self.close(m.sigmas, 2) && !m.fragile)
    #expect(m.text == "+2.0σ")
    #expect(m.what.contains("the SD of the per-seed slopes (over 3 seeds)"))
    let (_, low) = try margin(0.45...0.9)  // nearer edge 0.45: half an SD inside
    #expect(low.threshold == 0.45 && low.passes == .above && Self.close(low.sigmas, 0.5) && low.fragile)
    #expect(low.text == "+0.5σ fragile")
    let (outside, out) = try margin(0.65...0.9)  // the mean is 1.5 SDs below the band
    #expect(!outside.holds && Self.close(out.sigmas, -1.5) && out.text == "−1.5σ")
  }

  @Test func aSlopeOfOneSeedIsMeasuredInTheFitsStandardError() throws {
    let r = Self.results([1.0, 2, 4, 8].map { ($0, 0, pow($0, 0.5) * (1 + 0.01 * $0), []) })
    let v = Claim.slope("s", reason: "r", of: { $0.scalar("y") }, against: "x", within: 0...1).evaluate(r)[0]
    let m = try #require(v.margin)
    #expect(m.what.contains("one seed: the fit's standard error"))
    #expect(m.spread > 0 && m.spread < 0.1)
  }

  /// Three points x = 1, 2, 3, two seeds each, differing by 0.2 within every point: the pooled SD is 0.2/√2.
  static let twoSeeds = results([
    (1, 0, 1.0, [1.0, 5]), (1, 1, 1.2, [1.2, 5.2]), (2, 0, 2.0, [2.0, 6]), (2, 1, 2.2, [2.2, 6.2]),
    (3, 0, 3.0, [3.0, 7]), (3, 1, 3.2, [3.2, 7.2]),
  ])
  static let pooledSD = 0.2 / 2.0.squareRoot()

  @Test func aFractionIsMeasuredAtItsCriticalValueInThePooledSeedSD() throws {
    func margin(_ bound: Claim.Bound, _ share: Double) throws -> (Verdict, Margin) {
      let v = Claim.fraction("f", reason: "r", of: { $0.scalar("y") }, named: "y", bound, atLeast: share)
        .evaluate(Self.twoSeeds)[0]
      return (v, try #require(v.margin))
    }
    // Half of 6 points below 3.5: the critical value is the 3rd smallest, 2.0.
    let (half, m) = try margin(.below(3.5), 0.5)
    #expect(half.value == 1 && half.holds)  // the stored share, unchanged
    #expect(m.statistic == 2 && m.threshold == 3.5 && m.passes == .below)
    #expect(Self.close(m.spread, Self.pooledSD))
    #expect(Self.close(m.sigmas, 1.5 / Self.pooledSD))
    #expect(m.what.contains("rank 3 of 6"))
    // All of them: the largest, 3.2.
    let (_, all) = try margin(.below(3.5), 1)
    #expect(all.statistic == 3.2 && Self.close(all.sigmas, 0.3 / Self.pooledSD))
    // Above 1.1 for all: the smallest, 1.0, is one pooled SD·0.707 below: the verdict fails, fragile.
    let (above, fails) = try margin(.above(1.1), 1)
    #expect(!above.holds && fails.statistic == 1 && Self.close(fails.sigmas, -0.1 / Self.pooledSD) && fails.fragile)
    // Within a band: the value with the least room, 3.2, against the nearer edge 3.5.
    let (_, within) = try margin(.within(0...3.5), 1)
    #expect(within.statistic == 3.2 && within.threshold == 3.5 && within.passes == .below)
    // An equality has no distance to measure; no spread on the threshold is an exact tie (sigmas 0, shown as such,
    // not fragile), not a missing NaN.
    #expect(
      Claim.fraction("f", reason: "r", of: { $0.real("x") }, named: "x", .within(2...2), atLeast: 0.3)
        .evaluate(Self.twoSeeds)[0].margin == nil)
    let flat = try #require(
      Claim.fraction("f", reason: "r", of: { $0.real("x") }, named: "x", .above(3), atLeast: 1 / 3)
        .evaluate(Self.twoSeeds)[0].margin)
    #expect(flat.statistic == 3 && flat.spread == 0 && flat.sigmas == 0 && flat.exact && !flat.fragile)
    #expect(flat.text == "0, exactly (no seed spread)")
  }

  @Test func aMissingValueGivesANaNMarginAndOneSeedNoSpread() throws {
    let missing = Self.results([(1, 0, .nan, []), (1, 1, 1, []), (2, 0, 2, []), (2, 1, 2.5, [])])
    let v = Claim.fraction("f", reason: "r", of: { $0.scalar("y") }, named: "y", .below(3), atLeast: 1)
      .evaluate(missing)[0]
    let m = try #require(v.margin)
    #expect(m.statistic.isNaN && m.sigmas.isNaN && !m.fragile && m.text == "NaNσ")
    #expect(m.what.contains("1 non-finite value left out of the spread"))
    let one = Self.results([(1, 0, 1, []), (2, 0, 2, [])])
    let single = try #require(
      Claim.fraction("f", reason: "r", of: { $0.scalar("y") }, named: "y", .below(3), atLeast: 1).evaluate(one)[0]
        .margin)
    #expect(single.statistic == 2 && single.spread.isNaN && single.what.contains("one seed: no spread"))
    #expect(single.text == "— (no seed spread)")
  }

  @Test func pooledValuesAndPairsAreSpreadElementByElement() throws {
    // Element j of each point's array over its two seeds: differences 0.2 everywhere.
    let pooled = Claim.pooledFraction(
      "p", reason: "r", of: { $0.array("a") }, named: "a", .below(8), atLeast: 1
    ).evaluate(Self.twoSeeds)[0]
    let m = try #require(pooled.margin)
    #expect(m.statistic == 7.2 && Self.close(m.spread, Self.pooledSD) && Self.close(m.sigmas, 0.8 / Self.pooledSD))
    // a ≤ 2a for every pair: the critical pair is the one with the least room, a − 2a = −1.0 (the smallest a).
    let pairs = Claim.comparison(
      "c", reason: "r", ("a", { $0.array("a") }), atMost: ("2a", { $0.array("a").map { 2 * $0 } }),
      atLeast: 1
    ).evaluate(Self.twoSeeds)[0]
    let c = try #require(pairs.margin)
    #expect(pairs.holds && c.statistic == -1 && c.threshold == 0 && c.passes == .below)
    #expect(Self.close(c.spread, Self.pooledSD))
  }

  @Test func anOrderingIsMeasuredAtItsSmallestStep() throws {
    // Medians 1.1, 2.1, 2.6: the smallest step, 0.5, from x = 2 to 3; SD 0.2/√2 at both levels.
    let r = Self.results([
      (1, 0, 1, []), (1, 1, 1.2, []), (2, 0, 2, []), (2, 1, 2.2, []), (3, 0, 2.5, []), (3, 1, 2.7, []),
    ])
    let v = Claim.ordering("o", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing).evaluate(r)[0]
    #expect(v.holds && Self.close(v.value, 2.6 / 1.1))
    let m = try #require(v.margin)
    #expect(Self.close(m.statistic, 0.5) && m.threshold == 0 && Self.close(m.spread, Self.pooledSD))
    #expect(Self.close(m.sigmas, 0.5 / Self.pooledSD) && m.what.contains("x = 2 → 3"))
    let down = Claim.ordering("o", reason: "r", of: { $0.scalar("y") }, along: "x", .decreasing).evaluate(r)[0]
    let dm = try #require(down.margin)
    // Claimed decreasing: the worst step is the largest rise, 1.0 from x = 1 to 2.
    #expect(!down.holds && Self.close(dm.sigmas, -1 / Self.pooledSD) && dm.what.contains("x = 1 → 2"))
    // Growth by a factor 2: last/first = 2.6/1.1 against 2, the spread propagated to the ratio.
    let g = Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x", byAtLeast: 2).evaluate(r)[0]
    let gm = try #require(g.margin)
    let ratio = 2.6 / 1.1
    #expect(Self.close(gm.statistic, ratio) && gm.threshold == 2)
    #expect(Self.close(gm.spread, Self.pooledSD / 1.1 * (1 + ratio * ratio).squareRoot()))
    #expect(Self.close(gm.sigmas, 1.102, 1e-3))
  }
}
