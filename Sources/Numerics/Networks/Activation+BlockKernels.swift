import Foundation

// The weighted sum with slopes of `Activation+Kernels`, fed in blocks of units: the four lane accumulators are
// carried from block to block (`LaneSums`), so a row cut into blocks of a multiple of eight units gives the
// same sum, bit for bit, as the whole row in one call (the same groups of eight in the same accumulators, one
// `fold`, then the m mod 8 last units one by one). `MarginBatch` uses it to run the σ pass on each block of
// pre-activations while the block is still in cache.

/// The four SIMD2 accumulators of a weighted sum in progress (elements r ≡ 0,1 | 2,3 | 4,5 | 6,7 mod 8).
@usableFromInline struct LaneSums: Sendable {
  var s0 = SIMD2<Double>.zero
  var s1 = SIMD2<Double>.zero
  var s2 = SIMD2<Double>.zero
  var s3 = SIMD2<Double>.zero
  static let zero = LaneSums()
}

extension Activation {
  /// Adds the block u_0…u_{m−1} (units r0…r0 + m − 1 of a row; a, u and s point at unit r0) to `sums`, writing
  /// s_r = (c·a_r)·σ'(u_r). Unless `finish`, m must be a multiple of 8 and the result is 0; with `finish` (the
  /// row's last block) the sum is folded, the m mod 8 last units added and Σ a_r·σ(u_r) of the whole row returned.
  @inline(__always)
  func blockWeightedSum(
    _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, slopes s: UnsafeMutablePointer<Double>, scale c: Double,
    count m: Int, sums: inout LaneSums, finish: Bool
  ) -> Double {
    precondition(finish || m % 8 == 0, "blockWeightedSum: a block before the last must hold a multiple of 8 units")
    switch self {
    case .relu: return laneBlock(ReluLanes.self, a, u, s, c, m, &sums, finish)
    case .quadraticRelu: return laneBlock(QuadraticReluLanes.self, a, u, s, c, m, &sums, finish)
    case .tanh: return laneBlock(TanhLanes.self, a, u, s, c, m, &sums, finish)
    case .softplus: return laneBlock(SoftplusLanes.self, a, u, s, c, m, &sums, finish)
    }
  }
}

@inline(__always)
private func laneBlock<L: LaneActivation>(
  _: L.Type, _ a: UnsafePointer<Double>, _ u: UnsafePointer<Double>, _ s: UnsafeMutablePointer<Double>, _ c: Double,
  _ m: Int, _ sums: inout LaneSums, _ finish: Bool
) -> Double {
  var (s0, s1, s2, s3) = (sums.s0, sums.s1, sums.s2, sums.s3)
  /// Elements j…j + 1: their value·a into the returned lanes, their slopes stored (as `Activation+Kernels`).
  @inline(__always) func lanes(_ j: Int) -> SIMD2<Double> {
    let a2 = load(a + j)
    let (f, d) = L.valueAndSlope(load(u + j))
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
  sums = LaneSums(s0: s0, s1: s1, s2: s2, s3: s3)
  guard finish else { return 0 }
  var f = fold(s0, s1, s2, s3)
  while r < m {
    let (value, slope) = L.valueAndSlope(u[r])
    f += a[r] * value
    s[r] = c * a[r] * slope
    r += 1
  }
  return L.sumFactor * f
}
