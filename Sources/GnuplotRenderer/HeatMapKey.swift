import Figures

/// A heat map's legend below its frame (issue 28): one entry a line, from the left edge of the figure, under the x
/// axis' label, the bottom margin raised to hold it.
///
/// gnuplot's own `set key below` lays the entries out in a centred row and sizes it by its estimate of the labels'
/// widths. A regime map's labels are long and full of symbols, the estimate exceeds the canvas, and the key then
/// starts left of it: the line samples were cut at the left edge, and the first row sat on the x label. Placed at
/// a position in character units from the figure's lower left corner, the key is whole at either terminal's size
/// and font (the PNG's and the PDF's).
extension Gnuplot {
  /// The `set key` and `set bmargin` lines of a single heat map whose legend goes below the frame; nil for any other
  /// figure (their legends are `legend(_:)`'s).
  static func heatMapKey(_ figure: Figure) -> [String]? {
    guard figure.heatMap != nil, figure.legend.placement == .below else { return nil }
    let lines = keyLabels(figure).reduce(0) { $0 + $1.split(separator: "\n", omittingEmptySubsequences: false).count }
    guard lines > 0 else { return nil }
    // The key's top a line above its entries; the margin: the entries, the tick labels, the x label and a gap.
    return [
      "set key at character 1, character \(lines + 1) left top vertical Left reverse maxcols 1 samplen 3 noopaque nobox",
      "set bmargin \(number(Double(lines) + 4.5))",
    ]
  }

  /// The labels that get a key entry: the heat map's outlines, the series, the predictions and the marks, each
  /// with a non-empty label.
  static func keyLabels(_ figure: Figure) -> [String] {
    let outlines = figure.heatMap?.outlines.map(\.label) ?? []
    return (outlines + figure.series.map(\.label) + figure.references.map(\.label) + figure.marks.map(\.label))
      .filter { !$0.isEmpty }
  }
}
