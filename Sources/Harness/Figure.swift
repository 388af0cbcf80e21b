import Foundation

/// A figure as data: everything gnuplot needs, computed by an experiment
/// module from its results. The plotting stage (`Gnuplot.swift`) turns one
/// into a self-contained script with the data inline.
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
  /// Predicted rates and bounds, drawn dashed.
  public var references: [Series]
  /// Optional heat map drawn underneath the series (e.g. a loss landscape slice).
  public var heatMap: HeatMap?
  /// Where the legend goes, in gnuplot's words (`top left`, `bottom right`, ...).
  public var legend: String
  /// Optional fixed ranges; nil lets gnuplot choose.
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// One unit on x is as long as one unit on y (a circle stays round), e.g. for a slice of a landscape.
  public var equalAxes: Bool = false

  public init(
    name: String, title: String, xLabel: String, yLabel: String,
    logX: Bool = false, logY: Bool = false,
    series: [Series], references: [Series] = [], heatMap: HeatMap? = nil,
    legend: String = "top left",
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
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
  }
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

  public init(
    label: String, x: [Double], y: [Double], low: [Double]? = nil, high: [Double]? = nil,
    style: Style = .linesPoints
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
  }

  /// A reference line y = f(x) sampled on `x` (geometric when the axis is
  /// logarithmic), drawn dashed.
  public static func reference(
    _ label: String, over x: ClosedRange<Double>, log: Bool, samples: Int = 64,
    _ f: (Double) -> Double
  ) -> Series {
    let xs: [Double] = (0..<samples).map { k in
      let t = Double(k) / Double(samples - 1)
      return log
        ? x.lowerBound * pow(x.upperBound / x.lowerBound, t)
        : x.lowerBound + (x.upperBound - x.lowerBound) * t
    }
    return Series(label: label, x: xs, y: xs.map(f), style: .dashed)
  }
}

/// Values z[i][j] on a grid x[j] (columns) by y[i] (rows), drawn as a colour map.
public struct HeatMap: Sendable, Equatable {
  public var x: [Double]
  public var y: [Double]
  public var z: [[Double]]
  public var label: String

  public init(x: [Double], y: [Double], z: [[Double]], label: String) {
    precondition(z.count == y.count && z.allSatisfy { $0.count == x.count }, "heat map: z is not y×x")
    self.x = x
    self.y = y
    self.z = z
    self.label = label
  }
}
