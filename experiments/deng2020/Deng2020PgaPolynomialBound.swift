import Foundation
import Harness

// deng2020-pga-iterations' claims along m and d (issue 24): the iteration count at the theorem's step is bounded by
// a polynomial, judged per seed (along m on networks nested in m, `Deng2020NestedNetwork.swift`). A shared file of
// the paper: its name starts with a capital.

/// The count's growth exponent along one axis (m or d), one per (other axis, seed): the slope of log(median count
/// over the point's restarts) against log of the axis. Along m a seed's curve is one input on nested networks (the
/// same input, label and restarts at every m); along d each d draws its own network and input.
struct PgaAxisExponents {
  /// The axis ("m" or "d") and the other one, whose values label the curves.
  var axis: String
  var other: String { axis == "m" ? "d" : "m" }
  /// Per value of the other axis: each seed's exponent (+∞ where a median along the curve is +∞: half the
  /// restarts never met the tolerance, so no polynomial bounds that count).
  var perSeed: [(d: Double, exponents: [Double])]
  /// Restarts that did not meet the finest tolerance within max_iter, and all restarts.
  var unconverged: Int
  var restarts: Int

  init(_ points: [PointResult], along axis: String = "m") {
    self.axis = axis
    let other = axis == "m" ? "d" : "m"
    perSeed = points.grouped(by: [other]).map { group in
      let exponents = group.points.grouped(by: ["seed"]).map { curve -> Double in
        let levels = curve.points.map { p in
          (p.real(axis), Deng2020.censoredMedian(p.array("iterations"), converged: p.array("converged")))
        }.sorted { $0.0 < $1.0 }
        guard levels.count >= 2 else { return .nan }
        guard levels.allSatisfy({ $0.1.isFinite }) else { return .infinity }
        return Statistics.linearFit(levels.map { log($0.0) }, levels.map { log($0.1) }).slope
      }
      return (group.points[0].real(other), exponents)
    }.sorted { $0.d < $1.d }
    let converged = points.flatMap { $0.array("converged") }
    unconverged = converged.filter { $0 != 1 }.count
    restarts = converged.count
  }

  /// The other axis' value whose mean exponent over seeds is largest, that mean and its seed SD (finite exponents only: an infinite
  /// one makes the mean +∞ and is counted in the text).
  var worst: (d: Double, mean: Double, spread: Double)? {
    perSeed.map { row in
      let finite = row.exponents.filter(\.isFinite)
      let mean = row.exponents.contains(.infinity) ? .infinity : Statistics.mean(row.exponents)
      return (row.d, mean, finite.count >= 2 ? Statistics.standardDeviation(finite) : .nan)
    }.max { ($0.1.isNaN ? .infinity : $0.1) < ($1.1.isNaN ? .infinity : $1.1) }
  }

  var infiniteCurves: Int { perSeed.reduce(0) { $0 + $1.exponents.filter { $0 == .infinity }.count } }
  var curves: Int { perSeed.reduce(0) { $0 + $1.exponents.count } }
}

extension Deng2020 {
  /// The degree in m and in d of the theorem's bound at η = 1/L: the ascent lemma bounds the count by 2L·Δ/τ²; for
  /// the 1/√m network L = G² + R·H grows at most like ‖W‖₂² ≈ (√m + √d)², i.e. linearly in m and in d, and Δ and τ
  /// are O(1) (f = O(1) for random signs), so the count may grow at most like m¹ and d¹.
  static let boundDegree = 1.0

  /// The count at the theorem's step is bounded by a polynomial along `axis` ("m" or "d").
  static func pgaBoundClaim(along axis: String) -> Claim {
    let other = axis == "m" ? "d" : "m"
    let pairing =
      axis == "m"
      ? "on each seed's networks nested in m (the same input, label and restarts at every m, the narrower networks the first units of the wider)"
      : "per seed (each d draws its own network and input, so a seed's curve along d is not paired)"
    return Claim(
      statement:
        "At the theorem's step, the iterations to the tolerance are bounded by a polynomial in \(axis): \(pairing), the count grows at most like \(axis)¹ (the bound's degree)",
      reason:
        "the ascent lemma at η = 1/L bounds the count by 2L·Δ/τ², and L = G² + R·H is at most linear in m and d for the 1/√m network (‖W‖₂² ≈ (√m + √d)²) while Δ and τ = tol·‖∇ℓ‖ are O(1); so the exponent of the count in \(axis) is at most 1. The worst \(other)'s mean exponent over seeds against 1; a power law against an exponential fit is no test here: the counts hardly grow and vary 3–10× between inputs, so the two fits are alike and the residuals decide by noise"
    ) { results in
      let e = PgaAxisExponents(results.points, along: axis)
      guard let worst = e.worst else { return [] }
      let rows = e.perSeed.map { row in
        let finite = row.exponents.filter(\.isFinite)
        let range = finite.isEmpty ? "none finite" : "\(formatNumber(finite.min()!)) to \(formatNumber(finite.max()!))"
        return "\(other) = \(formatReal(row.d)): \(range)"
      }.joined(separator: "; ")
      let cycling =
        e.infiniteCurves > 0
        ? "; \(e.infiniteCurves) of \(e.curves) seed curves have an infinite median count (\(e.unconverged) of \(e.restarts) restarts never met the tolerance within max_iter: no polynomial bounds them)"
        : "; \(e.unconverged) of \(e.restarts) restarts missed the tolerance"
      return [
        Verdict(
          statement: "The iterations are bounded by a polynomial in \(axis) (exponent ≤ \(formatNumber(boundDegree)))",
          bound: "the worst \(other)'s mean exponent over seeds ≤ \(formatNumber(boundDegree))",
          observed:
            "worst mean exponent \(formatNumber(worst.mean)) at \(other) = \(formatReal(worst.d)) (seed SD \(formatNumber(worst.spread))); per-seed exponents \(rows)"
            + cycling,
          value: worst.mean,
          valueIs:
            "the largest over \(other) of the mean over seeds of the slope of log(median count) against log \(axis) (+∞ where a median is infinite)",
          holds: worst.mean <= boundDegree,
          margin: Margin(
            statistic: worst.mean, threshold: boundDegree, spread: worst.spread, passes: .below,
            what:
              "the worst \(other)'s mean exponent against 1; spread: the SD over seeds of its finite per-seed exponents"
          ))
      ]
    }
  }
}
