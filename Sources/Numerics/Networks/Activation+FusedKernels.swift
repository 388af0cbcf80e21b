import Foundation

// The fused kernels of a small input dimension (d ≤ 8): the pre-activations u_r = w_r·z are computed inline,
// u_r = ((z_0·W_r0 + z_1·W_r1) + …) in the order of k, from Wᵀ (d × m, column r of it is w_r), instead of a
// k = d GEMM that writes the whole rows × m pre-activation matrix. Elements and accumulators as in
// `Activation+Kernels`: eight units per iteration, two value accumulators folded by `laneSum`, one gradient
// accumulator per input coordinate, the m mod 8 last units one by one.

/// The input dimension as a type, so the fused loops over k unroll and their accumulators stay in registers.
@usableFromInline protocol SmallDimension { static var count: Int { get } }
@usableFromInline enum Dimension1: SmallDimension { @usableFromInline static var count: Int { 1 } }
@usableFromInline enum Dimension2: SmallDimension { @usableFromInline static var count: Int { 2 } }
@usableFromInline enum Dimension3: SmallDimension { @usableFromInline static var count: Int { 3 } }
@usableFromInline enum Dimension4: SmallDimension { @usableFromInline static var count: Int { 4 } }
@usableFromInline enum Dimension5: SmallDimension { @usableFromInline static var count: Int { 5 } }
@usableFromInline enum Dimension6: SmallDimension { @usableFromInline static var count: Int { 6 } }
@usableFromInline enum Dimension7: SmallDimension { @usableFromInline static var count: Int { 7 } }
@usableFromInline enum Dimension8: SmallDimension { @usableFromInline static var count: Int { 8 } }

/// The largest input dimension the fused kernels take.
public let fusedDimensionLimit = 8

extension Activation {
  /// Σ_{r<m} a_r·σ(u_r), u_r = Σ_k z_k·Wᵀ[k, r] (`wt` is Wᵀ, d × m row-major, d ≤ 8); with `gradient`,
  /// g_k = Σ_r s_r·Wᵀ[k, r] with s_r = (c·a_r)·σ'(u_r): the gradient in z of c·Σ a_r σ(w_r·z).
  func fusedWeightedSum(
    _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, dimension d: Int,
    count m: Int, scale c: Double, gradient g: UnsafeMutablePointer<Double>?
  ) -> Double {
    switch d {
    case 1: return fusedWeightedSum(Dimension1.self, a, wt, z, m, c, g)
    case 2: return fusedWeightedSum(Dimension2.self, a, wt, z, m, c, g)
    case 3: return fusedWeightedSum(Dimension3.self, a, wt, z, m, c, g)
    case 4: return fusedWeightedSum(Dimension4.self, a, wt, z, m, c, g)
    case 5: return fusedWeightedSum(Dimension5.self, a, wt, z, m, c, g)
    case 6: return fusedWeightedSum(Dimension6.self, a, wt, z, m, c, g)
    case 7: return fusedWeightedSum(Dimension7.self, a, wt, z, m, c, g)
    case 8: return fusedWeightedSum(Dimension8.self, a, wt, z, m, c, g)
    default: preconditionFailure("fusedWeightedSum: d = \(d) is over \(fusedDimensionLimit)")
    }
  }

  @inline(__always)
  private func fusedWeightedSum<D: SmallDimension>(
    _ dimension: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
    _ m: Int, _ c: Double, _ g: UnsafeMutablePointer<Double>?
  ) -> Double {
    switch self {
    case .relu: return fusedSum(ReluLanes.self, D.self, a, wt, z, m, c, g)
    case .quadraticRelu: return fusedSum(QuadraticReluLanes.self, D.self, a, wt, z, m, c, g)
    case .tanh: return fusedSum(TanhLanes.self, D.self, a, wt, z, m, c, g)
    case .softplus: return fusedSum(SoftplusLanes.self, D.self, a, wt, z, m, c, g)
    }
  }

  /// G[r, k] = Σ_{i<n} t_i·((c_i·a_r)·σ'(u_ir))·z_ik, the sum in the order of i, with u_ir = Σ_k z_ik·Wᵀ[k, r]:
  /// the weight gradient Sᵀ·Z of the rows z_i (n × d row-major) weighted by t_i, where S_ir = (c_i·a_r)·σ'(u_ir)
  /// are the slopes of `fusedWeightedSum`. G is m × d row-major, overwritten.
  func fusedWeightGradient(
    _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, rows n: Int,
    scales c: UnsafePointer<Double>, weights t: UnsafePointer<Double>, dimension d: Int, count m: Int,
    into gradient: UnsafeMutablePointer<Double>
  ) {
    switch d {
    case 1: fusedWeightGradient(Dimension1.self, a, wt, z, n, c, t, m, gradient)
    case 2: fusedWeightGradient(Dimension2.self, a, wt, z, n, c, t, m, gradient)
    case 3: fusedWeightGradient(Dimension3.self, a, wt, z, n, c, t, m, gradient)
    case 4: fusedWeightGradient(Dimension4.self, a, wt, z, n, c, t, m, gradient)
    case 5: fusedWeightGradient(Dimension5.self, a, wt, z, n, c, t, m, gradient)
    case 6: fusedWeightGradient(Dimension6.self, a, wt, z, n, c, t, m, gradient)
    case 7: fusedWeightGradient(Dimension7.self, a, wt, z, n, c, t, m, gradient)
    case 8: fusedWeightGradient(Dimension8.self, a, wt, z, n, c, t, m, gradient)
    default: preconditionFailure("fusedWeightGradient: d = \(d) is over \(fusedDimensionLimit)")
    }
  }

