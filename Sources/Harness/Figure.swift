import Foundation

/// A figure as data: everything gnuplot needs, computed by an experiment
/// module from its results. The plotting stage (`Gnuplot.swift`) turns one
/// into a self-contained script with the data inline.
///
/// Text (title, axis labels, series labels) is literal, except for two pieces of markup: `_{…}` is a
/// subscript and `^{…}` a superscript (`L_{A}`, `m^{-1/2}`). Every other character, a bare `_` or `^`
/// included, is drawn as written; `Figure.problems` names a bare underscore, which reads as an identifier.
public struct Figure: Sendable, Equatable {
  /// File stem under `figures/<experiment>/` (e.g. `flip-radius-vs-d`).
  public var name: String
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var logX: Bool
  public var logY: Bool
  /// Measured data: points, lines, optional error bars.
  public var series: [Series]
  /// Predicted rates and bounds, drawn dashed. One without a label has no key entry and is drawn like
  /// the one before it (the second edge of a band).
  public var references: [Series]
  /// Optional heat map drawn underneath the series (e.g. a loss landscape slice).
  public var heatMap: HeatMap?
  /// Where the legend goes: inside the frame (`"top left"`, …), `.outsideRight`, `.below`, or `.off`.
  public var legend: Legend
  /// Optional fixed ranges; nil fits the range to everything drawn (padded so that no marker touches the frame).
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// Ticks at these x values (e.g. a sweep's values: labels a reader can match with the parameter), drawn
  /// with %g; nil: chosen automatically. On a log axis, a value too close to its left neighbour to keep
  /// their labels apart is left out.
  public var xTicks: [Double]?
  /// One unit on x is as long as one unit on y (a circle stays round), e.g. for a slice of a landscape.
  public var equalAxes: Bool = false
  /// Labelled lines across the whole frame at one x (a step, a width) or one y (a threshold), e.g. the
  /// step at which a run first fits its data. Each has a key entry.
  public var marks: [Mark] = []
  /// Short texts at data coordinates (e.g. "3 of 50" over a point that summarises only some restarts).
  public var notes: [Note] = []
  /// One sentence saying what to look at, printed beside the figure by the gallery (plain text, no markup).
  public var caption: String = ""
  /// Small multiples: when not empty, the figure is these panels on a grid of `columns` columns under
  /// `title` (one file); the figure's own series, references, heat map and axes are not drawn. A spare cell
  /// of the grid holds the first panel's legend and the shared colour bar.
  public var panels: [Figure] = []
  /// Columns of the panel grid (nil: as square as the panels allow).
  public var columns: Int?

  public init(
    name: String, title: String, xLabel: String, yLabel: String,
    logX: Bool = false, logY: Bool = false,
    series: [Series], references: [Series] = [], heatMap: HeatMap? = nil, xTicks: [Double]? = nil,
    legend: Legend = "top left",
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    marks: [Mark] = [], notes: [Note] = [], caption: String = ""
  ) {
    self.name = name
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
    self.logY = logY
    self.series = series
    self.references = references
    self.heatMap = heatMap
    self.legend = legend
    self.xRange = xRange
    self.yRange = yRange
    self.xTicks = xTicks
    self.marks = marks
    self.notes = notes
    self.caption = caption
  }

  /// A grid of panels drawn as one figure (gnuplot's multiplot), e.g. one slice per input scale.
  public static func smallMultiples(
    name: String, title: String, panels: [Figure], columns: Int? = nil, caption: String = ""
  ) -> Figure {
    var figure = Figure(name: name, title: title, xLabel: "", yLabel: "", series: [], caption: caption)
    figure.panels = panels
    figure.columns = columns
    return figure
  }

  /// Every text a reader sees: title, axis labels, legend entries, marks and the colour bar's label, of
  /// the figure and its panels.
  public var texts: [String] {
    [title, xLabel, yLabel] + (series + references).map(\.label) + marks.map(\.label) + notes.map(\.text)
      + [heatMap?.label ?? ""] + panels.flatMap(\.texts)
  }

