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
    let all = capacityRows(results).flatMap(\.widths)
    let largest = all.filter(\.isFinite).max() ?? top
    // Widths beyond the search (no robust network up to m_max) are drawn on a marked line above the largest found.
    let anyBeyond = all.contains { !$0.isFinite }
    let beyond = largest + 4
    let seeds = Set(capacityRows(results).map(\.seed)).sorted()
    let ratios = groups.first?.rows.first?.ratios ?? []
    let step = ratios.count > 1 ? ratios[1] - ratios[0] : 0.25
    func offset(_ seed: Double) -> Double {
      let i = Double(seeds.firstIndex(of: seed) ?? 0)
      return (i - Double(seeds.count - 1) / 2) * step * 0.03
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
        }, xTicks: ratios, legend: "top left", yRange: 0...((anyBeyond ? beyond : largest) + 2),
        marks: anyBeyond ? [.y(beyond, "beyond the search (no fit up to m = \(formatReal(top)))")] : [])
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
          x: r.ratios.dropFirst().map { $0 + offset(r.seed) + Double(k - groups.count / 2) * step * 0.1 },
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
    return [widths, ratioFigure, shareFigure(results)]
  }

  /// The success share per searched width, clean and at the largest δ, every seed's searched widths pooled: how
  /// reliably training finds an interpolator, the evidence behind each minimal width.
  static func shareFigure(_ results: Results) -> Figure {
    let panels = Set(results.points.map { $0.real("d") }).sorted().map { d in
      let points = results.points.filter { $0.real("d") == d }
      func pooled(_ level: (Int) -> Int) -> (x: [Double], y: [Double]) {
        var (x, y) = ([Double](), [Double]())
        for p in points {
          let widths = p.array("searched_widths")
          let share = p.array("share")
          let levels = widths.isEmpty ? 0 : share.count / widths.count
          for (i, m) in widths.enumerated() {
            x.append(m)
            y.append(share[i * levels + level(levels)])
          }
        }
        return (x, y)
      }
      let clean = pooled { _ in 0 }
      let robust = pooled { $0 - 1 }
      return Figure(
        name: "d\(formatReal(d))", title: "d = \(formatReal(d))", xLabel: "width m (units)",
        yLabel: "share of draws of W(0) that fit", logX: true,
        series: [
          Series(label: "clean", x: clean.x, y: clean.y, style: .points, color: 0, marker: 0),
          Series(
            label: "robust, largest δ", x: robust.x.map { $0 * 1.04 }, y: robust.y, style: .points, color: 1, marker: 1),
        ], xTicks: [2, 4, 8, 16, 32, 64].filter { $0 <= (points.first?.real("m_max") ?? 64) }, legend: "bottom right",
        yRange: -0.05...1.05)
    }
    var figure = Figure.smallMultiples(
      name: "share-vs-width",
      title:
        "Share of the draws of W(0) that reach 100% clean or robust training accuracy, per searched width (every seed)",
      panels: panels, columns: panels.count,
      caption:
        "Both shares rise over several widths, the robust one later: the minimal widths mark where training first finds an interpolator, not where one first exists."
    )
    figure.legend = .below
    return figure
  }
}
