import Foundation

extension Activation {
  /// (σ(z), σ'(z)) with one transcendental evaluation where the pair shares it (tanh).
  @inline(__always) public func valueAndDerivative(_ z: Double) -> (value: Double, derivative: Double) {
    switch self {
    case .tanh:
      let t = Foundation.tanh(z)
      return (t, 1 - t * t)
    default:
      return (value(z), derivative(z))
    }
  }
}
