import Figures

/// The data, inline as datablocks (`$name << EOD … EOD`): a series' rows, a heat map's cells.
extension Gnuplot {
  /// Data rows `x y [low high]` of a series, without points a logarithmic axis
  /// cannot show (a comment counts them); nil when no point has finite x and y.
  static func seriesRows(_ s: Series, logX: Bool, logY: Bool) -> [String]? {
    let bars = s.low != nil || s.high != nil
    var rows: [String] = []
    var dropped = 0
    var drawable = false
    for i in s.x.indices {
      let (x, y) = (s.x[i], s.y[i])
      // NaN compares false, so NaN rows stay and become gaps.
      if (logX && x <= 0) || (logY && y <= 0) {
        dropped += 1
        continue
      }
      drawable = drawable || (x.isFinite && y.isFinite)
      var row = "\(number(x)) \(number(y))"
      if bars { row += " \(number(s.low?[i] ?? y)) \(number(s.high?[i] ?? y))" }
      rows.append(row)
    }
    guard drawable else { return nil }
    if dropped > 0 {
      rows.insert("# \(dropped) point(s) dropped: non-positive on a logarithmic axis", at: 0)
    }
    return rows
  }

  /// One box per finite cell of a heat map: centre, cell edges (midpoints
  /// between grid lines, geometric on a log axis) and the value.
  static func heatRows(_ map: HeatMap, logX: Bool, logY: Bool) -> [String]? {
    let keepX = map.placeable(.x, log: logX)
    let keepY = map.placeable(.y, log: logY)
    let xEdges = HeatMap.cellEdges(keepX.map { map.x[$0] }, log: logX)
    let yEdges = HeatMap.cellEdges(keepY.map { map.y[$0] }, log: logY)
    var rows: [String] = []
    for (b, i) in keepY.enumerated() {
      for (a, j) in keepX.enumerated() where map.colours(map.z[i][j]) {
        let cell = [
          map.x[j], map.y[i], xEdges[a].0, xEdges[a].1, yEdges[b].0, yEdges[b].1, map.z[i][j],
        ]
        rows.append(cell.map(number).joined(separator: " "))
      }
    }
    return rows.isEmpty ? nil : rows
  }
}
