import Foundation
import Harness

/// The axes along which deng2020-pga-iterations measures growth: d (one curve per m), m (one per d), and 1/tol
/// (one per (d, m), from the counts each run records at every tolerance level).
enum PgaGrowthAxis: String, CaseIterable, Sendable {
  case d, m
  case inverseTolerance = "1/tol"

  /// One curve: the axis values and the median iteration count at each (restarts and the given seeds pooled; a
  /// restart that did not meet the tolerance counts as +∞, so the median is +∞ when half did not).
  struct Curve {
    var label: String
    var x: [Double]
    var y: [Double]
  }

  func curves(_ points: [PointResult]) -> [Curve] {
    switch self {
    case .d, .m:
      let other = self == .d ? "m" : "d"
      return points.grouped(by: [other]).map { group in
        let levels = group.points.grouped(by: [rawValue]).map { level in
          (
            level.points[0].real(rawValue),
            Deng2020.censoredMedian(
              level.points.flatMap { $0.array("iterations") }, converged: level.points.flatMap { $0.array("converged") }
            )
          )
        }.sorted { $0.0 < $1.0 }
        return Curve(
          label: "\(other) = \(formatReal(group.points[0].real(other)))", x: levels.map(\.0), y: levels.map(\.1))
      }
    case .inverseTolerance:
      return points.grouped(by: ["d", "m"]).map { group in
        let tolerances = group.points[0].array("tolerance_levels")
        let k = tolerances.count
        let y = tolerances.indices.map { j -> Double in
          let hits = group.points.flatMap { p in
            stride(from: j, to: p.array("iterations_to_tol").count, by: k).map { p.array("iterations_to_tol")[$0] }
          }
          let met = group.points.flatMap { p in
            stride(from: j, to: p.array("met_tol").count, by: k).map { p.array("met_tol")[$0] }
          }
          return Deng2020.censoredMedian(hits, converged: met)
        }
        let (d, m) = (group.points[0].real("d"), group.points[0].real("m"))
        return Curve(label: "d = \(formatReal(d)), m = \(formatReal(m))", x: tolerances.map { 1 / $0 }, y: y)
      }
    }
  }

  /// The worst (largest) log₁₀(power residual / exponential residual) over the curves, with the fits, and how many
  /// curves have an infinite median (half their restarts never met the tolerance: PGA cycled). Such a curve grows
  /// like no power, so the worst ratio is then +∞ (a measured outcome, counted in the text); NaN only where a curve
  /// has fewer than 3 levels or a median is NaN (nothing measured).
  func worstLogRatio(_ points: [PointResult]) -> (value: Double, fits: [GrowthFit], infinite: Int, finiteWorst: Double)
  {
    let all = curves(points)
    let fits = all.map { GrowthFit($0.x, $0.y) }
    let infinite = all.filter { c in c.y.contains(.infinity) }.count
    let finite = zip(all, fits).filter { !$0.0.y.contains(.infinity) }.map(\.1.logRatio)
    let finiteWorst = finite.contains(where: \.isNaN) ? .nan : (finite.max() ?? .nan)
    let undefined = all.contains { $0.x.count < 3 || $0.y.contains(where: \.isNaN) }
    return (undefined ? .nan : infinite > 0 ? .infinity : finiteWorst, fits, infinite, finiteWorst)
  }
}

extension Deng2020 {
  /// Along d and m the claim is the polynomial bound itself (`pgaBoundClaim`): on a count that hardly grows a power
  /// law and an exponential fit alike, and the theorem states a bound. Along 1/tol, where the count grows over six
  /// decades, power law against exponential.
  static let pgaIterationClaims: [Claim] =
    [
      boundClaim("d"), boundClaim("m"), growthClaim(.inverseTolerance),
    ] + highProbabilityClaims

