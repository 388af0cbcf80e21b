import Figures

/// A heat map's outlines (`Outline`): each a datablock of paths separated by blank lines (gnuplot starts a new
/// piece of line after a blank line), drawn over the cells on a white halo, with one key entry each.
extension Gnuplot {
  /// The rows of one outline: `x y` per point, a blank line between paths; points a log axis cannot show are
  /// left out (a comment counts them). Nil when nothing is drawable.
  static func outlineRows(_ outline: Outline, logX: Bool, logY: Bool) -> [String]? {
    guard outline.isDrawable(logX: logX, logY: logY) else { return nil }
    var rows: [String] = []
    var dropped = 0
    for (k, path) in outline.paths.enumerated() {
      if k > 0 { rows.append("") }
      for p in path {
        guard p.x.isFinite, p.y.isFinite, !logX || p.x > 0, !logY || p.y > 0 else {
          dropped += 1
          continue
        }
        rows.append("\(number(p.x)) \(number(p.y))")
      }
    }
    if dropped > 0 { rows.insert("# \(dropped) point(s) dropped: not placeable on the axes", at: 0) }
    return rows
  }

  /// One datablock, a white halo and a line per outline of the figure's heat map: solid or dashed, in its
  /// series colour or black, thick enough to read in print.
  static func addOutlines(_ figure: Figure, prefix: String, _ parts: inout Parts, _ layers: inout Layers) {
    guard let map = figure.heatMap else { return }
    for (k, outline) in map.outlines.enumerated() {
      let block = "$\(prefix)outline\(k)"
      guard let rows = outlineRows(outline, logX: figure.logX, logY: figure.logY) else {
        parts.data.append("# outline \(k) \(quoted(outline.label)): nothing to draw, skipped")
        continue
      }
      parts.data += ["\(block) << EOD", "# \(oneLine(outline.label)) (\(outline.paths.count) piece(s))"]
      parts.data += rows + ["EOD"]
      layers.halos.append("\(block) using 1:2 with lines lc rgb \"white\" lw 6 notitle")
      let color = outline.color.map { seriesColors[$0 % seriesColors.count] } ?? "#000000"
      let title = outline.label.isEmpty ? "notitle" : "title \(text(outline.label))"
      layers.curves.append(
        "\(block) using 1:2 with lines lc rgb \"\(color)\" \(outline.dashed ? "dt 2 " : "")lw 3 \(title)")
    }
  }
}
