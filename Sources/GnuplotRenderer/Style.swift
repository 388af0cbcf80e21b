import Figures

/// How things look: the colours, markers and dashes of series and predictions, the heat map's palette, and the
/// plot clauses that draw a measured series (lines, points, error bars, the white halo over a heat map).
extension Gnuplot {
  /// Okabe–Ito colours (colour-blind safe) for measured series, in order; yellow left out.
  static let seriesColors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  ]
  /// Filled circle, square, triangle, diamond, inverted triangle, then open ones.
  static let pointTypes = [7, 5, 9, 13, 11, 6, 4, 8]
  /// Black and grey for predictions and thresholds that belong to no one series (told apart by their
  /// dashes), so that none reads as a series' colour; one that belongs to a series takes its colour.
  static let referenceColors = ["#000000", "#5F5F5F", "#000000", "#5F5F5F"]
  static let referenceDashes = [2, 4, 5, 3]
  /// A viridis-like palette for heat maps (gnuplot 5.4 has none built in).
  static let heatPalette =
    "(0 '#440154', 0.25 '#3B528B', 0.5 '#21908C', 0.75 '#5DC963', 1 '#FDE725')"

  /// The plot clauses for one measured series: a single key entry, error bars
  /// in the series' colour, thicker lines over a heat map.
  static func seriesElements(_ s: Series, block: String, index k: Int, halo: Bool) -> [String] {
    let color = "lc rgb \"\(seriesColors[(s.color ?? k) % seriesColors.count])\""
    let point = "pt \(pointTypes[(s.marker ?? k) % pointTypes.count])"
    let title = keyTitle(s)
    let bars = s.low != nil || s.high != nil
    let width = halo ? "lw 2.5" : "lw 1.5"
    var out: [String] = []
    switch (s.style, bars) {
    case (.linesPoints, false):
      out.append("\(block) using 1:2 with linespoints \(color) \(width) \(point) ps 1 \(title)")
    case (.linesPoints, true):
      out.append("\(block) using 1:2:3:4 with yerrorlines \(color) \(width) \(point) ps 1 \(title)")
    case (.points, false):
      out.append("\(block) using 1:2 with points \(color) \(point) ps 1.2 \(title)")
    case (.points, true):
      out.append(
        "\(block) using 1:2:3:4 with yerrorbars \(color) \(width) \(point) ps 1.2 \(title)")
    case (.lines, _), (.dashed, _):
      // Bars first, so the line covers the small gap gnuplot leaves at each point.
      if bars {
        out.append("\(block) using 1:2:3:4 with yerrorbars \(color) lw 1 pt 7 ps 0 notitle")
      }
      let dash = s.style == .dashed ? "dt 2 \(width)" : (halo ? "lw 3" : "lw 2")
      out.append("\(block) using 1:2 with lines \(color) \(dash) \(title)")
    }
    return out
  }

  /// A white outline drawn under a curve so it reads on any heat-map colour.
  static func haloElement(_ style: Series.Style, block: String) -> String {
    style == .points
      ? "\(block) using 1:2 with points lc rgb \"white\" pt 7 ps 1.7 notitle"
      : "\(block) using 1:2 with lines lc rgb \"white\" lw 5 notitle"
  }
}
