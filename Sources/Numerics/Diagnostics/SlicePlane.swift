import Foundation

/// A plane through the centre of the ball ‖δ‖ ≤ ε on which to look at a function of δ, chosen to contain the
/// local maxima found: u₁ along the best maximum, u₂ ⊥ u₁ in the plane of the best maximum and the one
/// farthest from it in angle. When there is a single maximum (or all lie within 3° of the best), u₂ comes
/// from a fallback direction (e.g. a gradient), or a random one when that is (nearly) along u₁.
///
/// u₁ and u₂ are orthonormal (Gram–Schmidt: u₂ = the normalised part of the second direction orthogonal to u₁).
public struct SlicePlane: Sendable {
  /// Where u₂ came from.
  public enum Source: Sendable, Equatable {
    /// The maximum farthest in angle from the best one.
    case secondMaximum
    /// The fallback direction.
    case fallback
    /// A random direction.
    case random
  }

  public let u1: [Double]
  public let u2: [Double]
  public let source: Source
  /// The maximum that set u₂ (an index into `maxima`' points), nil unless `source` is `.secondMaximum`.
  public let second: Int?

  /// The plane through `points[maxima]` (the maxima, best first). u₁ is along the best one (along `fallback`
  /// when there is none); u₂ ⊥ u₁ towards the maximum of smallest cosine with u₁ if that cosine is below
  /// cos 3°, else towards `fallback` if its part orthogonal to u₁ has length > 0.05 (unit vectors), else towards
  /// a direction drawn from `rng` (the only draw, and only then).
  public init(
    through points: [[Double]], maxima: [Int], fallback: [Double], rng: inout RandomSource
  ) {
    let u1 = maxima.first.map { normalized(points[$0]) } ?? normalized(fallback)
    // The maximum farthest in angle from the best one (smallest cosine), if it is more than 3° away.
    let farthest = maxima.dropFirst().min { dot(normalized(points[$0]), u1) < dot(normalized(points[$1]), u1) }
    if let farthest, dot(normalized(points[farthest]), u1) < cos(3 * Double.pi / 180) {
      (u2, source, second) = (normalized(Self.orthogonal(points[farthest], to: u1)), .secondMaximum, farthest)
    } else if norm(Self.orthogonal(normalized(fallback), to: u1)) > 0.05 {
      (u2, source, second) = (normalized(Self.orthogonal(normalized(fallback), to: u1)), .fallback, nil)
    } else {
      let drawn = rng.onSphere(dimension: u1.count, radius: 1)
      (u2, source, second) = (normalized(Self.orthogonal(drawn, to: u1)), .random, nil)
    }
    self.u1 = u1
  }

  /// v minus its component along the unit vector u.
  public static func orthogonal(_ v: [Double], to u: [Double]) -> [Double] {
    var w = v
    axpy(-dot(v, u), u, &w)
    return w
  }

  /// (δ·u₁, δ·u₂) / scale: δ's coordinates in the plane.
  public func coordinates(of delta: [Double], scale: Double = 1) -> (u: Double, v: Double) {
    (dot(delta, u1) / scale, dot(delta, u2) / scale)
  }

  /// δ's distance from the plane, / scale.
  public func distance(of delta: [Double], scale: Double = 1) -> Double {
    norm(Self.orthogonal(Self.orthogonal(delta, to: u1), to: u2)) / scale
  }

  /// The coordinates of a grid × grid slice: `grid` points from −1 to 1.
  public static func gridCoordinates(_ grid: Int) -> [Double] {
    (0..<grid).map { (k: Int) -> Double in -1 + 2 * Double(k) / Double(grid - 1) }
  }

  /// Whether the cell centred at (a, b) of a grid × grid slice meets the unit disk: its centre is within half
  /// a cell diagonal of it.
  public static func meetsDisk(_ a: Double, _ b: Double, grid: Int) -> Bool {
    let reach = 1 + (2 / Double(grid - 1)) * 0.5.squareRoot()
    return a * a + b * b <= reach * reach
  }

  /// `value` at radius·(a·u₁ + b·u₂) on a grid × grid slice, row b, column a (`gridCoordinates`), NaN on
  /// the cells that miss the disk of radius `radius`.
  public func slice(grid: Int, radius: Double, _ value: ([Double]) -> Double) -> [Double] {
    let coordinates = Self.gridCoordinates(grid)
    let d = u1.count
    var slice = [Double](repeating: .nan, count: grid * grid)
    var delta = [Double](repeating: 0, count: d)
    for (i, b) in coordinates.enumerated() {
      for (j, a) in coordinates.enumerated() where Self.meetsDisk(a, b, grid: grid) {
        for k in 0..<d { delta[k] = radius * (a * u1[k] + b * u2[k]) }
        slice[i * grid + j] = value(delta)
      }
    }
    return slice
  }
}
