import Foundation
import Testing

@testable import Numerics

/// The blocked σ pass (`Activation.blockWeightedSum`, `MarginBatch.evaluateBlocked`) and the adversarial trainer's
/// row pass (`Activation.adversarialRows`) against the references they replace: the one-call kernel and the
/// scalar loop kept here, bit for bit, at several lengths (odd ones, tails, empty).
@Suite struct BlockKernelTests {
  /// A row cut into blocks of a multiple of 8 (the last one any length) gives the one-call kernel's sum and slopes
  /// bit for bit.
  @Test(arguments: Activation.allCases)
  func blocksAddUpToTheWholeRow(activation: Activation) {
    var rng = RandomSource(seed: 61)
    for (m, block) in [(1, 8), (7, 8), (9, 8), (33, 16), (100, 24), (301, 64), (1000, 256), (1024, 256)] {
      let a = rng.normals(m)
      var u = rng.normals(m, sd: 2)
      u[0] = 0
      var whole = [Double](repeating: .nan, count: m)
      var parts = [Double](repeating: .nan, count: m)
      let c = -0.7
      let expected = activation.weightedSum(a, u, slopes: &whole, scale: c)
      var sums = LaneSums.zero
      var got = Double.nan
      a.withUnsafeBufferPointer { pa in
        u.withUnsafeBufferPointer { pu in
          parts.withUnsafeMutableBufferPointer { ps in
            var r0 = 0
            while r0 < m {
              let b = min(block, m - r0)
              got = activation.blockWeightedSum(
                pa.baseAddress! + r0, pu.baseAddress! + r0, slopes: ps.baseAddress! + r0, scale: c, count: b,
                sums: &sums, finish: r0 + b == m)
              r0 += b
            }
          }
        }
      }
      #expect(got.bitPattern == expected.bitPattern, "\(activation) m = \(m), blocks of \(block)")
      #expect(zip(parts, whole).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(activation) m = \(m): slopes")
    }
  }

  /// `MarginBatch`'s blocked evaluation (m > `marginUnitBlock`, slopes wanted) against the one-GEMM pass and the
  /// one-call kernel computed here: the same margins and slopes (each pre-activation is the same length-d dot
  /// product; 1e-13 relative allows for a BLAS whose kernel differs between block and whole shapes).
  @Test(arguments: Activation.allCases)
  func blockedMarginBatchMatchesTheWholeRowPass(activation: Activation) {
    var rng = RandomSource(seed: 62)
    for (n, d, m) in [(3, 9, 258), (5, 12, 300), (4, 33, 514), (2, 100, 1030)] {
      let net = TwoLayerNetwork.balancedSigns(
        inputs: d, width: m, activation: activation, symmetric: false, scale: 0.4, using: &rng)
      let z = rng.normalMatrix(n, d)
      let y = (0..<n).map { $0 % 2 == 0 ? 1.0 : -1 }
      var batch = MarginBatch(rows: n, width: m)
      #expect(!batch.isFused(for: net))
      batch.evaluate(z, labels: y, network: net, slopes: true)
      let pre = product(z, .none, net.weights, .transpose)
      let close = { (x: Double, y: Double) in abs(x - y) <= 1e-13 * max(1, abs(x), abs(y)) }
      for i in 0..<n {
        var s = [Double](repeating: 0, count: m)
        let c = y[i] * net.outputScale
        let f = activation.weightedSum(net.outer, Array(pre.storage[(i * m)..<((i + 1) * m)]), slopes: &s, scale: c)
        #expect(close(batch.margins[i], c * f), "\(activation) n, d, m = \(n), \(d), \(m): margin \(i)")
        #expect((0..<m).allSatisfy { close(batch.slopes[i, $0], s[$0]) }, "\(activation) m = \(m): slopes of row \(i)")
      }
    }
  }

  /// The trainer's row pass against the per-element loop it replaced (σ dispatched per element), bit for bit:
  /// the loss and D, with and without derivatives.
  @Test(arguments: Activation.allCases)
  func adversarialRowsMatchThePerElementLoop(activation: Activation) {
    var rng = RandomSource(seed: 63)
    for (n, m) in [(1, 0), (1, 1), (3, 7), (2, 9), (4, 33), (5, 100)] {
      var p = rng.normals(n * m, sd: 2)
      if n * m > 2 { p[1] = 0 }
      let v = rng.normals(m)
      let y = rng.normals(n)
      let scale = 0.3
      var reference = [Double](repeating: 0, count: n * m)
      var total = 0.0
      for i in 0..<n {
        var f = 0.0
        for r in 0..<m {
          let (s, ds) = activation.valueAndDerivative(p[i * m + r])
          f += v[r] * s
          reference[i * m + r] = scale * v[r] * ds
        }
        let residual = scale * f - y[i]
        total += 0.5 * residual * residual
        for r in 0..<m { reference[i * m + r] *= residual }
      }
      var valueTotal = 0.0
      for i in 0..<n {
        var f = 0.0
        for r in 0..<m { f += v[r] * activation.value(p[i * m + r]) }
        let residual = scale * f - y[i]
        valueTotal += 0.5 * residual * residual
      }
      var d = [Double](repeating: .nan, count: max(n * m, 1))
      let (withD, without) = p.withUnsafeBufferPointer { pp in
        v.withUnsafeBufferPointer { pv in
          y.withUnsafeBufferPointer { py in
            d.withUnsafeMutableBufferPointer { pd in
              let pvv = pv.baseAddress ?? UnsafePointer(pd.baseAddress!)
              let ppp = pp.baseAddress ?? UnsafePointer(pd.baseAddress!)
              return (
                activation.adversarialRows(
                  pre: ppp, outer: pvv, labels: py.baseAddress!, coefficients: pd.baseAddress!, rows: n, count: m,
                  scale: scale),
                activation.adversarialRows(
                  pre: ppp, outer: pvv, labels: py.baseAddress!, coefficients: nil, rows: n, count: m, scale: scale)
              )
            }
          }
        }
      }
      #expect(withD.bitPattern == total.bitPattern, "\(activation) n, m = \(n), \(m): loss with derivatives")
      #expect(without.bitPattern == valueTotal.bitPattern, "\(activation) n, m = \(n), \(m): loss")
      #expect((0..<(n * m)).allSatisfy { d[$0].bitPattern == reference[$0].bitPattern }, "\(activation): D")
    }
  }
}
