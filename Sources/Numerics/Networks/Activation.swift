import Foundation

/// Hidden-unit nonlinearities σ with σ' and σ''.
/// ReLU's derivative at 0 is taken as 0 (a valid choice in [0, 1]); its σ'' is 0.
/// The quadratic ReLU max(z, 0)²/2 is C¹ with σ' = relu, σ'' = 1 for z > 0 (0 at and below 0).
public enum Activation: String, Sendable, CaseIterable {
  case relu, tanh, softplus
  case quadraticRelu = "quadratic_relu"

  @inline(__always) public func value(_ z: Double) -> Double {
    switch self {
    case .relu: return z > 0 ? z : 0
    case .tanh: return PortableMath.tanh(z)
    case .softplus: return logOnePlusExp(z)
    case .quadraticRelu: return z > 0 ? 0.5 * z * z : 0
    }
  }

  @inline(__always) public func derivative(_ z: Double) -> Double {
    switch self {
    case .relu: return z > 0 ? 1 : 0
    case .tanh:
      let t = PortableMath.tanh(z)
      return 1 - t * t
    case .softplus: return logisticSigmoid(z)
    case .quadraticRelu: return z > 0 ? z : 0
    }
  }

  @inline(__always) public func secondDerivative(_ z: Double) -> Double {
    switch self {
    case .relu: return 0
    case .tanh:
      let t = PortableMath.tanh(z)
      return -2 * t * (1 - t * t)
    case .softplus:
      let s = logisticSigmoid(z)
      return s * (1 - s)
    case .quadraticRelu: return z > 0 ? 1 : 0
    }
  }

  /// True when σ(cz) = c·σ(z) for c > 0 (the network is then 2-homogeneous without bias).
  public var isPositivelyHomogeneous: Bool { self == .relu }
}

/// The logistic function 1/(1+e^{-z}), stable for large |z|.
@inline(__always) public func logisticSigmoid(_ z: Double) -> Double {
  if z >= 0 { return 1 / (1 + exp(-z)) }
  let e = exp(z)
  return e / (1 + e)
}

/// log(1 + e^z), stable for large |z|.
@inline(__always) public func logOnePlusExp(_ z: Double) -> Double {
  z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
}
