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
  /// Labelled lines over the cells (`Outline`): e.g. where a prediction stops holding, traced along cell edges.
  public var outlines: [Outline] = []

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

/// The cells of a heat map's grid: where each starts and ends, and which of them a frame can show.
extension HeatMap {
  /// Indices of the grid coordinates (`x` or `y`) a frame can place: finite, and positive on a log axis.
  public func placeable(_ axis: Axis, log: Bool) -> [Int] {
    let grid = axis == .x ? x : y
    return grid.indices.filter { grid[$0].isFinite && (!log || grid[$0] > 0) }
  }

  /// True when some cell at placeable coordinates has a finite value: the map has something to draw.
  public func hasDrawableCell(logX: Bool, logY: Bool) -> Bool {
    let columns = placeable(.x, log: logX)
    return placeable(.y, log: logY).contains { i in columns.contains { j in z[i][j].isFinite } }
  }

  /// Lower and upper edge of the cell around each grid coordinate: midway between neighbours (geometrically
  /// on a log axis), the outer cells mirrored; a single coordinate gets a cell of width 1 (a decade on a log
  /// axis) around it.
  public static func cellEdges(_ v: [Double], log: Bool) -> [(Double, Double)] {
    func mid(_ a: Double, _ b: Double) -> Double { log ? (a * b).squareRoot() : (a + b) / 2 }
    func mirror(_ c: Double, _ m: Double) -> Double { log ? c * c / m : 2 * c - m }
    guard v.count > 1 else {
      return v.map { log ? ($0 / 10.squareRoot(), $0 * 10.squareRoot()) : ($0 - 0.5, $0 + 0.5) }
    }
    return v.indices.map { k in
      let low = k > 0 ? mid(v[k - 1], v[k]) : mirror(v[0], mid(v[0], v[1]))
      let high = k + 1 < v.count ? mid(v[k], v[k + 1]) : mirror(v[k], mid(v[k - 1], v[k]))
      return (low, high)
    }
  }
}
