import Foundation

// Hot loops of the margin attacks and the training passes, vectorised in a fixed order that does not depend
// on the CPU: σ is chosen once per call (one switch onto a `LaneActivation`), elements go eight at a time as
// four SIMD2<Double> lanes into four accumulators (elements r ≡ 0,1 | 2,3 | 4,5 | 6,7 mod 8), folded at the
// end by `fold` ((s0 + s1) + (s2 + s3), then its two lanes), and the m mod 8 last elements are added one by
// one in order. No fused multiply-add (Swift does not contract a·b + c), so every CPU rounds alike.
extension Activation {
  /// Σ_{r<m} a_r·σ(u_r + v_r) (v nil: Σ a_r·σ(u_r)).
  @inline(__always)
  func weightedSum(_ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?, count m: Int)
    -> Double
  {
    switch self {
    case .relu: return laneWeightedSum(ReluLanes.self, a, u, v, m)
    case .quadraticRelu: return laneWeightedSum(QuadraticReluLanes.self, a, u, v, m)
    case .tanh: return laneWeightedSum(TanhLanes.self, a, u, v, m)
    case .softplus: return laneWeightedSum(SoftplusLanes.self, a, u, v, m)
    }
  }

  /// Σ_{r<m} a_r·σ(u_r + v_r), and s_r = c·a_r·σ'(u_r + v_r) (v nil: u_r alone).
  @inline(__always)
  func weightedSum(
    _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>? = nil,
    slopes s: UnsafeMutablePointer<Double>, scale c: Double, count m: Int
  ) -> Double {
    switch self {
    case .relu: return laneWeightedSum(ReluLanes.self, a, u, v, s, c, m)
    case .quadraticRelu: return laneWeightedSum(QuadraticReluLanes.self, a, u, v, s, c, m)
    case .tanh: return laneWeightedSum(TanhLanes.self, a, u, v, s, c, m)
    case .softplus: return laneWeightedSum(SoftplusLanes.self, a, u, v, s, c, m)
    }
  }

  /// h_r = σ(z_r) and s_r = σ'(z_r) with z_r = u_r + b_r (b nil: u_r + 0), r < m: elementwise, no sums, bit
  /// for bit `value` and `derivative`; σ chosen once, the loops branch-free selects for ReLU and the
  /// quadratic ReLU (which the compiler vectorises), `valueAndDerivative` for the others.
  func valuesAndDerivatives(
    _ u: UnsafePointer<Double>, bias b: UnsafePointer<Double>?, values h: UnsafeMutablePointer<Double>,
    derivatives s: UnsafeMutablePointer<Double>, count m: Int
  ) {
    switch (self, b) {
    case (.relu, nil):
      for r in 0..<m {
        let z = u[r] + 0
        h[r] = z > 0 ? z : 0
        s[r] = z > 0 ? 1 : 0
      }
    case (.relu, let b?):
      for r in 0..<m {
        let z = u[r] + b[r]
        h[r] = z > 0 ? z : 0
        s[r] = z > 0 ? 1 : 0
      }
    case (.quadraticRelu, _):
      for r in 0..<m {
        let z = u[r] + (b?[r] ?? 0)
        h[r] = z > 0 ? 0.5 * z * z : 0
        s[r] = z > 0 ? z : 0
      }
    case (.tanh, _), (.softplus, _):
      for r in 0..<m { (h[r], s[r]) = valueAndDerivative(u[r] + (b?[r] ?? 0)) }
    }
  }
}

@inline(__always) @usableFromInline func load(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
}

@inline(__always) @usableFromInline func store(_ x: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD2<Double>.self)
}

/// Σ a_r·σ(u_r + v_r) in the kernels' order.
@inline(__always)
private func laneWeightedSum<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?, _ m: Int
) -> Double {
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  var r = 0
  if let v {
    while r + 8 <= m {
      s0 += load(a + r) * L.value(load(u + r) + load(v + r))
      s1 += load(a + r + 2) * L.value(load(u + r + 2) + load(v + r + 2))
      s2 += load(a + r + 4) * L.value(load(u + r + 4) + load(v + r + 4))
      s3 += load(a + r + 6) * L.value(load(u + r + 6) + load(v + r + 6))
      r += 8
    }
  } else {
    while r + 8 <= m {
      s0 += load(a + r) * L.value(load(u + r))
      s1 += load(a + r + 2) * L.value(load(u + r + 2))
      s2 += load(a + r + 4) * L.value(load(u + r + 4))
      s3 += load(a + r + 6) * L.value(load(u + r + 6))
      r += 8
    }
  }
  var f = fold(s0, s1, s2, s3)
  if let v {
    while r < m {
      f += a[r] * L.value(u[r] + v[r])
      r += 1
    }
  } else {
    while r < m {
      f += a[r] * L.value(u[r])
      r += 1
    }
  }
  return L.sumFactor * f
}

/// Σ a_r·σ(u_r + v_r) in the kernels' order, and s_r = (c·a_r)·σ'(u_r + v_r).
@inline(__always)
private func laneWeightedSum<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?,
  _ s: UnsafeMutablePointer<Double>, _ c: Double, _ m: Int
) -> Double {
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  /// Elements r + j…r + j + 1: their value·a into the returned lanes, their slopes stored.
  @inline(__always) func lanes(_ j: Int) -> SIMD2<Double> {
    let x = v.map { load(u + j) + load($0 + j) } ?? load(u + j)
    let a2 = load(a + j)
    let (f, d) = L.valueAndSlope(x)
    store(c * a2 * d, s + j)
    return a2 * f
  }
  var r = 0
  while r + 8 <= m {
    s0 += lanes(r)
    s1 += lanes(r + 2)
    s2 += lanes(r + 4)
    s3 += lanes(r + 6)
    r += 8
  }
  var f = fold(s0, s1, s2, s3)
  while r < m {
    let (value, slope) = L.valueAndSlope(v.map { u[r] + $0[r] } ?? u[r])
    f += a[r] * value
    s[r] = c * a[r] * slope
    r += 1
  }
  return L.sumFactor * f
}

extension Activation {
  /// Σ_r a_r·σ(u_r), with s_r = c·a_r·σ'(u_r) written into `slopes`: the attacks' and the adversarial
  /// step's pass over (point, unit) pairs, on arrays, for `make bench`'s elementwise limit (the rate of
  /// this pass over data in cache is the ceiling of every elementwise-bound loop).
  public func weightedSum(_ a: [Double], _ u: [Double], slopes: inout [Double], scale c: Double) -> Double {
    precondition(a.count == u.count && slopes.count == u.count, "weightedSum: a, u and slopes differ in length")
    return a.withUnsafeBufferPointer { pa in
      u.withUnsafeBufferPointer { pu in
        slopes.withUnsafeMutableBufferPointer { ps in
          weightedSum(pa.baseAddress!, pu.baseAddress!, slopes: ps.baseAddress!, scale: c, count: u.count)
        }
      }
    }
  }
}
