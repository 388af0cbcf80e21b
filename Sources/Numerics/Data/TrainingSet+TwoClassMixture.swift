extension TrainingSet {
  /// A two-class Gaussian mixture, every input rescaled to norm `scale`:
  /// x = s·u/‖u‖ with u = y·μ + ξ, ‖μ‖ = `separation`, ξ ~ N(0, I_d/d) (so ‖ξ‖ ≈ 1), labels ±1 with equal
  /// probability. The class mean μ is a uniformly random direction.
  public static func twoClassMixture(
    points n: Int, dimension d: Int, separation: Double, scale s: Double, rng: inout RandomSource
  ) -> TrainingSet {
    let mean = rng.onSphere(dimension: d, radius: separation)
    let noise = 1 / Double(d).squareRoot()
    var x = Matrix(zeros: n, d)
    var y = [Double](repeating: 0, count: n)
    var u = [Double](repeating: 0, count: d)
    for i in 0..<n {
      y[i] = rng.rademacher()
      for k in 0..<d { u[k] = y[i] * mean[k] + noise * rng.normal() }
      let r = norm(u)
      for k in 0..<d { x[i, k] = s * u[k] / r }
    }
    return TrainingSet(x: x, y: y)
  }
}
