import Foundation
import Testing

@testable import Harness

/// Issue 26: the regime map's cells, four outcomes, claim and margins on a synthetic grid with known answers.
///
/// Rows n ∈ {10, 20, 40}, columns d ∈ {100, 1000, 10000}, three seeds per cell at median − 0.1, median, median + 0.1
/// (SD 0.1). Prediction: median of `prediction_radius` ≤ 1.5; premise: median of `premise_ratio` ≥ 1.
///
///     n = 40: both fail (3; 0.6)      both fail (3; 0.6)        both hold (1; 100)
///     n = 20: beyond (1.2; 0.25)      COUNTEREXAMPLE (2; 2.5)   both hold (1; 25)
///     n = 10: both hold (1; 1)        both hold (1; 10)         both hold (1; 100)
///             d = 100                 d = 1000                  d = 10000
@Suite struct RegimeMapTests {
  /// (n, d) → (median statistic, premise) of the grid above.
  static let grid: [(n: Double, d: Double, stat: Double, premise: Double)] = [
    (10, 100, 1, 1), (10, 1000, 1, 10), (10, 10000, 1, 100),
    (20, 100, 1.2, 0.25), (20, 1000, 2, 2.5), (20, 10000, 1, 25),
    (40, 100, 3, 0.6), (40, 1000, 3, 0.6), (40, 10000, 1, 100),
  ]

  /// The grid's points, three seeds per cell; `extra` adds a parameter "lr" with the given values (each cell
  /// repeated at each).
  static func results(extra lr: [Double] = [0.1], stat: (Double) -> Double = { $0 }) -> Results {
    var points: [PointResult] = []
    for rate in lr {
      for c in grid {
        for (seed, offset) in [-0.1, 0, 0.1].enumerated() {
          points.append(
            PointResult(
              index: points.count,
              values: [("n", .real(c.n)), ("d", .real(c.d)), ("lr", .real(rate)), ("seed", .int(seed))],
              scalars: ["prediction_radius": stat(c.stat) + offset, "premise_ratio": c.premise], arrays: [:],
              notes: [:]))
        }
      }
    }
    return Results(path: "synthetic", attributes: [:], points: points)
  }

  static func map(
    prediction: RegimeMap.Condition = .atMost(1.5), premise: RegimeMap.Condition = .atLeast(1),
    fixed: [String: Double] = [:]
  ) -> RegimeMap {
    RegimeMap(
      rows: "n", columns: "d", statistic: "prediction_radius", statisticLabel: "radius·√n/‖x‖ (median)",
      prediction: prediction, premise: "premise_ratio", premiseLabel: "d/n²", premiseHolds: premise,
      theoryBoundary: ("theory: n = √d", { $0.squareRoot() }), fixed: fixed)
  }

  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

