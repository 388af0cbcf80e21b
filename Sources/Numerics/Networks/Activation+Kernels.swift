import Foundation

// Hot loops of the margin attacks: one dispatch on σ per row instead of one per element, so the loops of
// the piecewise-polynomial activations (ReLU, quadratic ReLU) vectorise.
extension Activation {
  /// Σ_{r<m} a_r·σ(u_r + v_r) (v nil: Σ a_r·σ(u_r)).
  @inline(__always)
  func weightedSum(_ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?, count m: Int)
    -> Double
  {
    var f = 0.0
    switch (self, v) {
    case (.quadraticRelu, let v?):
      for r in 0..<m {
        let z = max(u[r] + v[r], 0)
        f += a[r] * z * z
      }
      return 0.5 * f
    case (.quadraticRelu, nil):
      for r in 0..<m {
        let z = max(u[r], 0)
        f += a[r] * z * z
      }
      return 0.5 * f
    case (.relu, let v?):
      for r in 0..<m { f += a[r] * max(u[r] + v[r], 0) }
    case (.relu, nil):
      for r in 0..<m { f += a[r] * max(u[r], 0) }
    case (_, let v?):
      for r in 0..<m { f += a[r] * value(u[r] + v[r]) }
    case (_, nil):
      for r in 0..<m { f += a[r] * value(u[r]) }
    }
    return f
  }

  /// Σ_{r<m} a_r·σ(u_r), and s_r = c·a_r·σ'(u_r).
  @inline(__always)
  func weightedSum(
    _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, slopes s: UnsafeMutablePointer<Double>, scale c: Double,
    count m: Int
  ) -> Double {
    var f = 0.0
    switch self {
    case .quadraticRelu:
      for r in 0..<m {
        let z = max(u[r], 0)
        f += a[r] * z * z
        s[r] = c * a[r] * z
      }
      return 0.5 * f
    case .relu:
      for r in 0..<m {
        let z = u[r]
        f += a[r] * max(z, 0)
        s[r] = z > 0 ? c * a[r] : 0
      }
    default:
      for r in 0..<m {
        let (value, derivative) = valueAndDerivative(u[r])
        f += a[r] * value
        s[r] = c * a[r] * derivative
      }
    }
    return f
  }
}