  /// What a reader would stumble on, one line each; empty when there is nothing: a missing caption, a
  /// literal underscore (an identifier, or a subscript written without braces), a caption with markup.
  public var problems: [String] {
    var out: [String] = []
    if caption.trimmingCharacters(in: .whitespaces).isEmpty { out.append("\(name): no caption") }
    if caption.contains("_") || caption.contains("^{") {
      out.append("\(name): the caption has an underscore or markup (it is plain text): \(caption)")
    }
    for text in texts where Gnuplot.hasBareUnderscore(text) {
      out.append("\(name): a literal underscore in \"\(text)\" (write a subscript as _{…}, or reword)")
    }
    return out
  }
}

/// Where a figure's legend goes.
public struct Legend: Sendable, Equatable, ExpressibleByStringLiteral {
  public enum Placement: Sendable, Equatable {
    /// Inside the frame, at gnuplot's position words (`top left`, `bottom right`, …).
    case inside(String)
    /// Right of the frame, top-aligned: the frame narrows, the legend never covers data.
    case outsideRight
    /// Under the frame, entries in columns: the frame gets shorter, the legend never covers data.
    case below
    /// No legend.
    case off
  }
  public var placement: Placement

  public init(_ placement: Placement) { self.placement = placement }

  /// Position words: `off`/`none`, `outside right` (or `outside`), `below` (or `outside bottom`), or
  /// anything gnuplot takes inside the frame (`top left`, …).
  public init(stringLiteral words: String) {
    let w = words.trimmingCharacters(in: .whitespaces).lowercased()
    switch w {
    case "off", "none", "no": placement = .off
    case "outside", "outside right", "right outside": placement = .outsideRight
    case "below", "outside bottom", "bottom outside", "under": placement = .below
    default: placement = .inside(words)
    }
  }

  public static let outsideRight = Legend(.outsideRight)
  public static let below = Legend(.below)
  public static let off = Legend(.off)
  public static func inside(_ words: String) -> Legend { Legend(.inside(words)) }

  /// True when the legend sits outside the frame (or there is none): it cannot cover data.
  public var clearOfData: Bool {
    if case .inside = placement { return false }
    return true
  }
}

/// A labelled line across the whole frame: vertical at an x, or horizontal at a y.
public struct Mark: Sendable, Equatable {
  public enum Axis: Sendable { case x, y }
  public var axis: Axis
  public var value: Double
  public var label: String
  /// The measured series (index into `Figure.series`) the mark belongs to: drawn in its colour. Nil: the
  /// colour of a prediction.
  public var color: Int?

  public init(_ axis: Axis, at value: Double, _ label: String, color: Int? = nil) {
    self.axis = axis
    self.value = value
    self.label = label
    self.color = color
  }

  public static func x(_ value: Double, _ label: String, color: Int? = nil) -> Mark {
    Mark(.x, at: value, label, color: color)
  }

  public static func y(_ value: Double, _ label: String, color: Int? = nil) -> Mark {
    Mark(.y, at: value, label, color: color)
  }
}

/// A short text at a point of the plane, centred a little above it (in data coordinates).
public struct Note: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var text: String
  /// The measured series (index into `Figure.series`) whose colour the text takes; nil: black.
  public var color: Int?
  /// Which end of the text sits over the point (`left`: the text runs to the right of it).
  public var align: Align

  public enum Align: String, Sendable { case left, center, right }

  public init(x: Double, y: Double, _ text: String, color: Int? = nil, align: Align = .center) {
    self.x = x
    self.y = y
    self.text = text
    self.color = color
    self.align = align
  }
}

/// The range `Gnuplot` fits to values when a figure gives none: from the smallest to the largest finite
/// value (positive on a log axis), 4% of the span (in decades on a log axis) added on each side. For a
/// module that sets one range for several panels, or widens a fitted range on purpose.
/// Nil when no value is usable: the figure then fits its own frame and says what it could not draw.
public func fittedRange(_ values: [Double], log: Bool) -> ClosedRange<Double>? {
  Gnuplot.fittedRange(values, log: log, pad: true)
}

/// One curve of a figure. `low`/`high`, when present, are the ends of an
/// error bar at each x (e.g. quartiles), drawn with the points.
public struct Series: Sendable, Equatable {
  public enum Style: String, Sendable {
    case linesPoints, points, lines, dashed
  }
  public var label: String
  public var x: [Double]
  public var y: [Double]
  public var low: [Double]?
  public var high: [Double]?
  public var style: Style
  /// The colour: an index into the palette of measured series. Nil: a measured series takes its own
  /// index, a reference a prediction's colour. A reference that belongs to a series (its predicted rate,
  /// its threshold) gives that series' index, so it is drawn in the same colour.
  public var color: Int?
  /// The marker, an index into the marker list; nil: the series' own index.
  public var marker: Int?

