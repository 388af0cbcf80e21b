import Foundation

/// A regime map (issue 26): where a theorem's prediction holds and where it breaks, over a 2-D grid of two
/// parameters its premise depends on (`rows` on the y axis, `columns` on the x axis), times seeds.
///
/// The module records per point (cell × seed) the prediction's statistic (`prediction_<stat>`) and the premise
/// quantity measured on that run's data (`premise_<measure>`). A cell's statistic is the median over its seeds;
/// the prediction holds in a cell when that median satisfies `prediction`, the premise when the median of the
/// premise scalar satisfies `premiseHolds`. Each cell has one of four outcomes (`Cell.Outcome`); the claim
/// (`Claim.regimeMap`) counts them, the figure (`figure(_:name:title:caption:)`) draws them.
public struct RegimeMap: Sendable {
  /// A condition on a cell's median of one scalar. A NaN median (a missing value) never satisfies it.
  public struct Condition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      case atMost(Double)
      case atLeast(Double)
      case within(ClosedRange<Double>)
    }
    public let kind: Kind

    public static func atMost(_ bound: Double) -> Condition { Condition(kind: .atMost(bound)) }
    public static func atLeast(_ bound: Double) -> Condition { Condition(kind: .atLeast(bound)) }
    public static func within(_ band: ClosedRange<Double>) -> Condition { Condition(kind: .within(band)) }

    /// Whether `value` satisfies the condition (the bounds included; NaN never does).
    public func admits(_ value: Double) -> Bool {
      switch kind {
      case .atMost(let b): return value <= b
      case .atLeast(let b): return value >= b
      case .within(let r): return r.contains(value)
      }
    }

    /// "≤ 1.5", "≥ 0.8", "in [0.5, 2]".
    public var text: String {
      switch kind {
      case .atMost(let b): return "≤ \(formatNumber(b))"
      case .atLeast(let b): return "≥ \(formatNumber(b))"
      case .within(let r): return "in [\(formatNumber(r.lowerBound)), \(formatNumber(r.upperBound))]"
      }
    }

    /// The bound nearest `value` and the side of it on which the condition holds (for a band: the nearer edge;
    /// NaN: the lower edge).
    public func nearestBound(to value: Double) -> (bound: Double, passes: Margin.Side) {
      switch kind {
      case .atMost(let b): return (b, .below)
      case .atLeast(let b): return (b, .above)
      case .within(let r):
        return value.isNaN || value - r.lowerBound <= r.upperBound - value
          ? (r.lowerBound, .above) : (r.upperBound, .below)
      }
    }

    /// The bounds (one, or a band's two), e.g. to draw the threshold on a colour scale.
    public var bounds: [Double] {
      switch kind {
      case .atMost(let b), .atLeast(let b): return [b]
      case .within(let r): return [r.lowerBound, r.upperBound]
      }
    }
  }

  public let rows: String
  public let columns: String
  /// The axes' labels in words with units ("input dimension d"); nil: the parameter's name.
  public let rowLabel: String?
  public let columnLabel: String?
  public let logRows: Bool
  public let logColumns: Bool
  /// The prediction's scalar (`prediction_…`), and the colour scale's label, with units.
  public let statistic: String
  public let statisticLabel: String
  public let prediction: Condition
  /// The premise's scalar (`premise_…`), measured on each run's data, and in words with units.
  public let premise: String
  public let premiseLabel: String
  public let premiseHolds: Condition
  /// The formula's premise boundary: the row value at a column value, drawn dashed; nil when the theory gives none.
  public let theoryBoundary: (label: String, row: @Sendable (Double) -> Double)?
  /// Other parameters a cell is taken at; points elsewhere are ignored.
  public let fixed: [String: Double]

  public init(
    rows: String, columns: String,
    rowLabel: String? = nil, columnLabel: String? = nil,
    logRows: Bool = true, logColumns: Bool = true,
    statistic: String, statisticLabel: String,
    prediction: Condition,
    premise: String, premiseLabel: String,
    premiseHolds: Condition,
    theoryBoundary: (label: String, row: @Sendable (Double) -> Double)? = nil,
    fixed: [String: Double] = [:]
  ) {
    self.rows = rows
    self.columns = columns
    self.rowLabel = rowLabel
    self.columnLabel = columnLabel
    self.logRows = logRows
    self.logColumns = logColumns
    self.statistic = statistic
    self.statisticLabel = statisticLabel
    self.prediction = prediction
    self.premise = premise
    self.premiseLabel = premiseLabel
    self.premiseHolds = premiseHolds
    self.theoryBoundary = theoryBoundary
    self.fixed = fixed
  }

  /// The points a map is about: those at the `fixed` values (every fixed name must be a parameter of the results).
  func points(_ results: Results) -> [PointResult] {
    results.points.filter { p in fixed.allSatisfy { p.real($0.key) == $0.value } }
  }

  /// Parameters other than the axes, `seed` and `fixed` that take more than one value among the map's points:
  /// their points would be pooled into one cell, so the claim refuses them (name them in `fixed:`).
  func pooledParameters(_ points: [PointResult]) -> [String] {
    guard let first = points.first else { return [] }
    let skip = Set([rows, columns, "seed"]).union(fixed.keys)
    return first.values.map(\.name).filter { !skip.contains($0) }.filter { name in
      Set(points.map { $0.value(name) }).count > 1
    }
  }
}
