import Figures
import Foundation
import Harness
import Numerics

/// Figures shared by the flip-radius modules (vardi2022 and frei2023).
extension FlipStudy {
  /// "5 of 5 runs" / "all 90 runs".
  package static func countPhrase(_ met: Int, of total: Int, _ unit: String = "runs") -> String {
    met == total ? "all \(total) \(unit)" : "\(met) of \(total) \(unit)"
  }

  /// The `nearKKT` claims drawn: at each value of the swept parameter `x`, the relative KKT residual and
  /// the relative change of the normalised margin over the second half of the flow time (median; bars:
  /// smallest to largest over the runs there), each with its claim's threshold in its colour; the title
  /// counts the runs that fit every training point.
  package static func trainingFigure(_ results: Results, along x: String, xLabel: String, setting: String) -> Figure {
    let xs = results.ascendingValues(of: x)
    func summary(_ name: String, label: String, color: Int) -> Series {
      let samples = xs.map { v in results.points.filter { $0.real(x) == v }.map { $0.scalar(name) } }
      return Series(
        label: "\(label) (median; bars: smallest to largest over the runs)", x: xs,
        y: samples.map(Statistics.median), low: samples.map { $0.min() ?? .nan },
        high: samples.map { $0.max() ?? .nan }, color: color, marker: color)
    }
    let range = (xs.first ?? 1)...(xs.last ?? 2)
    let fitted = results.points.filter { $0.scalar("train_accuracy") == 1 }.count
    let converged = results.points.filter { $0.scalar("margin_change") < 0.01 }.count
    let near = results.points.filter { $0.scalar("kkt_residual") < 0.1 }.count
    let total = results.points.count
    return Figure(
      name: "training-vs-\(x)",
      title:
        "The networks measured are trained to near a KKT point (\(setting)); training accuracy 1 at \(countPhrase(fitted, of: total))",
      xLabel: xLabel, yLabel: "relative size (dimensionless)", logX: true, logY: true,
      series: [
        summary("kkt_residual", label: "relative KKT residual", color: 0),
        summary("margin_change", label: "relative change of the normalised margin over [τ/2, τ]", color: 1),
      ],
      references: [
        .reference("claim: KKT residual < 0.1 at every run", over: range, log: true, color: 0) { _ in 0.1 },
        .reference("claim: margin change < 0.01 at every run", over: range, log: true, color: 1) { _ in 0.01 },
      ], xTicks: xs, legend: .below,
      caption:
        "The bar tops (the worst run at each value) must stay under the line of their colour for the radii to be measured on networks near a max-margin KKT point: \(countPhrase(near, of: total)) have a KKT residual under 0.1 and \(countPhrase(converged, of: total)) a margin change under 0.01."
    )
  }

  /// Prediction 4 drawn: at each value of the swept parameter `x`, the generic attack's flip radius
  /// divided by the universal direction's, training (or test) point by point, pooled over points and
  /// seeds: median with quartiles, and the 95th percentile against the claim's 1 + 10⁻³ (at most 5% of
  /// pairs above). `extra` adds another ratio's median (e.g. along −y·Σv_j w_j).
  package static func attackRatioFigure(
    _ results: Results, along x: String, xLabel: String, setting: String, points what: String,
    attack: String = "attack_radius", universal: String = "flip_radius", extra: (array: String, label: String)? = nil
  ) -> Figure {
    let xs = results.ascendingValues(of: x)
    func ratios(_ name: String, at v: Double) -> [Double] {
      results.points.filter { $0.real(x) == v }.flatMap { p in
        zip(p.array(name), p.array(universal)).map { $0 / $1 }
      }
    }
    let samples = xs.map { ratios(attack, at: $0) }
    let finite = samples.map { $0.filter { !$0.isNaN } }
    var series = [
      Series.median("generic ℓ2 attack / universal", x: xs, samples: finite, over: "\(what) and seeds"),
      Series(
        label: "95th percentile of attack / universal", x: xs, y: finite.map { Statistics.quantile($0, 0.95) },
        style: .points, color: 1, marker: 4),
    ]
    if let extra {
      let values = xs.map { ratios(extra.array, at: $0) }
      let undefined = values.reduce(0) { $0 + Statistics.missing($1) }
      series.append(
        Series(
          label: "\(extra.label) / universal (median\(undefined > 0 ? "; \(undefined) NaN pairs left out" : ""))",
          x: xs, y: values.map { Statistics.median($0.filter { !$0.isNaN }) }, style: .points, color: 2, marker: 2))
    }
    let all = samples.flatMap { $0 }
    let met = all.filter { $0 <= 1 + 1e-3 }.count
    let range = (xs.first ?? 1)...(xs.last ?? 2)
    let missing = all.filter(\.isNaN).count
    return Figure(
      name: "attack-ratio-vs-\(x)",
      title:
        "Prediction 4: a generic ℓ2 attack finds flips no larger than the universal direction (\(setting)); \(countPhrase(met, of: all.count, "pairs")) at or below 1 + 10^{-3}",
      xLabel: xLabel, yLabel: "flip radius of the attack / along the universal direction", logX: true,
      series: series,
      references: [
        .reference(
          "claim: at least 95% of pairs ≤ 1 + 10^{-3} (the attack's tolerance)", over: range, log: true, color: 1
        ) {
          _ in 1 + 1e-3
        }
      ], xTicks: xs, legend: .below,
      caption:
        "Where the 95th percentile sits at or below the line at 1 + 10⁻³, a generic attack finds nothing larger than the universal direction at 95% of \(what): here \(Int((100 * Double(met) / Double(max(all.count, 1))).rounded()))% of all pairs do\(missing > 0 ? " (\(missing) with no flip found, counted against it)" : "")."
    )
  }
}
