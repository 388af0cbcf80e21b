import Foundation

extension Activation {
  /// (σ(z), σ'(z)) with one transcendental evaluation where the pair shares it (tanh, the portable one of
  /// `PortableMath`).
  @inline(__always) public func valueAndDerivative(_ z: Double) -> (value: Double, derivative: Double) {
    switch self {
    case .tanh:
      let t = PortableMath.tanh(z)
      return (t, 1 - t * t)
    case .softplus:
      // One exponential for both, e = e^{-|z|}: σ = max(z, 0) + log1p(e), σ' = 1/(1 + e) or e/(1 + e),
      // bit for bit what `value` and `derivative` give.
      let e = exp(-abs(z))
      return z > 0 ? (z + log1p(e), 1 / (1 + e)) : (log1p(e), z == 0 ? 1 / (1 + e) : e / (1 + e))
    case .quadraticRelu:
      return z > 0 ? (0.5 * z * z, z) : (0, 0)
    default:
      return (value(z), derivative(z))
    }
  }
}
