import HDF5
import Testing

@testable import Experiments
@testable import Gao2019Experiments
@testable import Harness

/// gao2019-attack-strength's claims and figures on hand-made results with known answers: the per-seed paired
/// differences, the best robust loss in the ball (the lowest L* any attack's run reached from the same W(0)), the
/// excess of the weak attacks' L* over it, and captions computed from the numbers.
@Suite struct Gao2019AttackStrengthTests {
  /// (attack, seed, relative gap, L* at the end, L_A at the end, best L* of the run), at δ ratio 0.8.
  static let rows: [(String, Int, Double, Double, Double, Double)] = [
    ("one_step", 0, 0.20, 0.60, 0.50, 0.58), ("pga", 0, 0.15, 0.59, 0.50, 0.585),
    ("exhaustive", 0, 0.00, 0.57, 0.57, 0.56),
    ("one_step", 1, 0.22, 0.62, 0.51, 0.60), ("pga", 1, 0.16, 0.60, 0.51, 0.59),
    ("exhaustive", 1, 0.01, 0.58, 0.58, 0.575),
    ("one_step", 2, 0.25, 0.61, 0.52, 0.60), ("pga", 2, 0.17, 0.595, 0.52, 0.59),
    ("exhaustive", 2, 0.02, 0.575, 0.575, 0.57),
  ]

  static var results: Results {
    Results(
      path: "synthetic", attributes: [:],
      points: rows.enumerated().map { k, r in
        PointResult(
          index: k,
          values: [
            ("attack", .text(r.0)), ("delta_ratio", .real(0.8)), ("seed", .int(r.1)), ("attack_steps", .int(5)),
          ],
          scalars: [
            "relative_gap": r.2, "final_robust_loss": r.3, "final_surrogate_loss": r.4, "best_robust_loss": r.5,
            "estimate_misses": 0,
          ],
          arrays: [
            "iteration": NDArray([0, 1]), "robust_loss": NDArray([0.7, r.3]),
            "surrogate_loss": NDArray([0.7, r.4]),
          ], notes: [:])
      })
  }

  @Test func pairedColumnsAndTheBestInTheBall() throws {
    let row = try #require(Gao2019.AttackStrength.relativeGaps(Self.results).rows.first)
    let close = { (a: Double, b: Double) in abs(a - b) < 1e-12 }
    // Relative gaps one_step − exhaustive per seed: 0.20, 0.21, 0.23.
    #expect(close(row["one_step-paired"], 0.21))
    #expect(close(row["one_step-spread"], (0.0007 / 3).squareRoot()))
    #expect(close(row["one_step"], 0.22) && close(row["exhaustive"], 0.01))
    // Best in the ball per seed: 0.56, 0.575, 0.57 (the exhaustive run's); one step ends 0.04, 0.045, 0.04 above.
    #expect(close(row["one_step-excess"], 0.04))
    #expect(close(row["one_step-surrogate-excess"], -0.06))
    #expect(close(row["pga-excess"], 0.025))
  }

  @Test func theConsequenceClaimsHoldWithTheirMargins() throws {
    let claims = Gao2019AttackStrength.claims
    #expect(claims.count == 5)
    // Every prediction has a wrong-regime control; the code check is labelled.
    for (k, claim) in claims.enumerated() where k != 2 {
      #expect(claim.controls.contains { $0.kind == .wrongRegime })
    }
    let oneStep = try #require(claims[3].evaluate(Self.results).first)
    #expect(oneStep.holds && abs(oneStep.value - 0.04) < 1e-12)
    let margin = try #require(oneStep.margin)
    #expect(abs(margin.sigmas - 0.03 / (0.000025 / 3).squareRoot()) < 1e-9)
    let pga = try #require(claims[4].evaluate(Self.results).first)
    #expect(pga.holds && abs(pga.value - 0.025) < 1e-12)
  }

  @Test func figuresDrawTheGapWithCaptionsFromTheResults() throws {
    let figures = try Gao2019AttackStrength.figures(Self.results)
    #expect(figures.map(\.name) == ["gap-vs-iteration-delta-0.8", "gap-vs-delta", "robust-loss-vs-delta"])
    // The trace's last point is the relative gap (L* − L_A)/L*: one step, seed 0: (0.60 − 0.50)/0.60.
    let trace = Gao2019.AttackStrength.relativeGapTrace(Self.results.points[0])
    #expect(abs(trace[1] - 0.1 / 0.6) < 1e-12)
    #expect(figures[0].references.count == 1 && figures[0].references[0].y == [0.02, 0.02])
    #expect(figures[1].caption.contains("one gradient step 0.21"))
    #expect(figures[2].caption.contains("one gradient step 0.04") && figures[2].caption.contains("PGA 0.025"))
  }
}
