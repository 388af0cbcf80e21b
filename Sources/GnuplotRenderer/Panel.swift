import Figures
import Foundation

/// One panel: a single figure, or one cell of a grid. `makeParts` builds it in named steps: the frame's ranges,
/// the heat map, the measured series, the predictions and marks (data and plot clauses, here), then the
/// settings (`PanelSettings`).
extension Gnuplot {
  /// A figure's datablocks, settings (everything between the data and the terminal) and plot command;
  /// `prefix` keeps the datablock names of the panels of a grid apart.
  struct Parts {
    var data: [String] = []
    var settings: [String] = []
    var plot: String = ""
  }

  /// What the settings depend on beyond the figure itself: where the legend goes (a panel's legend may
  /// be moved to a spare cell of the grid) and whether the colour bar is drawn (and where).
  struct Frame {
    var legend: Legend
    /// `set key …` for a legend placed by the grid, replacing the figure's own.
    var keyOverride: String? = nil
    /// nil: the default colour box; "": none; else a `set colorbox …` line.
    var colorBox: String? = nil
    /// The frame's size as a share of a single figure's (a panel of a grid is smaller), for the ticks.
    var scale: (x: Double, y: Double) = (1, 1)
  }

  /// The plot clauses, in the order gnuplot draws them: the heat map and its mask underneath, then the white
  /// halos of every curve (so that no halo hides another curve), then the curves.
  struct Layers {
    var underneath: [String] = []
    var halos: [String] = []
    var curves: [String] = []
    var all: [String] { underneath + halos + curves }
  }

  static func makeParts(_ figure: Figure, prefix: String, frame: Frame) -> Parts {
    var parts = Parts()
    var layers = Layers()
    let heat = figure.heatMap.flatMap { heatRows($0, logX: figure.logX, logY: figure.logY) }
    let (xRange, yRange) = ranges(figure, pad: heat == nil)
    if let heat, let map = figure.heatMap { addHeatMap(map, rows: heat, prefix: prefix, &parts, &layers) }
    // Over a heat map every curve sits on a white halo.
    let halo = heat != nil
    if heat != nil { addOutlines(figure, prefix: prefix, &parts, &layers) }
    addSeries(figure, prefix: prefix, halo: halo, &parts, &layers)
    addLines(figure, xRange: xRange, yRange: yRange, prefix: prefix, halo: halo, &parts, &layers)
    var elements = layers.all
    let missing = figure.undrawnNote
    parts.settings = settings(
      figure, prefix: prefix, frame: frame, missing: missing, xRange: xRange, yRange: yRange, heat: heat != nil)
    if elements.isEmpty {
      // gnuplot refuses an empty plot; draw an empty frame that says why (the title says what was left out).
      parts.settings.append(
        "set label 1 \(missing == nil ? "\"no data\"" : "\"nothing to draw\"") at graph 0.5, 0.5 center")
      elements.append("NaN notitle")
    }
    parts.plot = "plot \\\n  " + elements.joined(separator: ", \\\n  ")
    return parts
  }

