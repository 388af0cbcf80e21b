/// The second-order test for a local maximum of ℓ on the ball ‖δ‖ ≤ ε at a point δ of the sphere.
///
/// With the multiplier λ = δ·∇ℓ/ε² and P = I − δδᵀ/ε², δ is a local maximum when the Riemannian
/// gradient P∇ℓ vanishes, λ ≥ 0 (the gradient points out of the ball), and the tangent Hessian
/// P(∇²ℓ − λI)P is negative semidefinite on the tangent space δ^⊥. The tangent space is spanned by
/// the last d − 1 columns of the Householder reflection H that maps δ/‖δ‖ to ∓e₁, so the tangent
/// Hessian is the trailing (d−1)×(d−1) block of H(∇²ℓ − λI)H; its eigenvalues come from LAPACK.
///
/// The test passes when λ ≥ 0 and the largest tangent eigenvalue is at most `tolerance`·‖∇ℓ‖/ε, the
/// curvature the sphere itself contributes (|λ| at a critical point); so the tolerance is scale-free.
public struct SecondOrderTest: Sendable, Equatable {
  /// λ = δ·∇ℓ/ε².
  public let multiplier: Double
  /// Largest eigenvalue of P(∇²ℓ − λI)P on δ^⊥.
  public let largestTangentEigenvalue: Double
  /// Smallest (most negative) eigenvalue of P(∇²ℓ − λI)P on δ^⊥.
  public let smallestTangentEigenvalue: Double
  /// ‖∇ℓ‖/ε, the unit the tolerance is measured in.
  public let curvatureScale: Double
  public let tolerance: Double

  public var passes: Bool {
    multiplier >= 0 && largestTangentEigenvalue <= tolerance * curvatureScale
  }

  /// The largest tangent eigenvalue in units of ‖∇ℓ‖/ε (≤ tolerance at a local maximum).
  public var relativeLargestEigenvalue: Double { largestTangentEigenvalue / curvatureScale }

  /// The most negative tangent eigenvalue in units of ‖∇ℓ‖/ε (−1 at the linear model's maximum).
  public var relativeSmallestEigenvalue: Double { smallestTangentEigenvalue / curvatureScale }

  /// The tangent Hessian's condition number at a strict local maximum: the ratio of its most negative
  /// eigenvalue to its least negative one (≥ 1; 1 for a linear model, whose tangent Hessian is −λI).
  /// NaN unless every tangent eigenvalue is negative.
  public var tangentConditionNumber: Double {
    largestTangentEigenvalue < 0 ? smallestTangentEigenvalue / largestTangentEigenvalue : .nan
  }

  public init(loss: AdversarialLoss, at delta: [Double], radius epsilon: Double, tolerance: Double)
    throws(EigenError)
  {
    var l = loss
    var gradient = [Double](repeating: 0, count: delta.count)
    l.evaluate(at: delta, gradient: &gradient)
    let r2 = dot(delta, delta)
    multiplier = dot(delta, gradient) / (epsilon * epsilon)
    curvatureScale = norm(gradient) / epsilon
    self.tolerance = tolerance
    var m = loss.hessian(at: delta)
    // The multiplier of the sphere through δ itself (‖δ‖ = ε up to rounding).
    let lambda = dot(delta, gradient) / r2
    for i in 0..<m.rows { m[i, i] -= lambda }
    let eigenvalues = try SecondOrderTest.tangentEigenvalues(m, normal: delta)
    largestTangentEigenvalue = eigenvalues.last ?? .nan
    smallestTangentEigenvalue = eigenvalues.first ?? .nan
  }

  /// Eigenvalues (ascending) of the symmetric `m` restricted to the orthogonal complement of `normal`.
  public static func tangentEigenvalues(_ m: Matrix, normal: [Double]) throws(EigenError) -> [Double] {
    let d = normal.count
    precondition(m.rows == d && m.cols == d, "tangentEigenvalues: \(m.rows)×\(m.cols) matrix for R^\(d)")
    guard d > 1 else { return [] }
    let h = householder(mapping: normal)
    let hm = product(h, m)
    let hmh = product(hm, h)
    var block = Matrix(zeros: d - 1, d - 1)
    for i in 1..<d {
      for j in 1..<d { block[i - 1, j - 1] = 0.5 * (hmh[i, j] + hmh[j, i]) }
    }
    return try SymmetricEigen(block).values
  }

  /// The reflection H = I − 2uuᵀ/‖u‖², u = v̂ + sign(v̂₁)e₁, which maps v̂ = v/‖v‖ to −sign(v̂₁)e₁;
  /// its columns 2…d are an orthonormal basis of v^⊥.
  public static func householder(mapping v: [Double]) -> Matrix {
    let d = v.count
    var u = normalized(v)
    u[0] += u[0] >= 0 ? 1 : -1
    let uu = dot(u, u)
    var h = Matrix(zeros: d, d)
    for i in 0..<d {
      for j in 0..<d { h[i, j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu }
    }
    return h
  }
}
