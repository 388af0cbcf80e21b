import Figures

/// A panel's settings, in the script's order: title and axis labels, axes, the frame (key, border, grid,
/// ticks), the heat map's colours, the notes.
extension Gnuplot {
  static func settings(
    _ figure: Figure, prefix: String, frame: Frame, missing: String?, xRange: ClosedRange<Double>,
    yRange: ClosedRange<Double>, heat: Bool
  ) -> [String] {
    labels(figure, prefix: prefix, missing: missing)
      + axes(figure, frame: frame, xRange: xRange, yRange: yRange)
      + frameLines(frame, heat: heat, key: prefix.isEmpty && frame.keyOverride == nil ? heatMapKey(figure) : nil)
      + (heat ? figure.heatMap.map { colourMap($0, frame: frame) } ?? [] : [])
      + noteLabels(figure)
  }

  /// The title (wrapped to the frame, with what the figure could not draw under it) and the axis labels.
  static func labels(_ figure: Figure, prefix: String, missing: String?) -> [String] {
    let width = figure.equalAxes || !prefix.isEmpty ? 48 : 80
    return [
      "set title \(text(wrapped(figure.title, width: width) + (missing.map { "\n" + wrapped($0, width: width) } ?? "")))",
      "set xlabel \(text(figure.xLabel))",
      "set ylabel \(text(figure.yLabel))",
    ]
  }

  /// Both axes: logscale, range and ticks, judged on the frame's length (shorter beside or above a legend
  /// outside it); the figure's own x ticks; equal units when asked.
  static func axes(
    _ figure: Figure, frame: Frame, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  ) -> [String] {
    let shrinkX = (frame.keyOverride == nil && frame.legend.placement == .outsideRight ? 0.6 : 1) * frame.scale.x
    let shrinkY = (frame.keyOverride == nil && frame.legend.placement == .below ? 0.75 : 1) * frame.scale.y
    var s = axisSettings("x", log: figure.logX, range: xRange, length: shrinkX)
    if let ticks = figure.xTicks.map({ dataTicks($0, log: figure.logX, range: xRange, length: shrinkX) }),
      !ticks.isEmpty
    {
      s += ["set format x \"%g\"", "set xtics (\(ticks.map(number).joined(separator: ", ")))"]
      if figure.logX { s.append("set mxtics default") }
    }
    s += axisSettings("y", log: figure.logY, range: yRange, length: shrinkY)
    if figure.equalAxes { s.append("set size ratio -1") }
    return s
  }

  /// The key (`key`'s lines where given: `heatMapKey(_:)`), a grey border (in front of a heat map), a light grid,
  /// ticks outside, small error-bar ends.
  static func frameLines(_ frame: Frame, heat: Bool, key: [String]? = nil) -> [String] {
    (key ?? [frame.keyOverride ?? legend(frame.legend)]) + [
      "set border lw 1 lc rgb \"#808080\"\(heat ? " front" : "")",
      "set grid xtics ytics lt 1 lw 1 lc rgb \"#dddddd\"",
      "set tics out nomirror textcolor rgb \"black\"",
      "set errorbars small",
    ]
  }

  /// The heat map's palette, colour-bar label and range, and where its colour bar goes (if anywhere). A label
  /// longer than the frame is tall is broken into two lines (one line of 80 characters ran off the image); the
  /// right margin then makes room for the second line, which gnuplot's own margin does not count.
  static func colourMap(_ map: HeatMap, frame: Frame) -> [String] {
    let label = wrapped(map.label, width: colourBarLabelWidth)
    let twoLines = label.contains("\n") && frame.colorBox == nil
    var s = [
      "set palette defined \(heatPalette)",
      "set cblabel \(text(label))\(twoLines ? " offset 1,0" : "")",
    ]
    if twoLines { s.append("set rmargin 14") }
    if map.logScale { s.append("set logscale cb") }
    if let z = map.zRange { s.append("set cbrange [\(number(z.lowerBound)):\(number(z.upperBound))]") }
    switch frame.colorBox {
    case nil: s.append("set colorbox")
    case ""?: s.append("unset colorbox")
    case let line?: s.append(line)
    }
    return s
  }

  /// The most characters of a colour-bar label on one line: the frame of a single heat map is about 60 characters
  /// tall in both terminals.
  static let colourBarLabelWidth = 60

  /// One label per note at a finite position, a line above its point, in its series' colour.
  static func noteLabels(_ figure: Figure) -> [String] {
    figure.notes.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }.map { k, note in
      let color = note.color.map { seriesColors[$0 % seriesColors.count] } ?? "black"
      return
        "set label \(k + 2) \(text(note.text)) at first \(number(note.x)), first \(number(note.y)) \(note.align.rawValue) offset \(note.align == .left ? "-0.5" : note.align == .right ? "0.5" : "0"), 0.9 font \",9\" tc rgb \"\(color)\" front"
    }
  }
}
