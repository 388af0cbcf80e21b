import Foundation

// The fused kernels at any input dimension, for small shapes (`isSmallShape`): the same numbers as the d ≤ 8
// kernels of `Activation+FusedKernels` (bit for bit: the same products and sums in the same order), with d a
// run-time count instead of a type. The pre-activations u_r = ((z_0·Wᵀ[0, r] + z_1·Wᵀ[1, r]) + …) of one row
// go into a scratch row of m (vectorised over r, each element summed in the order of k), the weighted sum and
// the slopes are `weightedSum`'s, the input gradient d dot products of the slopes with the rows of Wᵀ. At n·m·d
// in the thousands this replaces two k = d GEMMs per evaluation, whose call overhead is the cost there.

/// Whether a d > `fusedDimensionLimit` network of width m takes the fused path at run-time d: d ≤ 32 and
/// m·d ≤ 2048 (gao2019-capacity's d = 10, 20 at widths ≤ 64; the d = 100 benchmarks stay on the GEMMs).
@inline(__always) public func isSmallShape(inputs d: Int, width m: Int) -> Bool { d <= 32 && m * d <= 2048 }

extension Activation {
  /// `fusedWeightedSum` at any d: Σ_{r<m} a_r·σ(u_r), u_r = Σ_k z_k·Wᵀ[k, r]; with `gradient`,
  /// g_k = Σ_r s_r·Wᵀ[k, r], s_r = (c·a_r)·σ'(u_r). `scratch` holds m numbers (unspecified afterwards).
  func smallWeightedSum(
    _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, dimension d: Int,
    count m: Int, scale c: Double, gradient g: UnsafeMutablePointer<Double>?,
    slopes scratch: UnsafeMutablePointer<Double>
  ) -> Double {
    smallPre(wt, z, d, m, scratch)
    guard let g else { return weightedSum(a, scratch, nil, count: m) }
    // In place: each element's slope is stored after its pre-activation is read.
    let f = weightedSum(a, scratch, slopes: scratch, scale: c, count: m)
    for k in 0..<d { g[k] = kernelDotProduct(scratch, wt + k * m, m) }
    return f
  }

  /// `fusedWeightGradient` at any d: G[r, k] = Σ_{i<n} t_i·((c_i·a_r)·σ'(u_ir))·z_ik in the order of i, G m × d
  /// row-major, overwritten. `scratch` holds m numbers.
  func smallWeightGradient(
    _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, rows n: Int,
    scales c: UnsafePointer<Double>, weights t: UnsafePointer<Double>, dimension d: Int, count m: Int,
    scratch: UnsafeMutablePointer<Double>, into gradient: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .relu: smallGradient(ReluLanes.self, a, wt, z, n, c, t, d, m, scratch, gradient)
    case .quadraticRelu: smallGradient(QuadraticReluLanes.self, a, wt, z, n, c, t, d, m, scratch, gradient)
    case .tanh: smallGradient(TanhLanes.self, a, wt, z, n, c, t, d, m, scratch, gradient)
    case .softplus: smallGradient(SoftplusLanes.self, a, wt, z, n, c, t, d, m, scratch, gradient)
    }
  }
}

/// u_r = Σ_k z_k·Wᵀ[k, r] for r < m, each in the order of k (as `preLanes`/`preScalar`).
@inline(__always)
private func smallPre(
  _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, _ d: Int, _ m: Int, _ u: UnsafeMutablePointer<Double>
) {
  let z0 = z[0]
  for r in 0..<m { u[r] = z0 * wt[r] }
  for k in 1..<max(d, 1) {
    let zk = z[k]
    let row = wt + k * m
    for r in 0..<m { u[r] += zk * row[r] }
  }
}

@inline(__always)
private func smallGradient<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, _ n: Int,
  _ c: UnsafePointer<Double>, _ t: UnsafePointer<Double>, _ d: Int, _ m: Int,
  _ s: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>
) {
  for k in 0..<(m * d) { g[k] = 0 }
  for i in 0..<n {
    let zi = z + i * d
    smallPre(wt, zi, d, m, s)
    // The slopes as `fusedGradient` forms them: pairs of units as lanes, the last odd unit alone.
    var r = 0
    while r + 2 <= m {
      store(c[i] * load(a + r) * L.slope(load(s + r)) * t[i], s + r)
      r += 2
    }
    if r < m { s[r] = c[i] * a[r] * L.slope(s[r]) * t[i] }
    for r in 0..<m {
      let sr = s[r]
      let gr = g + r * d
      for k in 0..<d { gr[k] += sr * zi[k] }
    }
  }
}
