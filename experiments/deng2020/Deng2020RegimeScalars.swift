import Foundation
import Harness
import Numerics

// deng2020-regime-scale's per-point statistics (issue 26's regime-map contract): the prediction's statistic (PGA
// iterations to a local maximum at the theorem's step, against the polynomial bound of pga-iterations) and the
// premise measured on the run (κ). A shared file of the paper: its name starts with a capital.

extension Deng2020 {
  /// The polynomial bound of pga-iterations (`boundDegree`), made absolute: the ascent lemma at η = 1/L bounds the
  /// count by 2L·Δ/τ², L = G² + R·H grows like ‖W‖₂² ≈ (√m + √d)² (degree 1 in m and d), and near a maximum the
  /// count grows like log(1/tol) (pga-iterations' 1/tol claim). So the polynomial is (√m + √d)²·log₁₀(1/tol),
  /// iterations.
  static func regimePolynomial(d: Double, m: Double, tol: Double) -> Double {
    (m.squareRoot() + d.squareRoot()) * (m.squareRoot() + d.squareRoot()) * log10(1 / tol)
  }

  /// The map's scalars of one run: `prediction_iterations` (the median count over the restarts to a local maximum,
  /// +∞ when half never reached one), its ratio to the polynomial, the share of restarts that reach one, and
  /// `premise_curvature_ratio` κ, with the smoothness bound L.
  static func recordRegimeScalars(
    _ r: inout Record, _ p: Point, iterations: [Double], localMaximum: [Double], smoothness: AdversarialSmoothness,
    curvatureRatio kappa: Double
  ) {
    let count = censoredMedian(iterations, converged: localMaximum)
    let polynomial = regimePolynomial(d: Double(p.int("d")), m: Double(p.int("m")), tol: p.real("tol"))
    r.set(
      "prediction_iterations", count,
      "the median over the restarts of the PGA iterations to a local maximum (to the tolerance, passing the second-order test); a restart that did not reach one counts as +∞, so the median is +∞ when half did not",
      units: "iterations", allowing: .infinity)
    r.set(
      "prediction_iterations_to_bound", count / polynomial,
      "prediction_iterations divided by the polynomial (√m + √d)²·log₁₀(1/tol) of pga-iterations' bound (degree 1 in m and d, logarithmic in 1/tol)",
      units: "1", allowing: .infinity)
    r.set(
      "prediction_log_iterations_to_bound", log10(count / polynomial),
      "log₁₀ of prediction_iterations_to_bound (the map's colour scale: the ratio spans four decades)",
      units: "log₁₀", allowing: .infinity)
    r.set(
      "prediction_local_maximum_share", Statistics.mean(localMaximum),
      "the share of restarts that meet the tolerance within max_iter and pass the second-order test (a local maximum)")
    r.set(
      "premise_curvature_ratio", kappa,
      "κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ on this run's network and input: how far from linear f is over the ball (the scale premise: κ ≤ 1)",
      allowing: .infinity)
    r.set("polynomial_bound", polynomial, "(√m + √d)²·log₁₀(1/tol)", units: "iterations")
    r.set(
      "lipschitz_bound", smoothness.lipschitz, "L = G² + R·H, the bound on the Lipschitz constant of ∇ℓ on the ball")
  }
}
