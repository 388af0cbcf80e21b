import Foundation
import Testing

@testable import Harness

/// The margin of a growth without a factor ("non-decreasing, last > first") on plateaus: how far the verdict is from
/// flipping, never 0σ from a step that no seed can break; hand-computed cases (two seeds per level: the SD of two
/// values a, b is |a − b|/√2, so a difference of 0.2 gives 0.2/√2).
@Suite struct PlateauMarginTests {
  static func growth(_ levels: [(Double, Double)]) -> Verdict {
    var rows: [(x: Double, seed: Int, y: Double, a: [Double])] = []
    for (k, (a, b)) in levels.enumerated() {
      rows += [(Double(k + 1), 0, a, []), (Double(k + 1), 1, b, [])]
    }
    return Claim.growth("g", reason: "r", of: { $0.scalar("y") }, along: "x").evaluate(MarginTests.results(rows))[0]
  }

  static let sd = 0.2 / 2.0.squareRoot()
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 }

  @Test func aPlateauAtZeroIsNoRiskAndTheNearestRealStepIsTheMargin() throws {
    // Medians 0, 0, 0.2, 1.1. The step 1 → 2 is 0 with no spread: left out. Step 2 → 3: 0.2 over the RMS of the
    // SDs 0 and 0.2/√2, i.e. 0.1: +2σ. Step 3 → 4: 0.9 over 0.2/√2: +6.4σ. Last − first: 1.1 over 0.1: +11σ.
    let v = Self.growth([(0, 0), (0, 0), (0.1, 0.3), (1.0, 1.2)])
    #expect(v.holds)
    let m = try #require(v.margin)
    #expect(Self.close(m.statistic, 0.2) && m.threshold == 0 && Self.close(m.spread, 0.1))
    #expect(Self.close(m.sigmas, 2) && !m.fragile && !m.exact && m.text == "+2.0σ")
    #expect(m.what.contains("x = 2 → 3") && m.what.contains("1 step of exactly 0 with no seed spread"))
  }

  @Test func whenOnlyLastOverFirstIsAtRiskItIsTheMargin() throws {
    // Medians 1, 1, 1, 1.5 with no spread until the last level (1.4, 1.6): the steps 1 → 2 → 3 are exact ties;
    // step 3 → 4 is 0.5 over √((0 + 0.02)/2) = 0.1, and last − first the same 0.5 over 0.1: +5σ either way.
    let v = Self.growth([(1, 1), (1, 1), (1, 1), (1.4, 1.6)])
    let m = try #require(v.margin)
    #expect(v.holds && Self.close(m.sigmas, 5))
  }

  @Test func aFlatControlWithNoSpreadIsShownAsAnExactTie() throws {
    // "1 ≤ 1 ≤ 1 ≤ 1" at every seed: last > first fails by exactly 0 with no spread; not 0σ, not fragile.
    let v = Self.growth([(1, 1), (1, 1), (1, 1), (1, 1)])
    #expect(!v.holds)
    let m = try #require(v.margin)
    #expect(m.exact && m.sigmas == 0 && !m.fragile && m.text == Margin.exactText)
    #expect(m.what.contains("last − first") && m.what.contains("3 steps of exactly 0"))
    let record = ClaimStore.ControlRecord(
      ControlOutcome.Run(
        control: Control(description: "flat", overrides: ["s=0"], kind: .wrongRegime), status: .fails, verdicts: [v]),
      for: "g")
    #expect(record.marginExact && record.marginText == Margin.exactText)
  }

  @Test func aFailingControlShowsHowFarItIsFromPassing() throws {
    // Medians 1.1 then 0.7: the step and last − first are both −0.4 over 0.2/√2: −2.83σ.
    let v = Self.growth([(1.0, 1.2), (0.6, 0.8)])
    let m = try #require(v.margin)
    #expect(!v.holds && Self.close(m.sigmas, -0.4 / Self.sd) && !m.fragile)
    // Flat with spread: a step of 0 that seed noise could break, fragile at 0σ (and last = first fails).
    let flat = Self.growth([(1.0, 1.2), (1.0, 1.2)])
    let f = try #require(flat.margin)
    #expect(!flat.holds && f.sigmas == 0 && f.fragile && !f.exact && Self.close(f.spread, Self.sd))
  }

  @Test func aStrictOrderingStillCountsEveryStep() throws {
    // Claim.ordering is strict: a step of exactly 0 with no spread fails it, shown as an exact tie.
    var rows: [(x: Double, seed: Int, y: Double, a: [Double])] = []
    for (k, y) in [1.0, 1.0, 2.0].enumerated() { rows += [(Double(k), 0, y, []), (Double(k), 1, y, [])] }
    let v = Claim.ordering("o", reason: "r", of: { $0.scalar("y") }, along: "x", .increasing)
      .evaluate(MarginTests.results(rows))[0]
    let m = try #require(v.margin)
    #expect(!v.holds && m.exact && m.what.contains("x = 0 → 1"))
  }
}