  @inline(__always)
  private func fusedWeightGradient<D: SmallDimension>(
    _ dimension: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
    _ n: Int, _ c: UnsafePointer<Double>, _ t: UnsafePointer<Double>, _ m: Int, _ g: UnsafeMutablePointer<Double>
  ) {
    switch self {
    case .relu: fusedGradient(ReluLanes.self, D.self, a, wt, z, n, c, t, m, g)
    case .quadraticRelu: fusedGradient(QuadraticReluLanes.self, D.self, a, wt, z, n, c, t, m, g)
    case .tanh: fusedGradient(TanhLanes.self, D.self, a, wt, z, n, c, t, m, g)
    case .softplus: fusedGradient(SoftplusLanes.self, D.self, a, wt, z, n, c, t, m, g)
    }
  }
}

/// u = Σ_k z_k·Wᵀ[k, r…r+3], in the order of k (`preScalar`: unit r alone).
@inline(__always)
private func preLanes<D: SmallDimension>(
  _: D.Type, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, _ r: Int, _ m: Int
) -> SIMD4<Double> {
  var u = z[0] * load(wt + r)
  for k in 1..<D.count { u += z[k] * load(wt + k * m + r) }
  return u
}

@inline(__always)
private func preScalar<D: SmallDimension>(
  _: D.Type, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, _ r: Int, _ m: Int
) -> Double {
  var u = z[0] * wt[r]
  for k in 1..<D.count { u += z[k] * wt[k * m + r] }
  return u
}

@inline(__always)
private func fusedSum<L: LaneActivation, D: SmallDimension>(
  _: L.Type, _: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
  _ m: Int, _ c: Double, _ g: UnsafeMutablePointer<Double>?
) -> Double {
  var acc0 = SIMD4<Double>.zero
  var acc1 = SIMD4<Double>.zero
  var r = 0
  guard let g else {
    while r + 8 <= m {
      acc0 += load(a + r) * L.value(preLanes(D.self, wt, z, r, m))
      acc1 += load(a + r + 4) * L.value(preLanes(D.self, wt, z, r + 4, m))
      r += 8
    }
    var f = laneSum(acc0 + acc1)
    while r < m {
      f += a[r] * L.value(preScalar(D.self, wt, z, r, m))
      r += 1
    }
    return L.sumFactor * f
  }
  return withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 8) { gacc in
    for k in 0..<D.count { gacc[k] = .zero }
    while r + 8 <= m {
      let a0 = load(a + r)
      let a1 = load(a + r + 4)
      let (f0, d0) = L.valueAndSlope(preLanes(D.self, wt, z, r, m))
      let (f1, d1) = L.valueAndSlope(preLanes(D.self, wt, z, r + 4, m))
      acc0 += a0 * f0
      acc1 += a1 * f1
      let s0 = c * a0 * d0
      let s1 = c * a1 * d1
      for k in 0..<D.count {
        gacc[k] += s0 * load(wt + k * m + r)
        gacc[k] += s1 * load(wt + k * m + r + 4)
      }
      r += 8
    }
    var f = laneSum(acc0 + acc1)
    for k in 0..<D.count { g[k] = laneSum(gacc[k]) }
    while r < m {
      let (value, slope) = L.valueAndSlope(preScalar(D.self, wt, z, r, m))
      f += a[r] * value
      let s = c * a[r] * slope
      for k in 0..<D.count { g[k] += s * wt[k * m + r] }
      r += 1
    }
    return L.sumFactor * f
  }
}

@inline(__always)
private func fusedGradient<L: LaneActivation, D: SmallDimension>(
  _: L.Type, _: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
  _ n: Int, _ c: UnsafePointer<Double>, _ t: UnsafePointer<Double>, _ m: Int, _ g: UnsafeMutablePointer<Double>
) {
  let d = D.count
  withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 8) { gacc in
    var r = 0
    while r + 4 <= m {
      for k in 0..<d { gacc[k] = .zero }
      let a0 = load(a + r)
      for i in 0..<n {
        let zi = z + i * d
        let s = c[i] * a0 * L.slope(preLanes(D.self, wt, zi, r, m)) * t[i]
        for k in 0..<d { gacc[k] += s * zi[k] }
      }
      for k in 0..<d {
        for l in 0..<4 { g[(r + l) * d + k] = gacc[k][l] }
      }
      r += 4
    }
    while r < m {
      for k in 0..<d { g[r * d + k] = 0 }
      for i in 0..<n {
        let zi = z + i * d
        let s = c[i] * a[r] * L.slope(preScalar(D.self, wt, zi, r, m)) * t[i]
        for k in 0..<d { g[r * d + k] += s * zi[k] }
      }
      r += 1
    }
  }
}
