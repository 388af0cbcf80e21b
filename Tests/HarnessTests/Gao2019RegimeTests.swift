import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Gao2019Experiments
@testable import Harness

/// gao2019-regime-width: the budget T(R), the activation-pattern share against hand-counted cases, and one small
/// point held to the quadratic ReLU's worst-case bound on the linearisation error, R²/(2√m).
@Suite struct Gao2019RegimeTests {
  static func point(_ overrides: [String]) throws -> Point {
    try Configuration(experiment: Gao2019RegimeWidth.self, preset: .quick, overrides: overrides).points[0]
  }

  /// T(R) = iterations_at_8·max(1, R/8)²; the budgeted point carries it and the reference's multiple of it, and
  /// keeps every declared value.
  @Test func budgetFollowsTheBallRadius() throws {
    for (radius, steps) in [(0.5, 300), (8.0, 300), (16.0, 1_200), (32.0, 4_800)] {
      let p = try Self.point(["R=\(radius)", "iterations_at_8=300", "reference_multiple=3"])
      #expect(Gao2019.regimeIterations(p) == steps)
      let q = Gao2019.regimeBudgeted(p)
      #expect(q.int("iterations") == steps && q.int("reference_iterations") == 3 * steps)
      for (name, value) in p.values { #expect(q.value(name) == value, "\(name)") }
    }
  }

  /// The share of (unit, input) pairs whose sign(w_r·x_i) changed, counted by hand: 2 units × 2 inputs.
  @Test func patternChangeCountsSignFlips() {
    let x = Matrix(rowVectors: [[1, 0], [0, 1]])
    let before = Matrix(rowVectors: [[1, 1], [-1, 2]])
    // Unit 0: w·x = (1, 1) → (−1, 1): one flip. Unit 1: (−1, 2) → (−1, 2): none.
    let after = Matrix(rowVectors: [[-1, 1], [-1, 2]])
    #expect(Gao2019.patternChange(from: before, to: after, at: x) == 0.25)
    #expect(Gao2019.patternChange(from: before, to: before, at: x) == 0)
    let flipped = Matrix(rowVectors: [[-1, -1], [1, -2]])
    #expect(Gao2019.patternChange(from: before, to: flipped, at: x) == 1)
  }

  /// One small point: the statistic is the gap in units of ε, the relative change is the weight change (at most R)
  /// over ‖W(0)‖_F, and the measured linearisation error obeys the quadratic ReLU's bound
  /// |f − f_lin| ≤ ‖ΔW‖_F²/(2√m) (σ'' ∈ [0, 1], ‖x_i‖ = 1), the theory boundary the map draws.
  @Test func aSmallPointObeysTheWorstCaseBound() throws {
    let overrides = ["m=8", "R=2", "iterations_at_8=30", "reference_starts=2", "evaluations=3"]
    var rng = RandomSource(seed: 11)
    let r = try Gao2019RegimeWidth.run(try Self.point(overrides), rng: &rng)
    let (gap, statistic) = (try #require(r["gap"]), try #require(r["prediction_gap"]))
    #expect(abs(statistic - gap / 0.01) < 1e-9)
    let change = try #require(r["weight_change"])
    #expect(change <= 2 + 1e-9)
    // ‖W(0)‖_F ≈ √(m·d) = 4 for 8 units in d = 2: the ratio is the change over a norm of that size.
    let initialNorm = change / (try #require(r["relative_change"]))
    #expect(initialNorm > 2 && initialNorm < 8)
    let error = try #require(r["premise_linearization_error"])
    #expect(error > 0 && error <= change * change / (2 * 8.0.squareRoot()) + 1e-12)
    #expect(r["steps"] == 30 && r["estimate_misses"] == 0)
  }
}
