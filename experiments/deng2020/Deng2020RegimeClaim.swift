import Figures
import Foundation
import Harness

// deng2020-regime-scale's map (issue 26): the claim and the heat map. A shared file of the paper: its name starts
// with a capital.

extension Deng2020 {
  /// The (s, m) map: cell statistic the median over seeds of log₁₀(count to a local maximum / the polynomial)
  /// (`prediction_log_iterations_to_bound`, ≤ 0 predicted); premise κ ≤ 1 measured on each run; the formula's boundary
  /// at the paper preset's d = 16, r = 0.1 (`premiseBoundaryScale`).
  static let regimeScaleMap = RegimeMap(
    rows: "s", columns: "m", rowLabel: "input scale s = ‖x‖ (input units)", columnLabel: "hidden width m (neurons)",
    statistic: "prediction_log_iterations_to_bound",
    statisticLabel: "log₁₀(median PGA iterations to a local maximum / ((√m + √d)²·log₁₀(1/tol)))",
    prediction: .atMost(0),
    premise: "premise_curvature_ratio", premiseLabel: "κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ (dimensionless)",
    premiseHolds: .atMost(1),
    theoryBoundary: (
      label: "κ = 1 by the random-matrix formula (d = 16, r = 0.1)",
      row: { m in Deng2020.premiseBoundaryScale(d: 16, m: m, r: 0.1) }
    ))

  static let regimeScaleClaim = Claim.regimeMap(
    "Inside the scale premise (κ ≤ 1: f nearly linear over the ball), PGA at the theorem's step η = 1/L reaches a local maximum within the polynomial bound of pga-iterations; outside it, somewhere, it does not",
    reason:
      "the ascent lemma at η = 1/L bounds the count polynomially, with L = G² + R·H growing like (√m + √d)² and the count near a maximum like log(1/tol); the bound's other factor, 1/τ² with τ = tol·‖∇ℓ‖, is O(1) only while f is near-linear over the ball (κ ≤ 1); beyond it tanh saturates, the maxima's curvature falls far below L and the count outgrows the polynomial",
    map: regimeScaleMap, allowedInsideFailures: 1)
}

extension Deng2020 {
  /// The map claim's wrong-regime control: the step 1000 times below the theorem's. The polynomial is the ascent
  /// lemma's at η = 1/L; at η = c/L its bound is 2L·Δ/(c·τ²) and the count near a maximum, log(1/tol)/(η·|curvature|),
  /// grows like 1/c too, so cells inside κ ≤ 1 outgrow the polynomial of η = 1/L. A step above the theorem's is no
  /// control here: inside κ < 1 every step converges (the tangent map's eigenvalues (1 + η·hᵢ)/(1 + η·λ) stay in
  /// (−1, 1) for every η while |hᵢ| < λ, which κ < 1 gives; measured at η = 300/L and 10⁵/L, README).
  static let regimeScaleClaimWithControl = regimeScaleClaim.wrongRegime(
    "the step premise of the bound broken (η = 0.001/L, the polynomial being the ascent lemma's at η = 1/L): the count scales like 1/η, so cells inside the scale premise outgrow the polynomial; a step above 1/L cannot serve, since inside κ < 1 PGA converges at every step (measured up to 10⁵/L)",
    set: ["step=0.001"])

  /// The heat map of the cell medians with the prediction's contour, the premise boundaries and the four counts.
  static func regimeScaleMapFigure(_ results: Results) -> Figure {
    let cells = regimeScaleMap.cells(results)
    let infinite = cells.filter { $0.median == .infinity }.map { $0.name(rows: "s", columns: "m") }
    return regimeScaleMap.figure(
      results, name: "regime-map",
      title: "PGA iterations to a local maximum at η = 1/L over the polynomial bound, across s and m (d = 16)",
      caption:
        "Colour: the median over seeds of log₁₀ of each run's median count over its restarts divided by (√m + √d)²·log₁₀(1/tol); prediction: at most 0 (the count within the polynomial). Premise: κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ at most 1, measured on each run (median over seeds); dashed: κ = 1 by the random-matrix formula. "
        + (infinite.isEmpty
          ? "Every cell's median is finite."
          : "Cells whose median is infinite (half the restarts never reached a local maximum within max_iter): \(infinite.joined(separator: ", ")).")
    )
  }
}
