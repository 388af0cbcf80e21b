import Foundation
import Testing

@testable import Numerics

/// `PortableMath.tanhPair` (two lanes, each lane's branch of the scalar code run on both at once) against the scalar
/// `PortableMath.tanh`, bit for bit; and the kernels that use it (`TanhLanes`, deng2020's row pass) against the
/// scalar loops they replace.
@Suite struct PortableTanhPairTests {
  /// Every input of `PortableTanhTests.inputs()` (≥ 10⁶: uniform on ±25, log-spaced magnitudes, 2000 values around
  /// each branch point) and around log(3)/2 (the split), ln 2/4 and 3·ln 2/4 (k = 0/−1/−2 of expm1), 2⁻²⁸ and 22;
  /// the specials (±0, ±∞, NaNs with payloads and signs, subnormals, the largest double) and random bit patterns.
  static func inputs() -> [Double] {
    var xs = PortableTanhTests.inputs()
    xs += [
      .nan, -.nan, Double(nan: 123, signaling: false), -Double(nan: 77, signaling: false),
      Double(nan: 5, signaling: true), .leastNonzeroMagnitude, -.leastNonzeroMagnitude, -.greatestFiniteMagnitude,
    ]
    for centre in [0.54930614433405489, log(2.0) / 4, 3 * log(2.0) / 4, 0x1p-28, 22] {
      var (down, up) = (centre, centre)
      for _ in 0..<2000 {
        xs += [down, -down, up, -up]
        (down, up) = (down.nextDown, up.nextUp)
      }
    }
    var bits: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<100_000 {
      bits = bits &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      xs.append(Double(bitPattern: bits))
    }
    return xs
  }

  /// Pairs of neighbours (mixed branches, mostly) and pairs of an input with a value close to it (the same branch,
  /// mostly: the shared-branch paths), both orders.
  @Test func pairIsBitIdenticalToScalar() {
    let xs = Self.inputs()
    var mismatches = 0
    var checked = 0
    func check(_ a: Double, _ b: Double) {
      let t = PortableMath.tanhPair(SIMD2(a, b))
      if t[0].bitPattern != PortableMath.tanh(a).bitPattern { mismatches += 1 }
      if t[1].bitPattern != PortableMath.tanh(b).bitPattern { mismatches += 1 }
      checked += 2
    }
    for i in 0..<(xs.count - 1) {
      check(xs[i], xs[i + 1])
      let near = xs[i] * 0.999 + 1e-9
      check(near, xs[i])
    }
    #expect(checked >= 4_000_000)
    #expect(mismatches == 0)
  }

  /// The branch boundaries of the pair, lane by lane, in every combination with a value of each branch.
  @Test func everyBranchCombination() {
    let values: [Double] = [
      0, -0.0, 1e-10, 0.1, -0.17, 0.18, 0.4, -0.52, 0.53, 0.5493061443340548, 0.54930614433405489, 0.6, -3, 21.9,
      22, -30, .infinity, -.infinity, .nan,
    ]
    for a in values {
      for b in values {
        let t = PortableMath.tanhPair(SIMD2(a, b))
        #expect(t[0].bitPattern == PortableMath.tanh(a).bitPattern, "tanhPair(\(a), \(b))")
        #expect(t[1].bitPattern == PortableMath.tanh(b).bitPattern, "tanhPair(\(a), \(b))")
      }
    }
  }

  @Test func tanhLanesUseIt() {
    for (a, b) in [(0.01, -0.02), (0.3, 0.05), (1.5, -4), (0.2, 30)] {
      let (v, s) = TanhLanes.valueAndSlope(SIMD2(a, b))
      let (t0, t1) = (PortableMath.tanh(a), PortableMath.tanh(b))
      #expect(v == SIMD2(t0, t1))
      #expect(s == SIMD2(1 - t0 * t0, 1 - t1 * t1))
      #expect(TanhLanes.value(SIMD2(a, b)) == v)
      #expect(TanhLanes.slope(SIMD2(a, b)) == s)
    }
  }

  /// deng2020's row pass (two units at a time through the lanes) against the scalar loop it replaced: per row
  /// f = Σ_r v_r·σ(p_r) in unit order, ρ = scale·f − y, ½ρ² summed; D_r = (scale·v_r·σ'(p_r))·ρ. Odd and even m.
  @Test func rowPassEqualsTheScalarLoop() {
    var rng = RandomSource(seed: 23)
    for sigma in [Activation.tanh, .softplus] {
      for m in [1, 2, 7, 20] {
        let n = 5
        let p = rng.normals(n * m, sd: 0.8)
        let v = rng.normals(m)
        let y = rng.normals(n)
        let scale = 0.3
        var reference = [Double](repeating: 0, count: n * m)
        var expected = 0.0
        for i in 0..<n {
          var f = 0.0
          for r in 0..<m {
            let (s, ds) = sigma.valueAndDerivative(p[i * m + r])
            f += v[r] * s
            reference[i * m + r] = scale * v[r] * ds
          }
          let residual = scale * f - y[i]
          expected += 0.5 * residual * residual
          for r in 0..<m { reference[i * m + r] *= residual }
        }
        var c = [Double](repeating: 0, count: n * m)
        let total = c.withUnsafeMutableBufferPointer { cs in
          sigma.adversarialRows(
            pre: p, outer: v, labels: y, coefficients: cs.baseAddress!, rows: n, count: m, scale: scale)
        }
        let valueOnly = sigma.adversarialRows(
          pre: p, outer: v, labels: y, coefficients: nil, rows: n, count: m, scale: scale)
        #expect(total.bitPattern == expected.bitPattern, "\(sigma) m = \(m)")
        #expect(valueOnly.bitPattern == expected.bitPattern, "\(sigma) m = \(m)")
        #expect(c.map(\.bitPattern) == reference.map(\.bitPattern), "\(sigma) m = \(m)")
      }
    }
  }
}
