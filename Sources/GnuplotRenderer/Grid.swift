import Figures

/// Small multiples (`Figure.smallMultiples`): the panels on one grid, gnuplot's multiplot.
extension Gnuplot {
  /// One terminal's measures for a grid of panels, in its own units (pixels, points): the plot area of a
  /// cell, a character's height and width at the terminal's font.
  struct GridTerminal: Sendable {
    var setup: @Sendable (_ width: Double, _ height: Double) -> String
    var cell: (width: Double, height: Double)
    var char: (height: Double, width: Double)
  }

  static let gridTerminals = [
    GridTerminal(
      setup: { "set terminal pngcairo size \(Int($0.rounded())),\(Int($1.rounded())) font \"sans,11\" enhanced" },
      cell: (330, 280), char: (15, 7.4)),
    GridTerminal(
      setup: {
        "set terminal pdfcairo size \(number(($0 / 72 * 100).rounded() / 100))in,\(number(($1 / 72 * 100).rounded() / 100))in font \"sans,9\" enhanced linewidth 0.7 dashlength 1.5 pointscale 0.7"
      },
      cell: (170, 140), char: (10, 4.7)),
  ]

  /// Panels on a grid (gnuplot's multiplot), drawn once for the PNG and once for the PDF. Every cell has
  /// the same plot area; the margins and the space between cells are counted in characters, so tick
  /// labels and axis labels fit at either terminal's font. Spare cells at the end of the last row hold
  /// the first panel's legend and, when every heat map shares one colour range, the one colour bar (the
  /// canvas widens when the legend needs more room).
  static func makeGridScript(_ figure: Figure) -> String {
    let n = figure.panels.count
    let columns = max(1, figure.columns ?? Int(Double(n).squareRoot().rounded(.up)))
    let rows = (n + columns - 1) / columns
    let spareCells = rows * columns - n
    let maps = figure.panels.compactMap(\.heatMap)
    let shared = !maps.isEmpty && maps.allSatisfy { $0.zRange != nil && $0.zRange == maps[0].zRange }
    let lastMap = figure.panels.lastIndex { $0.heatMap != nil }
    let legendPanel = figure.panels.firstIndex { $0.legend.placement != .off }
    let entries =
      legendPanel.map { k in
        (figure.panels[k].series + figure.panels[k].references).map(\.label).filter { !$0.isEmpty }
          + figure.panels[k].marks.map(\.label).filter { !$0.isEmpty }
      } ?? []

    var data: [String] = []
    var out: [String] = []
    for (t, terminal) in gridTerminals.enumerated() {
      let ch = terminal.char.height
      let (left, bottom, spaceX, spaceY) = (5.5 * ch, 4.3 * ch, 6.5 * ch, 6.4 * ch)
      var right = 1.5 * ch
      let cellW = terminal.cell.width
      let cellH = terminal.cell.height
      // The legend, beside the grid when there is no spare cell, or in the spare cells.
      let keyWidth = Double(entries.map(\.count).max() ?? 0) * terminal.char.width + 5 * ch
      let spareWidth = spareCells > 0 ? Double(spareCells) * cellW + Double(spareCells - 1) * spaceX : 0
      if legendPanel != nil { right += max(0, keyWidth + 2 * ch - spareWidth) }
      if shared && spareCells == 0 { right += 5 * ch }
      let width = left + Double(columns) * cellW + Double(columns - 1) * spaceX + right
      let title = wrapped(figure.title, width: Int(width / terminal.char.width) - 8)
      let titleLines = Double(title.split(separator: "\n").count)
      let top = (1.5 * titleLines + 3) * ch
      let height = top + Double(rows) * cellH + Double(rows - 1) * spaceY + bottom
      /// The lower left corner of cell k, in screen coordinates.
      func corner(_ k: Int) -> (x: Double, y: Double) {
        let (r, c) = (k / columns, k % columns)
        return (
          (left + Double(c) * (cellW + spaceX)) / width,
          (bottom + Double(rows - 1 - r) * (cellH + spaceY)) / height
        )
      }
      // Where the legend and the colour bar go: the first spare cell, else right of the grid.
      let spare: (x: Double, y: Double) = spareCells > 0 ? corner(n) : ((width - right + ch) / width, bottom / height)
      let keyLine =
        "set key at screen \(number(spare.x)), \(number(spare.y + cellH / height)) left top vertical Left reverse nobox samplen 3"
      // A horizontal colour bar at the foot of the spare cell, its label under it.
      let barLine =
        "set colorbox horizontal user origin screen \(number(spare.x + ch / width)), \(number(spare.y + 2.6 * ch / height)) size screen \(number(0.8 * cellW / width)), \(number(1.2 * ch / height))"
      var panels: [String] = []
      for (k, panel) in figure.panels.enumerated() {
        var frame = Frame(legend: k == legendPanel ? panel.legend : .off)
        // Ticks are judged on the PDF (the smaller canvas for its font), as for a single figure.
        frame.scale = (gridTerminals[1].cell.width / 360, gridTerminals[1].cell.height / 230)
        if k == legendPanel { frame.keyOverride = keyLine }
        if shared, panel.heatMap != nil { frame.colorBox = k == lastMap ? barLine : "" }
        let parts = makeParts(panel, prefix: "p\(k)", frame: frame)
        if t == 0 { data += parts.data }
        panels += ["", "reset", "set encoding utf8"] + parts.settings + [parts.plot]
      }
      let layout =
        "set multiplot layout \(rows),\(columns) title \(text(title)) margins \(number(left / width)), \(number(1 - right / width)), \(number(bottom / height)), \(number(1 - top / height)) spacing \(number(spaceX / width)), \(number(spaceY / height))"
      let ext = t == 0 ? ".png" : ".pdf"
      out +=
        [
          "", terminal.setup(width, height), "set output \(quoted(figure.name + ext))", layout,
        ] + panels + ["unset multiplot", "unset output"]
    }
    return (header(figure) + data + ["", "set encoding utf8"] + out + pinDate(figure.name) + [""])
      .joined(separator: "\n")
  }
}