  @Test func eachCellHasItsMedianQuartilesSpreadAndOutcome() throws {
    let cells = Self.map().cells(Self.results())
    #expect(cells.count == 9)
    #expect(cells.map(\.row) == [10, 10, 10, 20, 20, 20, 40, 40, 40])
    #expect(cells.map(\.column) == [100, 1000, 10000, 100, 1000, 10000, 100, 1000, 10000])
    let outcomes = cells.map(\.outcome)
    #expect(
      outcomes == [
        .bothHold, .bothHold, .bothHold, .beyondPremise, .counterexample, .bothHold, .bothFail, .bothFail, .bothHold,
      ])
    let c = try #require(cells.first { $0.row == 20 && $0.column == 1000 })
    #expect(c.seeds == 3 && Self.close(c.median, 2) && Self.close(c.low, 1.95) && Self.close(c.high, 2.05))
    #expect(Self.close(c.spread, 0.1) && c.premiseMedian == 2.5 && c.premiseHolds && !c.predictionHolds)
    #expect(Self.close(c.margin.sigmas, -5) && c.margin.threshold == 1.5)  // (1.5 − 2)/0.1
    let inside = try #require(cells.first { $0.row == 10 && $0.column == 100 })
    #expect(Self.close(inside.margin.sigmas, 5))  // (1.5 − 1)/0.1
  }

  @Test func theClaimFailsOnItsCounterexampleAndNamesIt() throws {
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(), allowedInsideFailures: 0).evaluate(Self.results())
    #expect(v.count == 1)
    #expect(!v[0].holds && v[0].value == 1)
    #expect(v[0].observed.contains("9 cells (n × d): 5 both hold, 1 counterexample, 1 beyond the premise, 2 both fail"))
    #expect(v[0].observed.contains("counterexample cell: n = 20, d = 1000 (median 2)"))
    let m = try #require(v[0].margin)
    #expect(Self.close(m.sigmas, -5) && m.what.contains("n = 20, d = 1000"))
    let summary = try #require(v[0].regimeMap)
    #expect(summary.count(.bothHold) == 5 && summary.count(.counterexample) == 1)
    #expect(summary.count(.beyondPremise) == 1 && summary.count(.bothFail) == 2)
    #expect(summary.cells.count == 9 && summary.cells[4].outcome == .counterexample)
  }

  @Test func oneAllowedInsideFailureLetsItHoldAtTheNextCellsMargin() throws {
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(), allowedInsideFailures: 1).evaluate(Self.results())[0]
    #expect(v.holds && v.observed.contains("counterexample"))
    let m = try #require(v.margin)
    #expect(Self.close(m.sigmas, 5) && m.what.contains("rank 2"))  // the next inside cell, 5 SDs inside
  }

  @Test func withoutACounterexampleTheTextStillSaysSo() throws {
    // The premise tightened to ≥ 3: the counterexample cell (2.5) moves outside and becomes a "both fail" cell.
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(premise: .atLeast(3)), allowedInsideFailures: 0)
      .evaluate(Self.results())[0]
    #expect(v.holds && v.value == 0 && v.observed.contains("no counterexample cell"))
    #expect(v.observed.contains("4 both hold, 0 counterexamples, 2 beyond the premise, 3 both fail"))
  }

  @Test func aMapWithNoCellInsideThePremiseFails() {
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(premise: .atLeast(1000)), allowedInsideFailures: 0)
      .evaluate(Self.results())[0]
    #expect(!v.holds && v.observed.contains("no cell inside the premise"))
    #expect(v.observed.contains("no counterexample cell"))
  }

  @Test func aMapThatNeverFailsOutsideFails() {
    // The prediction loosened to ≤ 10: it holds everywhere, so the map has no control of its own.
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(prediction: .atMost(10)), allowedInsideFailures: 0)
      .evaluate(Self.results())[0]
    #expect(!v.holds && v.value == 0 && v.observed.contains("no control of its own"))
    #expect(v.regimeMap?.count(.beyondPremise) == 3)
  }

  @Test func aMissingValueNeverMeetsThePredictionAndIsNamed() {
    // Every statistic NaN: no cell meets the prediction, and no outside cell counts as the map's control.
    let v = Claim.regimeMap("s", reason: "r", map: Self.map(), allowedInsideFailures: 0)
      .evaluate(Self.results(stat: { _ in .nan }))[0]
    #expect(!v.holds && v.observed.contains("9 cells with a missing value"))
    #expect(v.observed.contains("no control of its own"))
  }

  @Test func aParameterVaryingWithinCellsMustBeFixed() throws {
    let both = Self.results(extra: [0.1, 0.2])
    let pooled = Claim.regimeMap("s", reason: "r", map: Self.map(), allowedInsideFailures: 1).evaluate(both)[0]
    #expect(!pooled.holds && pooled.observed.contains("lr varies within a cell"))
    let fixed = Claim.regimeMap("s", reason: "r", map: Self.map(fixed: ["lr": 0.2]), allowedInsideFailures: 1)
      .evaluate(both)[0]
    #expect(fixed.holds)
    #expect(Self.map(fixed: ["lr": 0.2]).cells(both).allSatisfy { $0.seeds == 3 })
  }

  @Test func conditionsAdmitTheirBoundsAndNeverNaN() {
    #expect(RegimeMap.Condition.atMost(1).admits(1) && !RegimeMap.Condition.atMost(1).admits(1.01))
    #expect(RegimeMap.Condition.atLeast(1).admits(1) && !RegimeMap.Condition.atLeast(1).admits(.nan))
    #expect(RegimeMap.Condition.within(0.5...2).admits(2) && !RegimeMap.Condition.within(0.5...2).admits(0.4))
    #expect(RegimeMap.Condition.within(0.5...2).nearestBound(to: 1.9) == (2, .below))
    #expect(RegimeMap.Condition.within(0.5...2).text == "in [0.5, 2]")
  }
}
