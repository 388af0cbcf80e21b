import Foundation

/// A figure as data: everything a renderer needs, computed by an experiment module from its results. The
/// renderer (`Sources/GnuplotRenderer`) turns one into a self-contained gnuplot script with the data inline;
/// this target knows nothing of gnuplot.
///
/// Text (title, axis labels, series labels) is literal, except for two pieces of markup (`Markup`): `_{…}` is a
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
      + [heatMap?.label ?? ""] + (heatMap?.outlines.map(\.label) ?? []) + panels.flatMap(\.texts)
  }
}
