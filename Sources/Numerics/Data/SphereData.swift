import Foundation

/// Labelled points on the unit sphere S^{d−1} (the data of the adversarial-training convergence analyses,
/// Gao et al. 2019): inputs of norm 1, labels ±1, and the separation of the two classes, the smallest
/// distance between oppositely labelled points. A perturbation radius δ below half the separation keeps
/// the balls of the two classes apart, so a robust interpolator exists.
public struct SphereData: Sendable, Equatable {
  /// n × d, unit rows.
  public let x: Matrix
  /// ±1.
  public let y: [Double]
  /// min ‖x_i − x_j‖ over y_i ≠ y_j.
  public let separation: Double

  public var count: Int { x.rows }
  public var dimension: Int { x.cols }

  public init(x: Matrix, y: [Double]) {
    precondition(x.rows == y.count, "SphereData: \(x.rows) inputs for \(y.count) labels")
    self.x = x
    self.y = y
    separation = Self.separation(x, y)
  }

  /// n equally spaced points on the unit circle (d = 2), x_k = (cos 2πk/n, sin 2πk/n), with alternating
  /// labels +1, −1, …: the separation is 2·sin(π/n). Which n a bias-free network can fit depends on σ
  /// (see `Activation`): the labels are the sign of cos(n·θ/2), the harmonic n/2 of the angle.
  public static func circle(points n: Int) -> SphereData {
    precondition(n >= 2 && n % 2 == 0, "SphereData.circle: an even number of points, got \(n)")
    var x = Matrix(zeros: n, 2)
    for k in 0..<n {
      let angle = 2 * Double.pi * Double(k) / Double(n)
      x[k, 0] = cos(angle)
      x[k, 1] = sin(angle)
    }
    return SphereData(x: x, y: (0..<n).map { $0 % 2 == 0 ? 1 : -1 })
  }

  /// n points uniform on S^{d−1}, independent; the first ⌈n/2⌉ labelled +1, the rest −1.
  public static func random(points n: Int, dimension d: Int, rng: inout RandomSource) -> SphereData {
    precondition(n >= 2 && d >= 1, "SphereData.random: needs n ≥ 2 and d ≥ 1")
    let rows = (0..<n).map { _ in rng.onSphere(dimension: d, radius: 1) }
    let positives = (n + 1) / 2
    return SphereData(x: Matrix(rowVectors: rows), y: (0..<n).map { $0 < positives ? 1 : -1 })
  }

  /// The smallest distance between oppositely labelled rows; +∞ when one class is empty.
  public static func separation(_ x: Matrix, _ y: [Double]) -> Double {
    var best = Double.infinity
    for i in 0..<x.rows {
      for j in (i + 1)..<x.rows where y[i] != y[j] {
        var s = 0.0
        for k in 0..<x.cols {
          let t = x[i, k] - x[j, k]
          s += t * t
        }
        best = min(best, s.squareRoot())
      }
    }
    return best
  }
}
