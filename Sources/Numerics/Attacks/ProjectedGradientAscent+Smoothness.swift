import Foundation

/// A bound L on the Lipschitz constant of ∇ℓ over the ball ‖δ‖ ≤ ε, for the adversarial loss
/// ℓ(δ) = ½(f(x + δ) − y)² of a two-layer network f(z) = c·Σ_r v_r·σ(w_r·z + b_r): the smoothness constant the
/// classical analysis of projected gradient ascent needs (a step η ≤ 1/L makes every step raise ℓ by at least
/// ‖δ_{t+1} − δ_t‖²/(2η), so the gradient mapping falls below τ within 2L·(ℓ_max − ℓ(δ₀))/τ² steps).
///
/// With ‖∇²ℓ‖ ≤ ‖∇f‖² + |f − y|·‖∇²f‖ and, at every z of the ball,
///
///     ‖∇²f(z)‖ ≤ H = c·max_r|v_r|·sup|σ''|·‖W‖₂²
///     ‖∇f(z)‖  ≤ G = min(c·‖v‖₂·sup|σ'|·‖W‖₂, ‖∇f(x)‖ + ε·H)
///     |f(z) − y| ≤ R = |f(x) − y| + ε·G
///
/// the bound is L = G² + R·H. ‖W‖₂ is the square root of the largest eigenvalue of WᵀW (LAPACK). An activation
/// whose σ' or σ'' is unbounded (ReLU's σ'' is a Dirac mass at its kink) has no finite L: every field is +∞ there
/// except ‖W‖₂.
public struct AdversarialSmoothness: Sendable, Equatable {
  /// ‖W‖₂, the spectral norm of the first layer.
  public let spectralNorm: Double
  /// G, a bound on ‖∇f‖ over the ball.
  public let gradientBound: Double
  /// H, a bound on ‖∇²f‖ over the ball.
  public let hessianBound: Double
  /// R, a bound on |f − y| over the ball.
  public let residualBound: Double
  /// L = G² + R·H, a bound on the Lipschitz constant of ∇ℓ over the ball.
  public let lipschitz: Double

  /// sup|σ'| and sup|σ''| of the smooth activations (tanh: 1 and 4/(3√3) at tanh z = ±1/√3; softplus: 1 and 1/4
  /// at z = 0); nil for an activation without finite bounds.
  public static func derivativeBounds(_ activation: Activation) -> (first: Double, second: Double)? {
    switch activation {
    case .tanh: return (1, 4 / (3 * 3.0.squareRoot()))
    case .softplus: return (1, 0.25)
    default: return nil
    }
  }

  public init(loss: AdversarialLoss, radius epsilon: Double) throws(EigenError) {
    let net = loss.network
    let gram = product(net.weights, .transpose, net.weights, .none)
    let w2 = max(0, try SymmetricEigen(gram).largest).squareRoot()
    spectralNorm = w2
    guard let bounds = AdversarialSmoothness.derivativeBounds(net.activation) else {
      (gradientBound, hessianBound, residualBound, lipschitz) = (.infinity, .infinity, .infinity, .infinity)
      return
    }
    let c = abs(net.outputScale)
    let vMax = net.outer.map(abs).max() ?? 0
    let h = c * vMax * bounds.second * w2 * w2
    let global = c * norm(net.outer) * bounds.first * w2
    let g = min(global, norm(net.inputGradient(loss.x)) + epsilon * h)
    let r = abs(net(loss.x) - loss.target) + epsilon * g
    gradientBound = g
    hessianBound = h
    residualBound = r
    lipschitz = g * g + r * h
  }
}