  public init(
    label: String, x: [Double], y: [Double], low: [Double]? = nil, high: [Double]? = nil,
    style: Style = .linesPoints, color: Int? = nil, marker: Int? = nil
  ) {
    precondition(x.count == y.count, "series \(label): x and y differ in length")
    if let low { precondition(low.count == x.count, "series \(label): low has the wrong length") }
    if let high {
      precondition(high.count == x.count, "series \(label): high has the wrong length")
    }
    self.label = label
    self.x = x
    self.y = y
    self.low = low
    self.high = high
    self.style = style
    self.color = color
    self.marker = marker
  }

  /// A reference line y = f(x) sampled on `x` (geometric when the axis is
  /// logarithmic), drawn dashed.
  public static func reference(
    _ label: String, over x: ClosedRange<Double>, log: Bool, samples: Int = 64, color: Int? = nil,
    _ f: (Double) -> Double
  ) -> Series {
    let xs: [Double] = (0..<samples).map { k in
      let t = Double(k) / Double(samples - 1)
      return log
        ? x.lowerBound * pow(x.upperBound / x.lowerBound, t)
        : x.lowerBound + (x.upperBound - x.lowerBound) * t
    }
    return Series(label: label, x: xs, y: xs.map(f), style: .dashed, color: color)
  }

  /// The median of each sample at its x, with the quartiles as error bars, labelled with what the bars
  /// are: `"<label> (median; bars: quartiles over <over>)"`. A sample with a NaN has a NaN median (a gap).
  public static func median(
    _ label: String, x: [Double], samples: [[Double]], over: String, style: Style = .linesPoints,
    color: Int? = nil, marker: Int? = nil
  ) -> Series {
    Series(
      label: "\(label) (median; bars: quartiles over \(over))", x: x, y: samples.map(Statistics.median),
      low: samples.map { Statistics.quantile($0, 0.25) }, high: samples.map { Statistics.quantile($0, 0.75) },
      style: style, color: color, marker: marker)
  }
}

/// Values z[i][j] on a grid x[j] (columns) by y[i] (rows), drawn as a colour map.
public struct HeatMap: Sendable, Equatable {
  public var x: [Double]
  public var y: [Double]
  public var z: [[Double]]
  public var label: String
  /// The colour scale's range; nil fits it to the values.
  public var zRange: ClosedRange<Double>?
  /// Only the disk of this radius around the origin is shown: cells are clipped to its circle, so its
  /// edge is smooth (no staircase of grid cells beyond it).
  public var disk: Double?

  public init(
    x: [Double], y: [Double], z: [[Double]], label: String, zRange: ClosedRange<Double>? = nil,
    disk: Double? = nil
  ) {
    precondition(z.count == y.count && z.allSatisfy { $0.count == x.count }, "heat map: z is not y×x")
    self.x = x
    self.y = y
    self.z = z
    self.label = label
    self.zRange = zRange
    self.disk = disk
  }
}

/// A fitted log-log slope as a figure shows it: the same estimate a `Claim.slope` judges.
public struct SlopeFit: Sendable, Equatable {
  public var slope: Double
  /// Half the width of the 95% confidence interval.
  public var halfWidth: Double
  /// "over 5 seeds" or "of one fit".
  public var over: String
  /// Points with no value to fit (y missing or not positive, or x not positive): the slope is then NaN, and
  /// `text` says how many of `points` were missing, never fitting the rest quietly.
  public var missing: Int = 0
  /// The points the fit was asked to use.
  public var points: Int = 0

  /// `fit: slope −0.51 ± 0.05 (95% CI over 5 seeds)`, or `fit: none (2 of 20 points missing)`.
  public var text: String {
    guard missing == 0 else { return "fit: none (\(missing) of \(points) points missing or not positive)" }
    return
      "fit: slope \(Self.signed(slope)) ± \(halfWidth.isFinite ? String(format: "%.2f", halfWidth) : "?") (95% CI \(over))"
  }

  static func signed(_ v: Double) -> String {
    guard v.isFinite else { return "NaN" }
    let s = String(format: "%.2f", abs(v))
    return (v < 0 && s != "0.00" ? "−" : "") + s
  }
}
