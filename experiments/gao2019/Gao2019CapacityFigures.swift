import Figures
import Foundation
import Harness

// The figures of gao2019-capacity (capacity.swift): per-seed minimal widths along the ladder of δ, one panel per d,
// the paired robust/clean ratios, and the share of starts that fit per scanned width. Seeds sit side by side (a small
// x offset each) so that equal values never hide one another; a width beyond the scan is drawn on the line "beyond
// m_max". (A shared file of the paper.)
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
        marks: anyBeyond ? [.y(beyond, "beyond the scan (no witness up to m = \(formatReal(top)))")] : [])
    }
    let total = capacityRows(results).count
    let moved = capacityRows(results).filter { $0.widths != $0.half }.count
    var widths = Figure.smallMultiples(
      name: "minimal-width-vs-delta",
      title:
        "Smallest width with a witness (every even width scanned, aligned and random starts); halving the budget moves \(moved) of \(total) seeds",
      panels: panels, columns: panels.count,
      caption:
        "Per seed (same data and starts at every δ): monotone in δ and m by construction; every start failed at each width below a point. The claims ask whether it rises above the clean width (δ = 0) and rises further with δ and d."
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
        ? [.y(ceiling, "robust width beyond the scan (no finite ratio)")] : [],
      caption:
        "Each seed's ratio uses the same data and starts at every δ; the claims: above 1 at the largest δ, rising with δ and, at the largest δ, with d."
    )
    return [widths, ratioFigure, shareFigure(results)]
  }

  /// The success share per scanned width, clean and at the largest δ, every seed's scanned widths pooled: all starts,
  /// and the random draws of W(0) alone (what adversarial training from a random start finds), the evidence behind
  /// each minimal width.
  static func shareFigure(_ results: Results) -> Figure {
    let panels = Set(results.points.map { $0.real("d") }).sorted().map { d in
      let points = results.points.filter { $0.real("d") == d }
      func pooled(_ name: String = "share", _ level: (Int) -> Int) -> (x: [Double], y: [Double]) {
        var (x, y) = ([Double](), [Double]())
        for p in points {
          let widths = p.array("searched_widths")
          let share = p.array(name)
          let levels = widths.isEmpty ? 0 : share.count / widths.count
          for (i, m) in widths.enumerated() where share[i * levels + level(levels)].isFinite {
            x.append(m)
            y.append(share[i * levels + level(levels)])
          }
        }
        return (x, y)
      }
      let clean = pooled { _ in 0 }
      let robust = pooled { $0 - 1 }
      let random = pooled("share_random") { $0 - 1 }
      return Figure(
        name: "d\(formatReal(d))", title: "d = \(formatReal(d))", xLabel: "width m (units)",
        yLabel: "share of starts that fit", logX: true,
        series: [
          Series(label: "clean", x: clean.x, y: clean.y, style: .points, color: 0, marker: 0),
          Series(
            label: "robust, largest δ: all starts", x: robust.x.map { $0 * 1.04 }, y: robust.y, style: .points,
            color: 1, marker: 1),
          Series(
            label: "robust, largest δ: random W(0) only", x: random.x.map { $0 * 1.08 }, y: random.y, style: .points,
            color: 2, marker: 2),
        ], xTicks: Array(Set(clean.x)).sorted(), legend: "bottom right",
        yRange: -0.05...1.05)
    }
    // Scanned (seed, width) pairs at the largest δ: with a witness, and with one among the random draws of W(0).
    var (witnessed, byRandom) = (0, 0)
    for p in results.points {
      let (share, random) = (p.array("share"), p.array("share_random"))
      let levels = p.array("delta_ratios").count
      for i in p.array("searched_widths").indices where share[i * levels + levels - 1] > 0 {
        witnessed += 1
        if random[i * levels + levels - 1] > 0 { byRandom += 1 }
      }
    }
    var figure = Figure.smallMultiples(
      name: "share-vs-width",
      title:
        "Share of the starts that reach 100% clean or robust training accuracy, per scanned width (every seed)",
      panels: panels, columns: panels.count,
      caption:
        "A width has a witness when any start fits. At the largest δ, \(witnessed) scanned (seed, width) pairs have a witness, \(byRandom) of them also among the random draws of W(0) alone (what adversarial training from a random start finds)."
    )
    figure.legend = .below
    return figure
  }
}
