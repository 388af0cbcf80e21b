/// How far from linear a network f is over the ball ‖δ‖ ≤ ε around an input x, for the adversary's loss
/// ℓ(δ) = ½(f(x + δ) − y)² (`experiments/deng2020/README.md`).
///
/// A linear f makes ℓ the square of an affine function of δ, which on the sphere ‖δ‖ = ε has its maxima at
/// the poles ±ε∇f/‖∇f‖: one when |f(x) − y| > ε‖∇f(x)‖ (the pole on the side of the residual), else both.
/// κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ compares the curvature over the ball with the slope: 0 for a linear f.
public struct LinearityOnBall: Sendable {
  /// ∇f(x).
  public let gradient: [Double]
  /// κ = ε‖∇²f(x)‖₂ / ‖∇f(x)‖ (not finite when ∇f(x) = 0, e.g. a saturated network).
  public let curvatureRatio: Double
  /// The number of local maxima of the linearised loss ½(f(x) + ∇f(x)·δ − y)² on the sphere: 1 or 2.
  public let linearModelMaxima: Int

  public init(_ network: TwoLayerNetwork, at x: [Double], target y: Double, radius epsilon: Double)
    throws(EigenError)
  {
    let gradient = network.inputGradient(x)
    let residual = network(x) - y
    linearModelMaxima = abs(residual) > epsilon * norm(gradient) ? 1 : 2
    let curvature = try SymmetricEigen(network.inputHessian(x))
    curvatureRatio = epsilon * max(abs(curvature.smallest), abs(curvature.largest)) / norm(gradient)
    self.gradient = gradient
  }
}