  /// The power law against the exponential along one axis, with its wrong-regime control.
  static func growthClaim(_ axis: PgaGrowthAxis) -> Claim {
    Claim(
      statement:
        "At the theorem's step, the iterations to the tolerance grow as a power of \(axis.rawValue), not exponentially: a power law fits the median counts better than an exponential",
      reason:
        "the ascent lemma bounds the count by 2L·Δ/τ² (η = 1/L): L and Δ are polynomial in d and m, τ is tol·‖∇ℓ‖; both fits have two parameters, so their residuals of log count compare directly"
    ) { results in
      let (value, fits, infinite, finiteWorst) = axis.worstLogRatio(results.points)
      let perSeed = results.points.grouped(by: ["seed"]).map { axis.worstLogRatio($0.points).value }.filter(\.isFinite)
      let exponents = fits.map(\.exponent).filter(\.isFinite)
      let range =
        exponents.isEmpty ? "none" : "\(formatNumber(exponents.min()!)) to \(formatNumber(exponents.max()!))"
      let converged = results.points.flatMap { $0.array("converged") }
      let missed = converged.filter { $0 != 1 }.count
      let why =
        infinite > 0
        ? "; \(infinite) of \(fits.count) curves have an infinite median count (\(missed) of \(converged.count) restarts never met the finest tolerance within max_iter: PGA cycles), so no power law bounds them (worst log₁₀ ratio over the \(fits.count - infinite) finite curves \(formatNumber(finiteWorst)))"
        : value.isNaN ? "; a curve has < 3 levels or a NaN median: nothing measured" : ""
      return [
        Verdict(
          statement: "Iterations grow as a power of \(axis.rawValue), not exponentially",
          bound: "log₁₀(RSS power / RSS exponential) < 0 on every curve",
          observed: "worst log₁₀ ratio \(formatNumber(value)) over \(fits.count) curves; power-law exponents \(range)"
            + why,
          value: value,
          valueIs:
            "the largest log₁₀ of the power law's residual sum of squares over the exponential's, over the curves (+∞ when a curve's median count is infinite)",
          holds: value < 0,
          margin: Margin(
            statistic: value, threshold: 0, spread: Statistics.standardDeviation(perSeed), passes: .below,
            what:
              "the worst log ratio against 0; spread: the SD over seeds of each seed's worst log ratio (finite ones)"))
      ]
    }
    .wrongRegime(outsideStepRange, set: [outsideStep])
  }

  /// The wrong-regime control of every claim: the step far outside the theorem's range. L over-estimates the maxima's
  /// own curvature 10–100× (steps of 3/L–30/L still converge, faster), so the step must exceed 1/L far before it
  /// exceeds 2/λ at a maximum: at 100/L one quick input of 24 cycles, at 300/L seven (README).
  static let outsideStep = "step=300"

  static let outsideStepRange =
    "a step outside the theorem's range (η = 300/L, 150 times the 2/L beyond which the ascent lemma gives no increase; 1/L is loose here, so the step must exceed it far before a maximum's own curvature is exceeded): PGA overshoots along the sphere's strongly curved directions and cycles instead of converging, so some counts are infinite and no polynomial bounds them"

  /// The polynomial bound along d or m with its wrong-regime control.
  static func boundClaim(_ axis: String) -> Claim {
    pgaBoundClaim(along: axis).wrongRegime(outsideStepRange, set: [outsideStep])
  }

  /// Convergence and local maxima "with high probability".
  static let highProbabilityClaims: [Claim] = [
    .pooledFraction(
      "With high probability over random starts, PGA at the theorem's step meets the tolerance within the budget",
      reason:
        "'with high probability': a failure rate ≥ 5% would leave more than 1% of the paper's 640 restarts (8 seeds × 20 cells × 4) unconverged with probability > 1 − 10⁻⁶",
      of: { $0.array("converged") }, named: "converged", .above(0.5), atLeast: 0.99
    ).wrongRegime(
      "the same step outside the theorem's range (η = 300/L): no ascent guarantee, PGA cycles around maxima with tangent curvature beyond 2/η",
      set: [outsideStep]),
    .pooledFraction(
      "With high probability over random starts, PGA at the theorem's step ends at a local maximum (second-order test)",
      reason:
        "the main result: from random starts PGA avoids strict saddles (stable-manifold theorem), so its limit is a local maximum; 99% as for convergence",
      of: { $0.array("local_maximum") }, named: "local maximum", .above(0.5), atLeast: 0.99
    ).wrongRegime(
      "the step outside the theorem's range (η = 300/L): the restarts that cycle end at points that are not stationary, so they are not local maxima",
      set: [outsideStep]),
  ]
}
