/// An exact KKT point of the max-margin problem  min ½‖θ‖²  s.t.  y_i N_θ(x_i) ≥ 1  near a trained bias-free ReLU
/// network, at the network's own activation pattern: how far the network is from a true KKT point, beside the
/// residual `KKTDiagnostics` reports (`experiments/vardi2022/README.md`, "How far from a KKT point").
///
/// With the pattern fixed (unit j active, inactive or on the kink at point i) and the margin set M fixed (the
/// points within `marginBand` of the smallest margin; λ_i = 0 elsewhere), the KKT conditions of the
/// margin-normalised network are, with z_i = λ_i y_i and s_ij = 1 (active), 0 (inactive) or σ_ij ∈ [0, 1] (kink):
///   w_j = v_j Σ_i z_i s_ij x_i,   v_j = Σ_{i active} z_i ⟨w_j, x_i⟩,   y_i N(x_i) = 1 (i ∈ M),   ⟨w_j, x_i⟩ = 0 (kinks).
/// The first is substituted into the others (so ⟨w_j, x_i⟩ = v_j Σ_l G_il z_l s_lj, G = X Xᵀ), leaving a square
/// system in (v, λ_M, σ) of m + |M| + K equations, solved by Levenberg–Marquardt (central-difference Jacobian,
/// a plain Cholesky; the system is singular where units share a pattern, which the damping handles) from the
/// trained v, the NNLS multipliers and σ = ½. The answer is a KKT point when it is `consistent`: the pattern
/// kept, λ ≥ 0, σ ∈ [0, 1], every point off M at margin ≥ 1. Small cases only: O((m + n + K)³) per iteration.
public struct KKTPolish: Sendable {
  /// The KKT point found, margin-normalised (its smallest margin is 1).
  public var network: TwoLayerNetwork
  /// λ_i ≥ 0 at it (0 off the margin set).
  public var multipliers: [Double]
  /// ‖θ̃ − θ*‖ / ‖θ̃‖: the trained network θ̃ (margin-normalised) against the KKT point θ*.
  public var distance: Double
  /// The largest |equation| left, relative to the equations' scale (≈ 1e-12 when solved).
  public var equationResidual: Double
  /// Whether θ* is a KKT point: the pattern kept, λ ≥ 0, σ ∈ [0, 1], margins ≥ 1 off the margin set.
  public var consistent: Bool
  /// What keeps θ* from being a KKT point, in words (empty when `consistent`).
  public var violations: [String]
  /// Levenberg–Marquardt steps over all rounds of the pattern's refinement.
  public var iterations: Int
  /// Pairs (i, j) on the kink at θ*.
  public var kinkPairs: Int

