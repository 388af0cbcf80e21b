/// A labelled line drawn over a heat map made of separate pieces: e.g. the boundary between the cells where a
/// prediction holds and those where it fails, traced along the cells' edges (a staircase, exact on the grid).
/// Each path is drawn on its own (no line joins one path to the next); the outline has one key entry.
public struct Outline: Sendable, Equatable {
  public var label: String
  /// The pieces, each a polyline of (x, y) points in data coordinates.
  public var paths: [[Point]]
  /// Dashed (a formula's line) or solid (a measured one).
  public var dashed: Bool
  /// The colour: an index into the palette of measured series; nil: black.
  public var color: Int?

  /// A point of a path.
  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
      self.x = x
      self.y = y
    }
  }

  public init(label: String, paths: [[Point]], dashed: Bool = false, color: Int? = nil) {
    self.label = label
    self.paths = paths
    self.dashed = dashed
    self.color = color
  }

  /// True when some path has two points with finite coordinates (positive on a log axis): something to draw.
  public func isDrawable(logX: Bool, logY: Bool) -> Bool {
    paths.contains { path in
      path.filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) && (!logY || $0.y > 0) }.count >= 2
    }
  }
}
