import Foundation

// The fused kernels of a small input dimension (d ≤ 8): the pre-activations u_r = w_r·z are computed inline,
// u_r = ((z_0·W_r0 + z_1·W_r1) + …) in the order of k, from Wᵀ (d × m, column r of it is w_r), instead of a
// k = d GEMM that writes the whole rows × m pre-activation matrix. Elements and accumulators as in
// `Activation+Kernels`: eight units per iteration, four accumulators folded by `fold`, the m mod 8 last
// units one by one; the input gradient as d dot products of the slopes with the rows of Wᵀ, in the same order.

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
  /// g_k = Σ_r s_r·Wᵀ[k, r] with s_r = (c·a_r)·σ'(u_r): the gradient in z of c·Σ a_r σ(w_r·z). `slopes` is
  /// scratch space for m slopes (its contents are unspecified afterwards).
  func fusedWeightedSum(
    _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>, dimension d: Int,
    count m: Int, scale c: Double, gradient g: UnsafeMutablePointer<Double>?,
    slopes scratch: UnsafeMutablePointer<Double>
  ) -> Double {
    switch d {
    case 1: return fusedWeightedSum(Dimension1.self, a, wt, z, m, c, g, scratch)
    case 2: return fusedWeightedSum(Dimension2.self, a, wt, z, m, c, g, scratch)
    case 3: return fusedWeightedSum(Dimension3.self, a, wt, z, m, c, g, scratch)
    case 4: return fusedWeightedSum(Dimension4.self, a, wt, z, m, c, g, scratch)
    case 5: return fusedWeightedSum(Dimension5.self, a, wt, z, m, c, g, scratch)
    case 6: return fusedWeightedSum(Dimension6.self, a, wt, z, m, c, g, scratch)
    case 7: return fusedWeightedSum(Dimension7.self, a, wt, z, m, c, g, scratch)
    case 8: return fusedWeightedSum(Dimension8.self, a, wt, z, m, c, g, scratch)
    default: preconditionFailure("fusedWeightedSum: d = \(d) is over \(fusedDimensionLimit)")
    }
  }

  @inline(__always)
  private func fusedWeightedSum<D: SmallDimension>(
    _ dimension: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
    _ m: Int, _ c: Double, _ g: UnsafeMutablePointer<Double>?, _ scratch: UnsafeMutablePointer<Double>
  ) -> Double {
    switch self {
    case .relu: return fusedSum(ReluLanes.self, D.self, a, wt, z, m, c, g, scratch)
    case .quadraticRelu: return fusedSum(QuadraticReluLanes.self, D.self, a, wt, z, m, c, g, scratch)
    case .tanh: return fusedSum(TanhLanes.self, D.self, a, wt, z, m, c, g, scratch)
    case .softplus: return fusedSum(SoftplusLanes.self, D.self, a, wt, z, m, c, g, scratch)
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

/// z_0…z_{d−1} in registers (the rest 0).
@inline(__always)
private func coordinates<D: SmallDimension>(_: D.Type, _ z: UnsafePointer<Double>) -> SIMD8<Double> {
  var v = SIMD8<Double>.zero
  for k in 0..<D.count { v[k] = z[k] }
  return v
}

/// u = Σ_k z_k·Wᵀ[k, r…r+1], in the order of k (`preScalar`: unit r alone).
@inline(__always)
private func preLanes<D: SmallDimension>(
  _: D.Type, _ wt: UnsafePointer<Double>, _ z: SIMD8<Double>, _ r: Int, _ m: Int
) -> SIMD2<Double> {
  var u = z[0] * load(wt + r)
  for k in 1..<D.count { u += z[k] * load(wt + k * m + r) }
  return u
}

@inline(__always)
private func preScalar<D: SmallDimension>(
  _: D.Type, _ wt: UnsafePointer<Double>, _ z: SIMD8<Double>, _ r: Int, _ m: Int
) -> Double {
  var u = z[0] * wt[r]
  for k in 1..<D.count { u += z[k] * wt[k * m + r] }
  return u
}

@inline(__always)
private func fusedSum<L: LaneActivation, D: SmallDimension>(
  _: L.Type, _: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
  _ m: Int, _ c: Double, _ g: UnsafeMutablePointer<Double>?, _ scratch: UnsafeMutablePointer<Double>
) -> Double {
  let z = coordinates(D.self, z)
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  var r = 0
  guard let g else {
    while r + 8 <= m {
      s0 += load(a + r) * L.value(preLanes(D.self, wt, z, r, m))
      s1 += load(a + r + 2) * L.value(preLanes(D.self, wt, z, r + 2, m))
      s2 += load(a + r + 4) * L.value(preLanes(D.self, wt, z, r + 4, m))
      s3 += load(a + r + 6) * L.value(preLanes(D.self, wt, z, r + 6, m))
      r += 8
    }
    var f = fold(s0, s1, s2, s3)
    while r < m {
      f += a[r] * L.value(preScalar(D.self, wt, z, r, m))
      r += 1
    }
    return L.sumFactor * f
  }
  if D.count == 2 { return fusedSum2(L.self, a, wt, z, m, c, g) }
  // The slopes s_r = (c·a_r)·σ'(u_r) into the scratch row, then g_k = Σ_r s_r·Wᵀ[k, r] as one dot product
  // per k in the kernels' order (accumulators in registers; the row stays in cache).
  while r + 8 <= m {
    @inline(__always) func lanes(_ j: Int) -> SIMD2<Double> {
      let a2 = load(a + j)
      let (f, d) = L.valueAndSlope(preLanes(D.self, wt, z, j, m))
      store(c * a2 * d, scratch + j)
      return a2 * f
    }
    s0 += lanes(r)
    s1 += lanes(r + 2)
    s2 += lanes(r + 4)
    s3 += lanes(r + 6)
    r += 8
  }
  var f = fold(s0, s1, s2, s3)
  while r < m {
    let (value, slope) = L.valueAndSlope(preScalar(D.self, wt, z, r, m))
    f += a[r] * value
    scratch[r] = c * a[r] * slope
    r += 1
  }
  for k in 0..<D.count { g[k] = dotProduct(scratch, wt + k * m, m) }
  return L.sumFactor * f
}

/// `fusedSum` with the gradient at d = 2, the dot products of its general path done in the same pass with
/// the same accumulators in the same order (so bit for bit the same numbers), in registers, without the
/// slopes row.
@inline(__always)
private func fusedSum2<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: SIMD8<Double>, _ m: Int, _ c: Double,
  _ g: UnsafeMutablePointer<Double>
) -> Double {
  let w1 = wt + m
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  var p0 = SIMD2<Double>.zero
  var p1 = SIMD2<Double>.zero
  var p2 = SIMD2<Double>.zero
  var p3 = SIMD2<Double>.zero
  var q0 = SIMD2<Double>.zero
  var q1 = SIMD2<Double>.zero
  var q2 = SIMD2<Double>.zero
  var q3 = SIMD2<Double>.zero
  @inline(__always) func lanes(_ j: Int, _ s: inout SIMD2<Double>, _ p: inout SIMD2<Double>, _ q: inout SIMD2<Double>) {
    let a2 = load(a + j)
    let x0 = load(wt + j)
    let x1 = load(w1 + j)
    let (f, d) = L.valueAndSlope(z[0] * x0 + z[1] * x1)
    let slope = c * a2 * d
    s += a2 * f
    p += slope * x0
    q += slope * x1
  }
  var r = 0
  while r + 8 <= m {
    lanes(r, &s0, &p0, &q0)
    lanes(r + 2, &s1, &p1, &q1)
    lanes(r + 4, &s2, &p2, &q2)
    lanes(r + 6, &s3, &p3, &q3)
    r += 8
  }
  var f = fold(s0, s1, s2, s3)
  var g0 = fold(p0, p1, p2, p3)
  var g1 = fold(q0, q1, q2, q3)
  while r < m {
    let (value, slope) = L.valueAndSlope(z[0] * wt[r] + z[1] * w1[r])
    f += a[r] * value
    let s = c * a[r] * slope
    g0 += s * wt[r]
    g1 += s * w1[r]
    r += 1
  }
  g[0] = g0
  g[1] = g1
  return L.sumFactor * f
}

/// Σ_r x_r·y_r in the kernels' order.
@inline(__always)
private func dotProduct(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ m: Int) -> Double {
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  var r = 0
  while r + 8 <= m {
    s0 += load(x + r) * load(y + r)
    s1 += load(x + r + 2) * load(y + r + 2)
    s2 += load(x + r + 4) * load(y + r + 4)
    s3 += load(x + r + 6) * load(y + r + 6)
    r += 8
  }
  var f = fold(s0, s1, s2, s3)
  while r < m {
    f += x[r] * y[r]
    r += 1
  }
  return f
}

@inline(__always)
private func fusedGradient<L: LaneActivation, D: SmallDimension>(
  _: L.Type, _: D.Type, _ a: UnsafePointer<Double>, _ wt: UnsafePointer<Double>, _ z: UnsafePointer<Double>,
  _ n: Int, _ c: UnsafePointer<Double>, _ t: UnsafePointer<Double>, _ m: Int, _ g: UnsafeMutablePointer<Double>
) {
  let d = D.count
  withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: fusedDimensionLimit) { gacc in
    var r = 0
    while r + 2 <= m {
      for k in 0..<d { gacc[k] = .zero }
      let a2 = load(a + r)
      for i in 0..<n {
        let zi = z + i * d
        let s = c[i] * a2 * L.slope(preLanes(D.self, wt, coordinates(D.self, zi), r, m)) * t[i]
        for k in 0..<d { gacc[k] += s * zi[k] }
      }
      for k in 0..<d {
        g[r * d + k] = gacc[k][0]
        g[(r + 1) * d + k] = gacc[k][1]
      }
      r += 2
    }
    while r < m {
      for k in 0..<d { g[r * d + k] = 0 }
      for i in 0..<n {
        let zi = z + i * d
        let s = c[i] * a[r] * L.slope(preScalar(D.self, wt, coordinates(D.self, zi), r, m)) * t[i]
        for k in 0..<d { g[r * d + k] += s * zi[k] }
      }
      r += 1
    }
  }
}
