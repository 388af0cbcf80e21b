import Foundation

// Hot loops of the margin attacks and the training passes, vectorised in a fixed order that does not depend
// on the CPU: σ is chosen once per call (one switch onto a `LaneActivation`), elements go eight at a time as
// two SIMD4<Double> lanes into two accumulators (elements r ≡ 0…3 and 4…7 mod 8), which are folded at the end
// as laneSum(acc0 + acc1) = ((t0 + t1) + (t2 + t3)), and the m mod 8 last elements are added one by one.
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
  /// for bit `value` and `derivative` (the piecewise-polynomial ones as masks, the others lane by lane).
  func valuesAndDerivatives(
    _ u: UnsafePointer<Double>, bias b: UnsafePointer<Double>?, values h: UnsafeMutablePointer<Double>,
    derivatives s: UnsafeMutablePointer<Double>, count m: Int
  ) {
    var r = 0
    switch self {
    case .relu, .quadraticRelu:
      let quadratic = self == .quadraticRelu
      while r + 4 <= m {
        let z = load(u + r) + (b.map { load($0 + r) } ?? .zero)
        let positive = z .> 0
        let value = quadratic ? 0.5 * z * z : z
        store(SIMD4<Double>.zero.replacing(with: value, where: positive), h + r)
        store(SIMD4<Double>.zero.replacing(with: quadratic ? z : SIMD4(repeating: 1), where: positive), s + r)
        r += 4
      }
    case .tanh, .softplus:
      break
    }
    while r < m {
      let z = u[r] + (b?[r] ?? 0)
      (h[r], s[r]) = valueAndDerivative(z)
      r += 1
    }
  }
}

@inline(__always) @usableFromInline func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always) @usableFromInline func store(_ x: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD4<Double>.self)
}

/// Σ a_r·σ(u_r + v_r) in the kernels' order.
@inline(__always)
private func laneWeightedSum<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?, _ m: Int
) -> Double {
  var acc0 = SIMD4<Double>.zero
  var acc1 = SIMD4<Double>.zero
  var r = 0
  if let v {
    while r + 8 <= m {
      acc0 += load(a + r) * L.value(load(u + r) + load(v + r))
      acc1 += load(a + r + 4) * L.value(load(u + r + 4) + load(v + r + 4))
      r += 8
    }
  } else {
    while r + 8 <= m {
      acc0 += load(a + r) * L.value(load(u + r))
      acc1 += load(a + r + 4) * L.value(load(u + r + 4))
      r += 8
    }
  }
  var f = laneSum(acc0 + acc1)
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
  var acc0 = SIMD4<Double>.zero
  var acc1 = SIMD4<Double>.zero
  var r = 0
  while r + 8 <= m {
    var u0 = load(u + r)
    var u1 = load(u + r + 4)
    if let v {
      u0 += load(v + r)
      u1 += load(v + r + 4)
    }
    let a0 = load(a + r)
    let a1 = load(a + r + 4)
    let (f0, d0) = L.valueAndSlope(u0)
    let (f1, d1) = L.valueAndSlope(u1)
    acc0 += a0 * f0
    acc1 += a1 * f1
    store(c * a0 * d0, s + r)
    store(c * a1 * d1, s + r + 4)
    r += 8
  }
  var f = laneSum(acc0 + acc1)
  while r < m {
    let (value, slope) = L.valueAndSlope(v.map { u[r] + $0[r] } ?? u[r])
    f += a[r] * value
    s[r] = c * a[r] * slope
    r += 1
  }
  return L.sumFactor * f
}