  public init(
    _ net: TwoLayerNetwork, inputs x: Matrix, labels y: [Double], multipliers start: [Double],
    marginBand: Double = KKTDiagnostics.marginBand, kinkTolerance: Double = KKTDiagnostics.kinkTolerance,
    maxIterations: Int = 200
  ) {
    precondition(net.bias == nil && net.activation == .relu, "KKTPolish needs a bias-free ReLU network")
    let (n, m) = (x.rows, net.width)
    let s = net.outputScale
    let pre = product(x, .none, net.weights, .transpose)
    let margins = (0..<n).map { i in y[i] * s * (0..<m).reduce(0.0) { $0 + net.outer[$1] * max(pre[i, $1], 0) } }
    let gamma = margins.min() ?? .nan
    let c = 1 / gamma.squareRoot()
    let gram = product(x, .none, x, .transpose)
    // The pattern: 1 active, 0 inactive, −1 kink (σ_ij ∈ [0, 1] solved for, ⟨w_j, x_i⟩ = 0 imposed).
    var pattern = [Int](repeating: 0, count: n * m)
    var slope = [Double](repeating: 0.5, count: n * m)  // σ_ij at the kinks
    for j in 0..<m {
      let wNorm = c * norm(net.weights.row(j))
      for i in 0..<n {
        let p = c * pre[i, j]
        let kink = abs(p) <= kinkTolerance * wNorm * gram[i, i].squareRoot()
        pattern[i * m + j] = kink ? -1 : (p > 0 ? 1 : 0)
      }
    }
    var onMargin = (0..<n).filter { margins[$0] / gamma <= 1 + marginBand }
    var lambda = (0..<n).map { onMargin.contains($0) ? start[$0] : 0 }
    var v = net.outer.map { $0 * c }
    var kinks: [Int] = []  // i·m + j

    /// (pre-activations ⟨w_j, x_i⟩, n × m; the coefficients a_ji = s·v_j·z_i·s_ij of w_j = Σ_i a_ji x_i, m × n).
    func state(_ v: [Double], _ lambda: [Double], _ slope: [Double]) -> (pre: [Double], coefficients: [Double]) {
      var zs = [Double](repeating: 0, count: n * m)  // z_l s_lj
      for l in 0..<n {
        for j in 0..<m {
          let k = l * m + j
          zs[k] = pattern[k] == 1 ? lambda[l] * y[l] : pattern[k] == -1 ? lambda[l] * y[l] * slope[k] : 0
        }
      }
      var p = [Double](repeating: 0, count: n * m)
      for i in 0..<n {
        for l in 0..<n {
          let g = gram[i, l]
          for j in 0..<m { p[i * m + j] += g * zs[l * m + j] }
        }
      }
      var a = [Double](repeating: 0, count: m * n)
      for i in 0..<n {
        for j in 0..<m {
          p[i * m + j] *= v[j] * s
          a[j * n + i] = zs[i * m + j] * v[j] * s
        }
      }
      return (p, a)
    }
    /// Unknowns u = (v, λ on the margin set, σ at the kinks) → (v, λ, σ) in full.
    func unpack(_ u: [Double]) -> ([Double], [Double], [Double]) {
      var (l, sl) = ([Double](repeating: 0, count: n), slope)
      for (k, i) in onMargin.enumerated() { l[i] = u[m + k] }
      for (k, pair) in kinks.enumerated() { sl[pair] = u[m + onMargin.count + k] }
      return (Array(u[0..<m]), l, sl)
    }
    func equations(_ u: [Double]) -> [Double] {
      let (v, lambda, slope) = unpack(u)
      let p = state(v, lambda, slope).pre
      var f = [Double](repeating: 0, count: m + onMargin.count + kinks.count)
      for j in 0..<m {
        var t = 0.0
        for i in 0..<n where pattern[i * m + j] == 1 { t += lambda[i] * y[i] * p[i * m + j] }
        f[j] = v[j] - s * t
      }
      for (k, i) in onMargin.enumerated() {
        var t = 0.0
        for j in 0..<m where pattern[i * m + j] == 1 { t += v[j] * p[i * m + j] }
        f[m + k] = y[i] * s * t - 1
      }
      for (k, pair) in kinks.enumerated() {
        f[m + onMargin.count + k] = p[pair] / gram[pair / m, pair / m].squareRoot()
      }
      return f
    }

    // Solve at the pattern; move what the answer contradicts (an activation that changed sign becomes a kink, a
    // kink slope past 0 or 1 becomes inactive or active, λ < 0 leaves the margin set, a margin below 1 joins it)
    // and solve again, at most 10 rounds.
    let tol = 1e-8
    var total = 0
    var residual = Double.nan
    for _ in 0..<10 {
      kinks = pattern.indices.filter { pattern[$0] == -1 }
      let solved = LevenbergMarquardt.solve(
        equations, from: v + onMargin.map { lambda[$0] } + kinks.map { slope[$0] }, maxIterations: maxIterations)
      total += solved.iterations
      residual = solved.residual
      (v, lambda, slope) = unpack(solved.point)
      let p = state(v, lambda, slope).pre
      let scale = p.map(abs).max() ?? 1
      var changed = false
      for k in pattern.indices {
        switch pattern[k] {
        case 1 where p[k] <= 0, 0 where p[k] > tol * scale:
          slope[k] = Double(pattern[k])
          pattern[k] = -1
          changed = true
        case -1 where slope[k] > 1 + tol || slope[k] < -tol:
          pattern[k] = slope[k] > 1 ? 1 : 0
          changed = true
        default: break
        }
      }
      for i in 0..<n {
        let q = y[i] * s * (0..<m).reduce(0.0) { $0 + v[$1] * max(p[i * m + $1], 0) }
        if onMargin.contains(i) && lambda[i] < -tol {
          onMargin.removeAll { $0 == i }
          lambda[i] = 0
          changed = true
        } else if !onMargin.contains(i) && q < 1 - tol {
          onMargin.append(i)
          onMargin.sort()
          changed = true
        }
      }
      if !changed { break }
    }
    iterations = total
    equationResidual = residual

    let (p, a) = state(v, lambda, slope)
    var star = net
    star.outer = v
    star.weights = product(Matrix(rows: m, cols: n, storage: a), .none, x, .none)
    network = star
    multipliers = lambda
    var diff = 0.0
    for k in net.weights.storage.indices {
      let e = c * net.weights.storage[k] - star.weights.storage[k]
      diff += e * e
    }
    for j in 0..<m {
      let e = c * net.outer[j] - star.outer[j]
      diff += e * e
    }
    distance = (diff / (c * c * net.squaredParameterNorm)).squareRoot()
    kinkPairs = pattern.filter { $0 == -1 }.count

    // Consistency: the pattern kept, multipliers and kink slopes in range, the margins off M at least 1.
    let scale = p.map(abs).max() ?? 1
    var broken: [String] = []
    let negative = lambda.filter { $0 < -tol }.count
    if negative > 0 { broken.append("\(negative) λ < 0") }
    let slopes = pattern.indices.filter { pattern[$0] == -1 && (slope[$0] < -tol || slope[$0] > 1 + tol) }.count
    if slopes > 0 { broken.append("\(slopes) kink slopes outside [0, 1]") }
    var flipped = 0
    var below = 0
    for i in 0..<n {
      for j in 0..<m {
        switch pattern[i * m + j] {
        case 1: flipped += p[i * m + j] > 0 ? 0 : 1
        case 0: flipped += p[i * m + j] <= tol * scale ? 0 : 1
        default: break
        }
      }
      if !onMargin.contains(i) {
        let q = y[i] * s * (0..<m).reduce(0.0) { $0 + star.outer[$1] * max(p[i * m + $1], 0) }
        below += q >= 1 - tol ? 0 : 1
      }
    }
    if flipped > 0 { broken.append("\(flipped) activations flipped") }
    if below > 0 { broken.append("\(below) margins below 1") }
    if equationResidual > 1e-9 { broken.append("equations unsolved (max |F| = \(equationResidual))") }
    violations = broken
    consistent = broken.isEmpty
  }
}
