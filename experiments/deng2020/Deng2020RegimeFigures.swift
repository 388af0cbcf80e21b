import Figures
import Foundation
import Harness

// deng2020-regime-scale's conventional figures: the count against s (one curve per m) on log axes with the
// polynomial drawn, the share of restarts at a local maximum against s, and the measured premise κ against s with
// its threshold 1. A shared file of the paper: its name starts with a capital.

extension Deng2020 {
  static func regimeScaleFigures(_ results: Results) -> [Figure] {
    let points = results.points
    let widths = points.grouped(by: ["m"]).sorted { $0.points[0].real("m") < $1.points[0].real("m") }
    func curves(_ scalar: String, finiteOnly: Bool = true) -> [Series] {
      widths.enumerated().map { k, group in
        let levels = group.points.grouped(by: ["s"]).map { level in
          (level.points[0].real("s"), Statistics.median(level.points.map { $0.scalar(scalar) }))
        }.sorted { $0.0 < $1.0 }.filter { !finiteOnly || $0.1.isFinite }
        return Series(
          label: "m = \(formatReal(group.points[0].real("m")))", x: levels.map(\.0), y: levels.map(\.1),
          style: .linesPoints, color: k, marker: k)
      }
    }
    let scales = points.map { $0.real("s") }
    guard let lo = scales.min(), let hi = scales.max(), lo < hi else { return [] }
    let infinite = points.grouped(by: ["m", "s"]).filter { cell in
      Statistics.median(cell.points.map { $0.scalar("prediction_iterations") }) == .infinity
    }.count
    var ratio = curves("prediction_iterations_to_bound")
    ratio.append(.reference("the polynomial bound (ratio 1)", over: lo...hi, log: true, samples: 2) { _ in 1 })
    var kappa = curves("premise_curvature_ratio")
    kappa.append(.reference("premise boundary κ = 1", over: lo...hi, log: true, samples: 2) { _ in 1 })
    var share = curves("prediction_local_maximum_share")
    share.append(.reference("w.h.p. line 0.99", over: lo...hi, log: true, samples: 2) { _ in 0.99 })
    return [
      Figure(
        name: "iterations-vs-s",
        title:
          "PGA iterations to a local maximum at η = 1/L, against the polynomial bound (median over restarts and seeds)",
        xLabel: "input scale s = ‖x‖", yLabel: "iterations / ((√m + √d)²·log₁₀(1/tol))", logX: true, logY: true,
        series: ratio, legend: .outsideRight,
        caption:
          "Median over seeds of each run's median count over its restarts, divided by the polynomial of pga-iterations' bound; cells with an infinite median (half the restarts never reached a local maximum within the iteration budget): \(infinite)."
      ),
      Figure(
        name: "local-maximum-share-vs-s",
        title: "Share of restarts reaching a local maximum within the budget (median over seeds)",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts", logX: true, series: share, legend: .outsideRight,
        caption: "Converged to the tolerance within the iteration budget and passing the second-order test."),
      Figure(
        name: "premise-vs-s",
        title: "The scale premise measured on each run: κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ (median over seeds)",
        xLabel: "input scale s = ‖x‖", yLabel: "κ (dimensionless)", logX: true, logY: true, series: kappa,
        legend: .outsideRight, caption: "f is nearly linear over the ball where κ ≤ 1."),
    ]
  }
}
