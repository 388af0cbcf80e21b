import Foundation

/// A kernel on inputs: the Gram entries k(x, x′) from the inner product ⟨x, x′⟩ and the norms ‖x‖, ‖x′‖.
public enum InterpolationKernel: String, Sendable, CaseIterable {
  /// k(x, x′) = ⟨x, x′⟩: the minimum-norm interpolator is the minimum-ℓ2-norm linear one, Xᵀ(XXᵀ)⁻¹y.
  case linear
  /// The neural tangent kernel of a bias-free two-layer ReLU network with both layers trained from a Gaussian
  /// initialisation (w ~ N(0, I), v ~ N(0, 1), output scaled by 1/√m), in the infinite-width limit: with θ the
  /// angle between x and x′,
  /// k = ‖x‖‖x′‖·(sin θ + (π − θ)·cos θ)/(2π)  (the second layer: E relu(w·x)·relu(w·x′))
  ///   + ⟨x, x′⟩·(π − θ)/(2π)                   (the first layer: ⟨x, x′⟩·E 1{w·x > 0}·1{w·x′ > 0}).
  /// k(x, x) = ‖x‖²; for orthogonal x, x′, k = ‖x‖‖x′‖/(2π). A wide network trained from a large
  /// initialisation on the squared loss stays in this kernel's regime and converges to the minimum-norm
  /// interpolator of its labels (plus the initial function, zero in the symmetrised limit).
  case reluNTK = "relu-ntk"

  /// k from ⟨x, x′⟩ and the two norms.
  @inlinable public func value(inner: Double, norm a: Double, _ b: Double) -> Double {
    switch self {
    case .linear: return inner
    case .reluNTK:
      guard a > 0 && b > 0 else { return 0 }
      let c = min(1, max(-1, inner / (a * b)))
      let theta = acos(c)
      return (a * b * (sin(theta) + (Double.pi - theta) * c) + inner * (Double.pi - theta)) / (2 * Double.pi)
    }
  }

  /// The kernel matrix between the rows of `a` and those of `b` (one GEMM for the inner products).
  public func matrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var k = product(a, .none, b, .transpose)
    let na = (0..<a.rows).map { norm(a.row($0)) }
    let nb = (0..<b.rows).map { norm(b.row($0)) }
    for i in 0..<a.rows {
      for j in 0..<b.rows { k[i, j] = value(inner: k[i, j], norm: na[i], nb[j]) }
    }
    return k
  }
}

/// The minimum-RKHS-norm function that interpolates labels y at inputs X: f(x) = Σ_i α_i·k(x, x_i) with
/// K·α = y (K the Gram matrix of the training inputs), solved by a Cholesky factorisation in a fixed order.
public struct MinimumNormInterpolator: Sendable {
  public let kernel: InterpolationKernel
  public let inputs: Matrix
  /// The coefficients α = K⁻¹y.
  public let coefficients: [Double]

  /// Fails (`nil`) when K is not numerically positive definite (a pivot ≤ 10⁻¹²·max diagonal): no unique
  /// interpolator, e.g. the linear kernel with n > d.
  public init?(kernel: InterpolationKernel, inputs x: Matrix, labels y: [Double]) {
    precondition(x.rows == y.count, "MinimumNormInterpolator: \(x.rows) inputs, \(y.count) labels")
    self.kernel = kernel
    self.inputs = x
    guard let alpha = Self.solve(kernel.matrix(x, x), y) else { return nil }
    coefficients = alpha
  }

  /// f at each row of `x`.
  public func callAsFunction(_ x: Matrix) -> [Double] {
    product(kernel.matrix(x, inputs), .none, coefficients)
  }

  /// Solves K·α = y for a symmetric positive definite K (lower Cholesky factor, then two triangular solves,
  /// every sum left to right); nil when a pivot is ≤ 10⁻¹² of the largest diagonal entry.
  static func solve(_ k: Matrix, _ y: [Double]) -> [Double]? {
    let n = k.rows
    let largest = (0..<n).map { k[$0, $0] }.max() ?? 0
    var l = Matrix(zeros: n, n)
    for j in 0..<n {
      var s = k[j, j]
      for p in 0..<j { s -= l[j, p] * l[j, p] }
      guard s > 1e-12 * largest else { return nil }
      let pivot = s.squareRoot()
      l[j, j] = pivot
      for i in (j + 1)..<max(j + 1, n) {
        var t = k[i, j]
        for p in 0..<j { t -= l[i, p] * l[j, p] }
        l[i, j] = t / pivot
      }
    }
    var z = y
    for i in 0..<n {
      for p in 0..<i { z[i] -= l[i, p] * z[p] }
      z[i] /= l[i, i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for p in (i + 1)..<max(i + 1, n) { z[i] -= l[p, i] * z[p] }
      z[i] /= l[i, i]
    }
    return z
  }
}
