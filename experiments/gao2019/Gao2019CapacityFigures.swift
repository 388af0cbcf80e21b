import Figures
import Foundation
import Harness

// The figures of gao2019-capacity (capacity.swift): per-seed minimal widths along the ladder of δ, one panel per d,
// and the paired robust/clean ratios. Seeds sit side by side (a small x offset each) so that equal values never
// hide one another; a width beyond the search is drawn on the line "beyond m_max". (A shared file of the paper.)
extension Gao2019 {
  static func capacityFigures(_ results: Results) -> [Figure] {
    let groups = capacityByDimension(results)
    let top = results.points.first.map { $0.real("m_max") } ?? 64
    let beyond = top + 8
    let seeds = Set(capacityRows(results).map(\.seed)).sorted()
    let ratios = groups.first?.rows.first?.ratios ?? []
    let step = ratios.count > 1 ? ratios[1] - ratios[0] : 0.25
    func offset(_ seed: Double) -> Double {
      let i = Double(seeds.firstIndex(of: seed) ?? 0)
      return (i - Double(seeds.count - 1) / 2) * step * 0.06
    }
    func drawn(_ w: Double) -> Double { w.isFinite ? w : beyond }
    let panels = groups.map { d, rows in
      Figure(
        name: "d\(formatReal(d))", title: "d = \(formatReal(d))", xLabel: "δ / (separation/2)  (0: clean)",
        yLabel: "minimal width m (units)",
        series: rows.map { r in
          Series(
            label: "seed \(formatReal(r.seed))", x: r.ratios.map { $0 + offset(r.seed) }, y: r.widths.map(drawn),
            color: Int(r.seed), marker: Int(r.seed))
        }, xTicks: ratios, legend: "top left", yRange: 0...(beyond + 4),
        marks: [.y(top, "largest width searched, \(formatReal(top)) (above: beyond the search)")])
    }
    let total = capacityRows(results).count
    let moved = capacityRows(results).filter { $0.widths != $0.half }.count
    var widths = Figure.smallMultiples(
      name: "minimal-width-vs-delta",
      title:
        "Smallest width with a robust interpolator (bisection over even widths, several draws of W(0)); halving the budget moves \(moved) of \(total) seeds",
      panels: panels, columns: panels.count,
      caption:
        "Per seed (same data and draws at every δ): monotone in δ by construction; the claims ask whether it rises above the clean width (δ = 0) and rises further with δ and d."
    )
    widths.legend = .below
    // A robust width beyond the search is no finite ratio: drawn on a line above the largest finite one.
    let finite = capacityRows(results).flatMap { r in r.ratios.indices.dropFirst().map { r.gap($0) } }
      .filter(\.isFinite)
    let ceiling = (finite.max() ?? 2) + 0.5
    let paired = groups.enumerated().flatMap { k, group in
      group.rows.map { r in
        Series(
          label: "d = \(formatReal(group.d)), seed \(formatReal(r.seed))",
          x: r.ratios.dropFirst().map { $0 + offset(r.seed) + Double(k - groups.count / 2) * step * 0.2 },
          y: r.ratios.indices.dropFirst().map { r.gap($0).isFinite ? r.gap($0) : ceiling }, color: k,
          marker: Int(r.seed))
      }
    }
    let range = (ratios.dropFirst().first ?? 0)...(ratios.last ?? 1)
    let ratioFigure = Figure(
      name: "width-ratio-vs-delta", title: "Capacity gap per seed: minimal robust width / minimal clean width (paired)",
      xLabel: "δ / (separation/2)", yLabel: "robust width / clean width", series: paired,
      references: [
        .reference("1: no gap", over: range, log: false, samples: 2) { _ in 1 }
      ], xTicks: Array(ratios.dropFirst()), legend: .below, yRange: 0.8...(ceiling + 0.3),
      marks: finite.count < capacityRows(results).count * (ratios.count - 1)
        ? [.y(ceiling, "robust width beyond the search (no finite ratio)")] : [],
      caption:
        "Each seed's ratio uses the same data and draws at every δ; the claims: above 1 at the largest δ, rising with δ and, at the largest δ, with d."
    )
    return [widths, ratioFigure]
  }
}
