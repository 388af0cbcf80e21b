import Foundation
import Harness
import Numerics

/// Issue 24, item 5: is the KKT residual's plateau near 0.05 the distance to a true KKT point, or an artefact
/// of the diagnostic? `KKTPolish` solves the KKT system exactly at the trained network's own activation pattern
/// (Levenberg–Marquardt from the trained point, `Sources/Numerics/Diagnostics/KKTPolish.swift`) and the module
/// records how far the trained network is from the KKT point found. Small cases only (O((m + n + kinks)³) per
/// iteration): on at the quick preset, off at the paper preset (`--set polish=1` there: about 1–2 min per seed).
extension Vardi2022KKT {
  static let polish = Parameter.int(
    "polish",
    "1: solve an exact KKT point at the trained network's activation pattern and record the distance to it (small cases: O((m + n + kinks)³) per iteration); 0: no",
    paper: 0, quick: 1, in: 0...1)

  /// The distance from the trained network to the exact KKT point at its pattern, when `polish` is 1.
  static func recordPolish(
    _ r: inout Record, _ p: Point, network net: TwoLayerNetwork, data: TrainingSet, diagnostics k: KKTDiagnostics
  ) {
    guard p.int("polish") == 1, k.relativeResidual.isFinite else { return }
    let solved = KKTPolish(net, inputs: data.x, labels: data.y, multipliers: k.multipliers)
    let check = KKTDiagnostics(solved.network, inputs: data.x, labels: data.y)
    r.set(
      "polish_distance", solved.distance,
      "‖θ̃ − θ*‖/‖θ̃‖: the margin-normalised trained network θ̃ against the exact KKT point θ* solved at its activation pattern (to compare with kkt_residual)"
    )
    r.setCount(
      "polish_consistent", solved.consistent ? 1 : 0,
      "1 when θ* is a KKT point: the pattern kept, λ ≥ 0, kink slopes in [0, 1], margins ≥ 1 off the margin set, equations solved to 1e-9"
    )
    r.set(
      "polish_residual", check.relativeResidual,
      "the KKT residual of θ* by the module's own diagnostic (≈ 0 at a true KKT point: a check of the solve)",
      allowing: .nan)
    r.set(
      "polish_equations", solved.equationResidual,
      "the largest |equation| of the KKT system left at θ* (the solve's own accuracy)")
    r.note("polish_violations", solved.violations.isEmpty ? "none" : solved.violations.joined(separator: "; "))
  }

  /// The solve's work when `polish` is 1: about 30 Levenberg–Marquardt steps, each a central-difference Jacobian
  /// (2·N evaluations of the n × n × m pattern product), JᵀJ (N³) and a Cholesky (N³/3) or two, N = m + n + kinks
  /// with the kinks at most a quarter of the n·m pairs (measured: 411–511 of 2000 at the paper preset).
  static func polishCost(_ p: Point) -> CostEstimate {
    guard p.int("polish") == 1 else { return CostEstimate(gemmFlops: 0, "no polish") }
    let (n, m) = (Double(p.int("n")), Double(p.int("m")))
    let unknowns = m + n + n * m / 4
    let step = 2 * unknowns * 2 * n * n * m + unknowns * unknowns * unknowns * (1 + 2.0 / 3)
    return CostEstimate(
      gemmFlops: 0, elementwise: 30 * step, "30·(4·N·n²·m + 5N³/3), N = m + n + n·m/4 (the exact KKT solve)")
  }

  /// Its memory: the Jacobian and JᵀJ (and its factor), N² doubles each.
  static func polishDoubles(_ p: Point) -> Double {
    guard p.int("polish") == 1 else { return 0 }
    let (n, m) = (Double(p.int("n")), Double(p.int("m")))
    let unknowns = m + n + n * m / 4
    return 4 * unknowns * unknowns
  }
}
