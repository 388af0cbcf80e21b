import Figures
import Foundation
import Harness

// The figures of deng2020-pga-iterations: the iteration count against d, m and 1/tol on log axes with the power-law
// and exponential fits drawn, and the share of restarts that converge and end at a local maximum.

extension Deng2020 {
  static func pgaIterationFigures(_ results: Results) -> [Figure] {
    let points = results.points
    var figures = PgaGrowthAxis.allCases.map {
      $0 == .inverseTolerance ? growthFigure(points, axis: $0) : boundFigure(points, axis: $0)
    }
    figures.append(successFigure(points))
    return figures
  }

  /// Median counts per curve (points), the power law (solid) and the exponential (dashed) fitted to each.
  static func growthFigure(_ points: [PointResult], axis: PgaGrowthAxis) -> Figure {
    var curves = axis.curves(points)
    if axis == .inverseTolerance, let top = points.map({ $0.real("m") }).max() {
      // One curve per (d, m) is too many to read: the largest m only (the claim fits them all).
      curves = curves.filter { $0.label.hasSuffix("m = \(formatReal(top))") }
    }
    var series: [Series] = []
    var worst = -Double.infinity
    for (k, c) in curves.enumerated() {
      let finite = zip(c.x, c.y).filter { $0.1.isFinite }
      series.append(Series(label: c.label, x: finite.map(\.0), y: finite.map(\.1), style: .points, color: k, marker: k))
      let fit = GrowthFit(c.x, c.y)
      worst = max(worst, fit.logRatio.isNaN ? .infinity : fit.logRatio)
      guard fit.exponent.isFinite, let lo = c.x.min(), let hi = c.x.max() else { continue }
      let power = Statistics.linearFit(c.x.map { log($0) }, c.y.map { log($0) })
      let exponential = Statistics.linearFit(c.x, c.y.map { log($0) })
      series.append(
        .reference("power law x^{\(formatNumber(fit.exponent))}", over: lo...hi, log: true, samples: 32, color: k) {
          exp(power.intercept + power.slope * log($0))
        })
      var e = Series.reference("exponential", over: lo...hi, log: true, samples: 64, color: k) {
        exp(exponential.intercept + exponential.slope * $0)
      }
      e.style = .lines
      e.label = "exponential e^{\(formatNumber(fit.rate))·x}"
      series.append(e)
    }
    let name = axis == .inverseTolerance ? "inverse-tol" : axis.rawValue
    let xLabel =
      axis == .d ? "input dimension d" : axis == .m ? "hidden width m" : "1/tol (tolerance on ‖g‖/‖∇ℓ‖)"
    let verdict =
      worst < 0 ? "the power law fits better on every curve" : "the power law does not fit better everywhere"
    return Figure(
      name: "iterations-vs-\(name)",
      title: "PGA iterations to the tolerance at η = 1/L against \(axis.rawValue) (median over restarts and seeds)",
      xLabel: xLabel, yLabel: "PGA iterations (median)", logX: true, logY: true, series: series,
      legend: .outsideRight,
      caption:
        "Points: measured medians; dashed: the power-law fit; solid: the exponential fit, both least squares on log count. Worst log₁₀(RSS power / RSS exponential) over the curves: \(formatNumber(worst)): \(verdict)."
        + (axis == .inverseTolerance ? " Curves at the largest m only; the claim judges every (d, m)." : ""))
  }

  /// The share of restarts converged and ending at a local maximum, per cell, against d (one curve per m).
  static func successFigure(_ points: [PointResult]) -> Figure {
    var series: [Series] = []
    for (k, group) in points.grouped(by: ["m"]).enumerated() {
      let levels = group.points.grouped(by: ["d"]).map { level in
        (
          level.points[0].real("d"), Statistics.mean(level.points.flatMap { $0.array("converged") }),
          Statistics.mean(level.points.flatMap { $0.array("local_maximum") })
        )
      }.sorted { $0.0 < $1.0 }
      let m = formatReal(group.points[0].real("m"))
      series.append(Series(label: "converged, m = \(m)", x: levels.map(\.0), y: levels.map(\.1), color: k, marker: k))
      series.append(
        Series(
          label: "local maximum, m = \(m)", x: levels.map(\.0), y: levels.map(\.2), style: .dashed, color: k, marker: k)
      )
    }
    let all = points.flatMap { $0.array("converged") }
    let maxima = points.flatMap { $0.array("local_maximum") }
    let ds = points.map { $0.real("d") }
    return Figure(
      name: "success-share",
      title: "Restarts meeting the finest tolerance within the budget, and ending at a local maximum",
      xLabel: "input dimension d", yLabel: "share of restarts (1 = all)", logX: true, series: series,
      references: [
        .reference("claim: ≥ 0.99 of all restarts", over: (ds.min() ?? 1)...(ds.max() ?? 2), log: true, samples: 2) {
          _ in 0.99
        }
      ], legend: .outsideRight, yRange: -0.03...1.05,
      caption:
        "Pooled over every cell: \(all.filter { $0 == 1 }.count) of \(all.count) restarts converged, \(maxima.filter { $0 == 1 }.count) of \(maxima.count) end at a local maximum (the claims need ≥ 99%)."
    )
  }
}
