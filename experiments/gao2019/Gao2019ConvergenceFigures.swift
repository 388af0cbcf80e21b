import Figures
import Foundation
import Harness
import Numerics

// gao2019-convergence's figures: the gap to the reference per iteration (linear, in units of ε), the two losses
// during training, and the final gap per width and seed. A shared file of the paper (it names no module): the
// module's `figures` calls it.
extension Gao2019 {
  /// The figures of gao2019-convergence: its `figures` is this.
  static func convergenceFigures(_ results: Results) throws -> [Figure] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    let seeds = results.distinctValues(of: "seed").count
    var gapCurves: [Series] = []
    var lossCurves: [Series] = []
    var references: [Series] = []
    let epsilon = results.points.first?.real("epsilon") ?? .nan
    var maxT = 1.0
    var lastGaps: [Double] = []
    var firstGaps: [Double] = []
    let shown = Set([widths.first, widths.last].compactMap { $0 })
    for (k, m) in widths.enumerated() {
      let at = results.points.filter { $0.real("m") == m }
      guard let first = at.first else { continue }
      let iterations = first.array("iteration")
      maxT = max(maxT, iterations.last ?? 1)
      // Median over seeds of (best-so-far L_A − reference)/ε at the scheduled iterations.
      let gaps = iterations.indices.map { k -> Double in
        Statistics.median(
          at.map { point in
            let best = Gao2019.runningMinimum(point.array("surrogate_loss"))
            return (best[Int(iterations[k])] - point.scalar("reference_robust_loss")) / epsilon
          })
      }
      firstGaps.append(gaps.first ?? .nan)
      lastGaps.append(gaps.last ?? .nan)
      gapCurves.append(Series(label: "m = \(Int(m))", x: iterations.map { $0 + 1 }, y: gaps, color: k, marker: k))
      let robust = iterations.indices.map { k in Statistics.median(at.map { $0.array("robust_loss")[k] }) }
      let surrogate = iterations.indices.map { k in
        Statistics.median(at.map { $0.array("surrogate_loss")[Int(iterations[k])] })
      }
      guard shown.contains(m) else { continue }
      lossCurves.append(
        Series(
          label: "L* (strong estimate), m = \(Int(m))", x: iterations.map { $0 + 1 }, y: robust, color: k, marker: k))
      lossCurves.append(
        Series(
          label: "L_{A} (training attack), m = \(Int(m))", x: iterations.map { $0 + 1 }, y: surrogate, style: .lines,
          color: k))
      let reference = Statistics.median(at.map { $0.scalar("reference_robust_loss") })
      references.append(
        .reference(
          "reference: lowest L* in the ball, m = \(Int(m))", over: 1...(iterations.last ?? 1) + 1, log: true,
          samples: 2,
          color: k
        ) { _ in reference })
    }
    let met = results.points.filter { $0.scalar("gap") < epsilon }.count
    let misses = results.points.filter { $0.scalar("estimate_misses") >= 0.5 }.count
    var figures: [Figure] = []
    // A linear axis around 0 in units of ε: the gap ends on either side of 0, and a log axis would hide the sign.
    let low = min(-0.5, (lastGaps.min() ?? 0) - 0.25)
    let high = 2.5
    let xs = 1...maxT
    figures.append(
      Figure(
        name: "gap-vs-iteration",
        title:
          "Best surrogate loss so far minus the reference robust loss, in units of ε = \(formatNumber(epsilon)) (median over \(seeds) seeds); below ε at the end at \(met) of \(results.points.count) runs",
        xLabel: "iteration t + 1",
        yLabel: "(min_{s≤t} L_{A}(W_{s}) − reference L*) / ε  (linear)",
        logX: true, series: gapCurves,
        references: [
          .reference("claim: < 1 (within ε) by the end, every width", over: xs, log: true, samples: 2) { _ in 1 },
          .reference("0: the surrogate loss at the reference", over: xs, log: true, samples: 2, color: widths.count) {
            _ in 0
          },
        ],
        legend: .below, yRange: low...high,
        caption:
          "Every width's curve must end under the line at 1 (ε); it starts off the top (\(formatNumber(firstGaps.min() ?? .nan))–\(formatNumber(firstGaps.max() ?? .nan)) ε at t = 0) and ends at \(formatNumber(lastGaps.min() ?? .nan)) to \(formatNumber(lastGaps.max() ?? .nan)) ε: below 0 means the surrogate loss ended under the lowest robust loss found in the ball (the surrogate loss never exceeds the robust loss)."
      ))
    figures.append(
      Figure(
        name: "losses-vs-iteration",
        title:
          "L_{A} and L* during training, smallest and largest width (median over \(seeds) seeds); the estimate of L* beaten by the training attack at \(misses) of \(results.points.count) runs",
        xLabel: "iteration t + 1", yLabel: "logistic loss (mean over training points)", logX: true,
        series: lossCurves, references: references, legend: .below,
        caption:
          "The surrogate loss (line) runs under the robust loss (markers) of its width and reaches the reference, the lowest robust loss found in the ball, dashed in the same colour."
      ))
    // The final gap per width, every seed.
    let mRange = (widths.min() ?? 1)...(widths.max() ?? 10)
    figures.append(
      Figure(
        name: "gap-vs-m", title: "The remaining gap min_{t} L_{A} − reference at the end of training, per seed",
        xLabel: "width m", yLabel: "min_{t} L_{A}(W_{t}) − reference robust loss", logX: true,
        series: results.distinctValues(of: "seed").map { seed in
          let points = results.points(where: ["seed": seed]).sorted { $0.real("m") < $1.real("m") }
          return Series(label: "seed \(seed)", x: points.map { $0.real("m") }, y: points.map { $0.scalar("gap") })
        },
        references: [
          .reference(
            "claim: < ε = \(formatNumber(epsilon)) at every width and seed", over: mRange, log: true, samples: 2
          ) {
            _ in epsilon
          },
          .reference("0: the surrogate loss reached the reference", over: mRange, log: true, samples: 2) { _ in 0 },
        ], xTicks: widths, legend: .below,
        caption: "Every seed's point must lie under the ε line at every width."))
    return figures
  }
}
