import Figures
import Foundation
import Harness
import Numerics

// gao2019-regime-width's conventional figures (the map itself is `Gao2019.regimeMap`): the prediction's gap and
// the premise's linearisation error against the width, one curve per ball radius R. A shared file of the paper
// (it names no module): the module's `figures` calls it.
extension Gao2019 {
  /// Per R: the median over seeds of `name` at each width, bars the range over the seeds.
  static func regimeCurves(_ results: Results, _ name: String) -> [Series] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    let radii = Set(results.points.map { $0.real("R") }).sorted()
    return radii.enumerated().map { k, radius in
      var (x, med, lo, hi): ([Double], [Double], [Double], [Double]) = ([], [], [], [])
      for m in widths {
        let v = results.points.filter { $0.real("m") == m && $0.real("R") == radius }.map { $0.scalar(name) }
        guard !v.isEmpty else { continue }
        x.append(m)
        med.append(Statistics.median(v))
        lo.append(v.min() ?? .nan)
        hi.append(v.max() ?? .nan)
      }
      return Series(label: "R = \(formatNumber(radius))", x: x, y: med, low: lo, high: hi, color: k, marker: k)
    }
  }

  /// The figures of gao2019-regime-width besides the map.
  static func regimeFigures(_ results: Results) throws -> [Figure] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    guard let narrow = widths.first, let wide = widths.last else { return [] }
    let range = narrow...wide
    let seeds = results.distinctValues(of: "seed").count
    let epsilon = results.points.first?.real("epsilon") ?? .nan
    let gaps = regimeCurves(results, "prediction_gap")
    let errors = regimeCurves(results, "premise_linearization_error")
    let highest = gaps.flatMap(\.y).filter(\.isFinite).max() ?? 1
    let lowest = gaps.flatMap(\.y).filter(\.isFinite).min() ?? 0
    let over = results.points.filter { $0.scalar("prediction_gap") > 1 }.count
    let lazy = results.points.filter { $0.scalar("premise_linearization_error") <= epsilon }.count
    return [
      Figure(
        name: "gap-vs-m",
        title:
          "Best surrogate loss minus the reference robust loss, in units of ε = \(formatNumber(epsilon)), per ball radius R (median over \(seeds) seeds)",
        xLabel: "width m", yLabel: "(min_{t} L_{A}(W_{t}) − reference L*) / ε  (linear)", logX: true, series: gaps,
        references: [
          .reference("the theorem's bound: ≤ 1 (within ε)", over: range, log: true, samples: 2) { _ in 1 },
          .reference("0: the surrogate loss at the reference", over: range, log: true, samples: 2, color: gaps.count) {
            _ in 0
          },
        ], xTicks: widths, legend: .below, yRange: min(-1, lowest - 0.5)...max(2, highest + 0.5),
        caption:
          "Above the line at 1 the run ended more than ε above the best robust loss found in the ball: \(over) of \(results.points.count) runs (medians \(formatNumber(lowest)) to \(formatNumber(highest)) ε; bars: range over the seeds)."
      ),
      Figure(
        name: "linearization-error-vs-m",
        title:
          "Distance from the linearisation at W(0) after training, max_{i} |f(W_{T}, x_{i}) − f_{lin}(x_{i})|, per R",
        xLabel: "width m", yLabel: "linearisation error (output units)", logX: true, logY: true, series: errors,
        references: [
          .reference(
            "ε: the premise holds below (the loss within ε of a convex one)", over: range, log: true, samples: 2
          ) { _ in epsilon }
        ], xTicks: widths, legend: .below,
        caption:
          "The premise (lazy training) holds under the dashed line at ε: \(lazy) of \(results.points.count) runs. The error grows with R and falls with m."
      ),
    ]
  }
}