  /// The frame's ranges: the figure's own, else fitted to what it draws (exactly the heat map's cells, when
  /// there is one: `pad` false). An axis with no drawable value gets a frame of its own ([0, 1], or [1, 10] on
  /// a log axis): the figure is still drawn, and says under its title what it could not draw.
  static func ranges(_ figure: Figure, pad: Bool) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let xRange = drawable(
      figure.xRange ?? fittedRange(figure.coordinates(on: .x), log: figure.logX, pad: pad)
        ?? (figure.logX ? 1...10 : 0...1), log: figure.logX)
    var yRange = drawable(
      figure.yRange ?? fittedRange(figure.coordinates(on: .y), log: figure.logY, pad: pad)
        ?? (figure.logY ? 1...10 : 0...1), log: figure.logY)
    // Notes sit a line above their points: room for them under the top of the frame.
    if figure.yRange == nil, !figure.notes.isEmpty {
      yRange =
        figure.logY
        ? yRange.lowerBound...(yRange.upperBound * pow(yRange.upperBound / yRange.lowerBound, 0.08))
        : yRange.lowerBound...(yRange.upperBound + 0.08 * (yRange.upperBound - yRange.lowerBound))
    }
    return (xRange, yRange)
  }

  /// The heat map's cells as boxes coloured by the palette, and the white mask outside its disk, if any.
  static func addHeatMap(_ map: HeatMap, rows: [String], prefix: String, _ parts: inout Parts, _ layers: inout Layers) {
    parts.data += ["$\(prefix)heat << EOD", "# x y xlow xhigh ylow yhigh z (one box per grid cell)"] + rows
    parts.data.append("EOD")
    layers.underneath.append(
      "$\(prefix)heat using 1:2:3:4:5:6:7 with boxxyerror fs solid 1.0 border lw 1 lc palette notitle")
    if let radius = map.disk, radius > 0 {
      parts.data += ["$\(prefix)mask << EOD", "# white outside the disk of radius \(number(radius))"]
      parts.data += diskMask(radius: radius).map { "\(number($0.0)) \(number($0.1))" } + ["EOD"]
      layers.underneath.append(
        "$\(prefix)mask using 1:2 with filledcurves closed fc rgb \"white\" fs solid 1.0 noborder notitle")
    }
  }

  /// One datablock and its plot clauses per measured series; a series with nothing to draw is skipped (the
  /// title says so: `Figure.undrawnNote`).
  static func addSeries(_ figure: Figure, prefix: String, halo: Bool, _ parts: inout Parts, _ layers: inout Layers) {
    for (k, series) in figure.series.enumerated() {
      let block = "$\(prefix)series\(k)"
      guard let rows = seriesRows(series, logX: figure.logX, logY: figure.logY) else {
        parts.data.append("# series \(k) \(quoted(series.label)): nothing to draw, skipped")
        continue
      }
      parts.data += ["\(block) << EOD", "# \(oneLine(series.label))"]
      parts.data += rows + ["EOD"]
      if halo { layers.halos.append(haloElement(series.style, block: block)) }
      layers.curves += seriesElements(series, block: block, index: k, halo: halo)
    }
  }

  /// The predictions, then the marks (each a line across the frame): dashed, in their series' colour or in
  /// black and grey, an unlabelled prediction like the one before it (the second edge of a band).
  static func addLines(
    _ figure: Figure, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, prefix: String, halo: Bool,
    _ parts: inout Parts, _ layers: inout Layers
  ) {
    var lines = figure.references.map { (line: $0, color: $0.color, mark: false) }
    for mark in figure.marks {
      let line: Series
      switch mark.axis {
      case .x:
        line = Series(label: mark.label, x: [mark.value, mark.value], y: [yRange.lowerBound, yRange.upperBound])
      case .y:
        line = Series(label: mark.label, x: [xRange.lowerBound, xRange.upperBound], y: [mark.value, mark.value])
      }
      lines.append((line, mark.color, true))
    }
    var style: (color: String, dash: Int)? = nil
    for (k, (reference, own, isMark)) in lines.enumerated() {
      let block = "$\(prefix)reference\(k)"
      var line = reference
      (line.low, line.high) = (nil, nil)
      guard let rows = seriesRows(line, logX: figure.logX, logY: figure.logY) else {
        parts.data.append("# reference \(k) \(quoted(reference.label)): nothing to draw, skipped")
        continue
      }
      parts.data += ["\(block) << EOD", "# \(isMark ? "mark: " : "")\(oneLine(reference.label))"]
      parts.data += rows + ["EOD"]
      var color = own.map { seriesColors[$0 % seriesColors.count] } ?? referenceColors[k % referenceColors.count]
      var dash = isMark ? 3 : referenceDashes[k % referenceDashes.count]
      // An unlabelled reference continues the one before it (the second edge of a band): same colour and dash.
      if reference.label.isEmpty, !isMark, let previous = style { (color, dash) = previous }
      style = (color, dash)
      if halo { layers.halos.append(haloElement(.dashed, block: block)) }
      layers.curves.append(
        "\(block) using 1:2 with lines lc rgb \"\(color)\" dt \(dash) lw \(isMark ? "1.5" : "2") \(keyTitle(reference))"
      )
    }
  }
}
