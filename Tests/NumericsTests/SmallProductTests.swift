import Foundation
import Testing

@testable import Numerics

/// `smallProduct` (the loops that replace BLAS for tiny products) against hand-computed integer products
/// (exact), against the plain loop in the same order (bit for bit), against BLAS's dgemm (a tolerance), and
/// `MarginBatch`'s small-product path against BLAS and a scalar reference.
@Suite struct SmallProductTests {
  /// Shapes around the blocking: one and two rows and an odd one out; columns below a lane, one past a pair,
  /// one block of eight, one past it, two blocks and a tail; no term, one, and capacity's d = 20.
  static let shapes: [(rows: Int, cols: Int, terms: Int)] = [
    (1, 1, 1), (2, 3, 2), (3, 7, 5), (5, 8, 1), (4, 9, 20), (7, 17, 3), (20, 64, 20), (3, 5, 0), (1, 19, 64),
  ]

  /// Calls `smallProduct` on Swift arrays: A(i, t) = a[i·rowStride + t·termStride].
  static func run(
    _ a: [Double], rowStride: Int, termStride: Int, _ b: [Double], bStride: Int, rows: Int, cols: Int, terms: Int
  ) -> [Double] {
    var c = [Double](repeating: .nan, count: rows * cols)
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          smallProduct(
            pa.baseAddress ?? nilPointer, rowStride: rowStride, termStride: termStride, pb.baseAddress ?? nilPointer,
            bStride: bStride, into: pc.baseAddress!, cStride: cols, rows: rows, cols: cols, terms: terms)
        }
      }
    }
    return c
  }

  /// The plain loop: each element summed from its first term in the order of t.
  static func reference(
    _ a: [Double], rowStride: Int, termStride: Int, _ b: [Double], bStride: Int, rows: Int, cols: Int, terms: Int
  ) -> [Double] {
    var c = [Double](repeating: 0, count: rows * cols)
    for i in 0..<rows {
      for j in 0..<cols where terms > 0 {
        var s = a[i * rowStride] * b[j]
        for t in 1..<terms { s += a[i * rowStride + t * termStride] * b[t * bStride + j] }
        c[i * cols + j] = s
      }
    }
    return c
  }

  /// Small integers: every product and sum is exact, so any order gives the true product (k·8·8 < 2⁵³).
  @Test func integerProductsAreExact() {
    var rng = RandomSource(seed: 71)
    for (n, m, k) in Self.shapes {
      let a = (0..<(n * k)).map { _ in (16 * rng.uniform()).rounded(.down) - 8 }
      let b = (0..<(k * m)).map { _ in (16 * rng.uniform()).rounded(.down) - 8 }
      var exact = [Double](repeating: 0, count: n * m)
      for i in 0..<n {
        for j in 0..<m {
          var s = 0
          for t in 0..<k { s += Int(a[i * k + t]) * Int(b[t * m + j]) }
          exact[i * m + j] = Double(s)
        }
      }
      let c = Self.run(a, rowStride: k, termStride: 1, b, bStride: m, rows: n, cols: m, terms: k)
      #expect(c == exact, "\(n) × \(m), k = \(k)")
    }
  }

  /// Random normals, A read directly and transposed (the weight gradient's Sᵀ·Z): bit for bit the plain loop in
  /// the same order, wherever an element falls in the blocks of two rows and eight columns.
  @Test func sameBitsAsThePlainLoopInTheSameOrder() {
    var rng = RandomSource(seed: 72)
    for (n, m, k) in Self.shapes {
      let a = rng.normals(n * k)
      let b = rng.normals(k * m)
      for (rs, ts) in [(k, 1), (1, n)] {
        let c = Self.run(a, rowStride: rs, termStride: ts, b, bStride: m, rows: n, cols: m, terms: k)
        let r = Self.reference(a, rowStride: rs, termStride: ts, b, bStride: m, rows: n, cols: m, terms: k)
        #expect(c.map(\.bitPattern) == r.map(\.bitPattern), "\(n) × \(m), k = \(k), strides \(rs), \(ts)")
      }
    }
  }

  /// Against BLAS (another order): |Δc_ij| ≤ 2·k·eps·Σ_t |a_it·b_tj|, the bound of any order of summation
  /// (a lost or doubled term would be off by a whole term).
  @Test func agreesWithBLAS() {
    var rng = RandomSource(seed: 73)
    for (n, m, k) in Self.shapes where k > 0 {
      let a = rng.normalMatrix(n, k)
      let b = rng.normalMatrix(k, m)
      let blas = product(a, b)
      let c = Self.run(a.storage, rowStride: k, termStride: 1, b.storage, bStride: m, rows: n, cols: m, terms: k)
      for i in 0..<n {
        for j in 0..<m {
          var scale = 0.0
          for t in 0..<k { scale += abs(a[i, t] * b[t, j]) }
          let bound = 2 * Double(k) * Double.ulpOfOne * scale
          #expect(abs(c[i * m + j] - blas[i, j]) <= bound, "\(n) × \(m), k = \(k) at \(i), \(j)")
        }
      }
    }
  }

  /// `MarginBatch` at d = 10 (the GEMM path, small enough for `smallProduct`): its margins against the scalar
  /// formula y·c·Σ_r a_r σ(w_r·z), ∇_z q and ∇_W against BLAS products of its slopes (1e-12 relative, floor 1:
  /// a few eps of sums of ≤ 20 terms); `evaluateRow` gives bit for bit the batch's margin and slopes.
  @Test(arguments: [Activation.relu, .quadraticRelu, .tanh])
  func marginBatchSmallPathAgreesWithBLAS(activation: Activation) {
    var rng = RandomSource(seed: 74)
    let (n, d, m) = (7, 10, 18)
    let net = TwoLayerNetwork.balancedSigns(
      inputs: d, width: m, activation: activation, symmetric: false, scale: 0.6, using: &rng)
    let z = rng.normalMatrix(n, d)
    let y = (0..<n).map { $0 % 3 == 0 ? -1.0 : 1 }
    var batch = MarginBatch(rows: n, width: m)
    #expect(!batch.isFused(for: net) && batch.usesSmallProducts(for: net))
    batch.evaluate(z, labels: y, network: net, slopes: true)
    let close = { (x: Double, y: Double) in abs(x - y) <= 1e-12 * max(1, abs(x), abs(y)) }
    let pre = product(z, .none, net.weights, .transpose)
    for i in 0..<n {
      var f = 0.0
      for r in 0..<m { f += net.outer[r] * activation.value(pre[i, r]) }
      #expect(close(batch.margins[i], y[i] * net.outputScale * f), "\(activation): margin \(i)")
    }
    var g = Matrix(zeros: n, d)
    batch.inputGradients(net, into: &g)
    #expect(zip(g.storage, product(batch.slopes, net.weights).storage).allSatisfy(close), "\(activation): ∇_z q")
    let (margins, slopes) = (batch.margins, batch.slopes)
    for i in [0, 3, n - 1] {
      batch.evaluateRow(i, z, label: y[i], network: net)
      #expect(batch.margins[i].bitPattern == margins[i].bitPattern, "\(activation): evaluateRow \(i)")
      #expect(batch.slopes.storage == slopes.storage, "\(activation): evaluateRow \(i) slopes")
    }
    let t = (0..<n).map { 0.1 * Double($0) - 0.3 }
    var scaled = slopes
    for i in 0..<n {
      for r in 0..<m { scaled[i, r] *= t[i] }
    }
    var w = Matrix(zeros: m, d)
    batch.weightGradient(z, labels: y, network: net, weights: t, into: &w)
    #expect(zip(w.storage, product(scaled, .transpose, z, .none).storage).allSatisfy(close), "\(activation): ∇_W")
    #expect(w.storage.contains { $0 != 0 })
  }
}

nonisolated(unsafe) private let nilStorage = UnsafeMutablePointer<Double>.allocate(capacity: 1)
private var nilPointer: UnsafePointer<Double> { UnsafePointer(nilStorage) }
