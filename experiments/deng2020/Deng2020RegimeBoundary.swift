import Foundation

// deng2020-regime-scale's theory boundary: the input scale s at which the formula for κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ of
// the random network reaches 1 (the scale premise's edge), at a width m. A shared file of the paper.

extension Deng2020 {
  /// κ of the setting's random tanh network, to leading order in the random matrix: with pre-activations
  /// w_r·x ~ N(0, s²), ‖∇f(x)‖ ≈ √(d·E σ'(sZ)²) and ∇²f(x) = (1/√m)·Σ a_r σ''(w_r·x)·w_r w_rᵀ, a sum of m rank-one
  /// terms with symmetric weights of variance E σ''(sZ)², whose spectral norm is ≈ √(E σ''(sZ)²)·(2√d + d/√m)
  /// (the semicircle's edge 2√(m·d)/√m for m ≫ d; one term's d·|weight|/√m for m ≪ d). So
  /// κ ≈ r·s·√(E σ''² / E σ'²)·(2 + √(d/m)); at small s (σ'' ≈ −2z) κ ≈ 2r·s²·(2 + √(d/m)).
  static func curvatureRatioFormula(s: Double, d: Double, m: Double, r: Double) -> Double {
    // E over Z ~ N(0, 1) by the trapezoid rule on [−10, 10] (4001 nodes: the integrands are smooth and decay fast).
    let n = 4000
    let h = 20.0 / Double(n)
    var (first, second) = (0.0, 0.0)
    for k in 0...n {
      let z = -10 + Double(k) * h
      let weight = (k == 0 || k == n ? 0.5 : 1) * h * exp(-z * z / 2) / (2 * Double.pi).squareRoot()
      let t = tanh(s * z)
      let d1 = 1 - t * t
      first += weight * d1 * d1
      second += weight * 4 * t * t * d1 * d1
    }
    return r * s * (second / first).squareRoot() * (2 + (d / m).squareRoot())
  }

  /// The s at which `curvatureRatioFormula` reaches 1, by bisection in log s on [10⁻³, 30] (κ grows with s there, and the
  /// quadrature resolves σ'(sz), of width 1/s, up to s ≈ 30); NaN if it does not reach 1 there.
  static func premiseBoundaryScale(d: Double, m: Double, r: Double) -> Double {
    var (lo, hi) = (log(1e-3), log(30.0))
    guard curvatureRatioFormula(s: exp(hi), d: d, m: m, r: r) >= 1 else { return .nan }
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if curvatureRatioFormula(s: exp(mid), d: d, m: m, r: r) < 1 { lo = mid } else { hi = mid }
    }
    return exp((lo + hi) / 2)
  }
}
