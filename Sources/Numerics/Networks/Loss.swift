import Foundation

/// Per-example losses ℓ(f, y) of a prediction f against a target y.
/// Exponential and logistic are margin losses of q = y·f (labels ±1);
/// squared is ½(f − y)².
public enum Loss: String, Sendable, CaseIterable {
  case exponential, logistic, squared

  @inline(__always) public func value(_ f: Double, _ y: Double) -> Double {
    switch self {
    case .exponential: return exp(-y * f)
    case .logistic: return logOnePlusExp(-y * f)
    case .squared: return 0.5 * (f - y) * (f - y)
    }
  }

  /// dℓ/df.
  @inline(__always) public func derivative(_ f: Double, _ y: Double) -> Double {
    switch self {
    case .exponential: return -y * exp(-y * f)
    case .logistic: return -y * logisticSigmoid(-y * f)
    case .squared: return f - y
    }
  }

  /// log ℓ(f, y), finite even where ℓ underflows to 0 (large margins).
  @inline(__always) public func logValue(_ f: Double, _ y: Double) -> Double {
    switch self {
    case .exponential: return -y * f
    case .logistic:
      let q = y * f
      // log(log(1 + e^{-q})); for large q, log(1+e^{-q}) ≈ e^{-q}(1 − e^{-q}/2).
      return q > 35 ? -q + log1p(-0.5 * exp(-q)) : log(logOnePlusExp(-q))
    case .squared: return log(value(f, y))
    }
  }

  /// log |dℓ/df| (for margin losses, |dℓ/df| = |y|·(something positive)).
  @inline(__always) public func logAbsDerivative(_ f: Double, _ y: Double) -> Double {
    switch self {
    case .exponential: return -y * f
    case .logistic: return -logOnePlusExp(y * f)
    case .squared: return log(abs(f - y))
    }
  }

  /// The sign of dℓ/df, exact even where dℓ/df underflows to 0.
  @inline(__always) public func derivativeSign(_ f: Double, _ y: Double) -> Double {
    switch self {
    case .exponential, .logistic: return y > 0 ? -1 : (y < 0 ? 1 : 0)
    case .squared: return f > y ? 1 : (f < y ? -1 : 0)
    }
  }

  /// True for losses of the margin y·f (exponential, logistic).
  public var isMarginLoss: Bool { self != .squared }
}
