import Figures
import Foundation
import Harness

// deng2020-pga-iterations' figures along m and d: the counts against the polynomial bound's degree.
// A shared file of the paper: its name starts with a capital.

extension Deng2020 {
  /// The median count over restarts and seeds against m (one curve per d) or d (one per m), with a line of slope 1
  /// (the bound's degree, `boundDegree`) through each curve's first point; the caption gives each curve's mean
  /// per-seed exponent.
  static func boundFigure(_ points: [PointResult], axis: PgaGrowthAxis) -> Figure {
    var series: [Series] = []
    let curves = axis.curves(points)
    let name = axis.rawValue
    let other = axis == .m ? "d" : "m"
    for (k, c) in curves.enumerated() {
      let finite = zip(c.x, c.y).filter { $0.1.isFinite }
      series.append(Series(label: c.label, x: finite.map(\.0), y: finite.map(\.1), color: k, marker: k))
      guard let first = finite.first, let hi = c.x.max(), hi > first.0 else { continue }
      series.append(
        .reference(
          "bound's degree \(name)^{\(formatNumber(boundDegree))}, \(c.label)",
          over: first.0...hi, log: true, samples: 2, color: k
        ) { first.1 * pow($0 / first.0, boundDegree) })
    }
    let e = PgaAxisExponents(points, along: name)
    let means = e.perSeed.map { row in
      "\(other) = \(formatReal(row.d)): \(formatNumber(row.exponents.contains(.infinity) ? .infinity : Statistics.mean(row.exponents)))"
    }.joined(separator: ", ")
    return Figure(
      name: "iterations-vs-\(name)",
      title: "PGA iterations to the tolerance at η = 1/L against \(name)"
        + (axis == .m ? ", networks nested in m" : "") + " (median over restarts and seeds)",
      xLabel: axis == .m ? "hidden width m" : "input dimension d", yLabel: "PGA iterations (median)", logX: true,
      logY: true, series: series,
      legend: .outsideRight,
      caption:
        "Points: measured medians (a restart that never met the tolerance counts as +∞; \(e.unconverged) of \(e.restarts) did not). Dashed: growth like \(name)¹, the degree of the ascent lemma's bound in \(name), from each curve's first point; the claim needs each \(other)'s mean per-seed exponent ≤ 1. Mean exponents: \(means)."
    )
  }
}
