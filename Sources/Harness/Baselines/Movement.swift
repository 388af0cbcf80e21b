/// How far one list of numbers moved from another: the largest absolute and relative differences,
/// element by element. A NaN against a number, an infinity against anything else, or another length
/// is an infinite move.
public struct Movement: Sendable, Codable, Equatable {
  public var absolute: Double
  public var relative: Double

  public static let none = Movement(absolute: 0, relative: 0)
  public static let unbounded = Movement(absolute: .infinity, relative: .infinity)

  public init(absolute: Double, relative: Double) {
    self.absolute = absolute
    self.relative = relative
  }

  public init(_ xs: [Double], from ys: [Double]) {
    guard xs.count == ys.count else {
      self = .unbounded
      return
    }
    var m = Movement.none
    for (x, y) in zip(xs, ys) {
      if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite {
        if !(x.isNaN && y.isNaN) && x != y {
          self = .unbounded
          return
        }
        continue
      }
      let a = abs(x - y)
      let scale = max(abs(x), abs(y))
      m.absolute = max(m.absolute, a)
      m.relative = max(m.relative, scale > 0 ? a / scale : 0)
    }
    self = m
  }

  /// The larger of two moves, component-wise.
  public func union(_ other: Movement) -> Movement {
    Movement(absolute: max(absolute, other.absolute), relative: max(relative, other.relative))
  }

}
