import Foundation

/// One curve of a figure. `low`/`high`, when present, are the ends of an
/// error bar at each x (e.g. quartiles), drawn with the points. (`Series.median`, which summarises samples,
/// is in `Harness`: it uses its `Statistics`.)
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
}
