import Foundation
import Testing

@testable import Numerics

/// The small-shape path of the margin attacks (`Activation+SmallKernels`, `MarginAttack+Steps`): the run-time-d
/// kernels against the d ≤ 8 fused kernels (bit for bit) and against `MarginBatch`'s GEMM path (to rounding) at
/// d up to 20 and odd widths, and the four-rows-at-once attack step against the row-at-a-time one (bit for bit).
@Suite struct SmallShapeKernelTests {
  /// Wᵀ (d × m) of a random m × d matrix, with the matrix.
  static func weights(_ m: Int, _ d: Int, _ rng: inout RandomSource) -> (w: Matrix, wt: Matrix) {
    let w = rng.normalMatrix(m, d)
    var wt = Matrix(zeros: d, m)
    for r in 0..<m { for k in 0..<d { wt[k, r] = w[r, k] } }
    return (w, wt)
  }

  /// (Σ a σ, g) of one row by the run-time-d kernel or the typed d ≤ 8 one.
  static func rowSum(
    _ activation: Activation, small: Bool, _ a: [Double], _ wt: Matrix, _ z: [Double], _ m: Int, _ c: Double,
    gradient: Bool
  ) -> (Double, [Double]) {
    let d = z.count
    var g = [Double](repeating: .nan, count: d)
    var scratch = [Double](repeating: .nan, count: m + 1)
    let f = a.withUnsafeBufferPointer { a in
      wt.storage.withUnsafeBufferPointer { wt in
        z.withUnsafeBufferPointer { z in
          g.withUnsafeMutableBufferPointer { g in
            scratch.withUnsafeMutableBufferPointer { s in
              let gp = gradient ? g.baseAddress : nil
              return small
                ? activation.smallWeightedSum(
                  a.baseAddress!, wt.baseAddress!, z.baseAddress!, dimension: d, count: m, scale: c, gradient: gp,
                  slopes: s.baseAddress!)
                : activation.fusedWeightedSum(
                  a.baseAddress!, wt.baseAddress!, z.baseAddress!, dimension: d, count: m, scale: c, gradient: gp,
                  slopes: s.baseAddress!)
            }
          }
        }
      }
    }
    return (f, g)
  }

  /// G of n rows by the run-time-d kernel or the typed d ≤ 8 one.
  static func weightGradient(
    _ activation: Activation, small: Bool, _ a: [Double], _ wt: Matrix, _ z: Matrix, _ c: [Double], _ t: [Double]
  ) -> [Double] {
    let (d, m) = (wt.rows, wt.cols)
    var g = [Double](repeating: .nan, count: m * d)
    var scratch = [Double](repeating: .nan, count: m)
    a.withUnsafeBufferPointer { a in
      wt.storage.withUnsafeBufferPointer { wt in
        g.withUnsafeMutableBufferPointer { g in
          scratch.withUnsafeMutableBufferPointer { s in
            if small {
              activation.smallWeightGradient(
                a.baseAddress!, wt.baseAddress!, z.storage, rows: z.rows, scales: c, weights: t, dimension: d,
                count: m, scratch: s.baseAddress!, into: g.baseAddress!)
            } else {
              activation.fusedWeightGradient(
                a.baseAddress!, wt.baseAddress!, z.storage, rows: z.rows, scales: c, weights: t, dimension: d,
                count: m, into: g.baseAddress!)
            }
          }
        }
      }
    }
    return g
  }

  /// At d ≤ 8 the run-time-d kernels give the typed kernels' numbers exactly (the same operations in the same
  /// order), at widths with every tail length (m mod 8 = 1…7, odd and even).
  @Test(arguments: Activation.allCases)
  func smallKernelsEqualTheFusedKernelsBitForBit(activation: Activation) {
    var rng = RandomSource(seed: 71)
    for d in 1...fusedDimensionLimit {
      for m in [1, 2, 3, 5, 7, 8, 9, 13, 17, 30, 64] {
        let (_, wt) = Self.weights(m, d, &rng)
        let a = rng.normals(m)
        let n = 5
        let z = rng.normalMatrix(n, d)
        let c = [0.4, -1.3, 0.9, 0.2, -0.7]
        let t = [-0.2, 0.7, 0.05, 0.3, -0.01]
        for i in 0..<n {
          for gradient in [true, false] {
            let small = Self.rowSum(activation, small: true, a, wt, z.row(i), m, c[i], gradient: gradient)
            let typed = Self.rowSum(activation, small: false, a, wt, z.row(i), m, c[i], gradient: gradient)
            #expect(small.0.bitPattern == typed.0.bitPattern, "\(activation) d = \(d) m = \(m): Σ a σ")
            if gradient {
              #expect(small.1.map(\.bitPattern) == typed.1.map(\.bitPattern), "\(activation) d = \(d) m = \(m): g")
            }
          }
        }
        let small = Self.weightGradient(activation, small: true, a, wt, z, c, t)
        let typed = Self.weightGradient(activation, small: false, a, wt, z, c, t)
        #expect(small.map(\.bitPattern) == typed.map(\.bitPattern), "\(activation) d = \(d) m = \(m): G")
      }
    }
  }

  /// At d = 9…20 (beyond the typed kernels) and odd widths, the run-time-d kernels against plain loops:
  /// u_r in the order of k (exactly the kernel's), then plain sums (1e-14 of Σ|terms|, see
  /// `ActivationKernelTests.agree`); the weight gradient is summed in the order of i like the loop: exact.
  @Test(arguments: Activation.allCases)
  func smallKernelsMatchTheScalarReference(activation: Activation) {
    var rng = RandomSource(seed: 72)
    for d in [9, 10, 11, 16, 19, 20] {
      for m in [1, 3, 7, 9, 17, 33] {
        let (w, wt) = Self.weights(m, d, &rng)
        let a = rng.normals(m)
        let n = 3
        let z = rng.normalMatrix(n, d)
        let c = [0.4, -1.3, 0.9]
        let t = [-0.2, 0.7, 0.05]
        func u(_ i: Int, _ r: Int) -> Double {
          var s = z[i, 0] * w[r, 0]
          for k in 1..<d { s += z[i, k] * w[r, k] }
          return s
        }
        for i in 0..<n {
          let (f, g) = Self.rowSum(activation, small: true, a, wt, z.row(i), m, c[i], gradient: true)
          let terms = (0..<m).map { a[$0] * activation.value(u(i, $0)) }
          #expect(ActivationKernelTests.agree(f, terms), "\(activation) d = \(d) m = \(m): Σ a σ")
          let slopes = (0..<m).map { c[i] * a[$0] * activation.derivative(u(i, $0)) }
          for k in 0..<d {
            let products = (0..<m).map { slopes[$0] * w[$0, k] }
            #expect(ActivationKernelTests.agree(g[k], products), "\(activation) d = \(d) m = \(m): g_\(k)")
          }
        }
        let big = Self.weightGradient(activation, small: true, a, wt, z, c, t)
        for r in 0..<m {
          for k in 0..<d {
            var plain = 0.0
            for i in 0..<n { plain += c[i] * a[r] * activation.derivative(u(i, r)) * t[i] * z[i, k] }
            #expect(big[r * d + k] == plain, "\(activation) d = \(d) m = \(m): G[\(r), \(k)]")
          }
        }
      }
    }
  }

  /// `MarginBatch` at small shapes beyond d = 8 takes the run-time-d fused path; against its GEMM path the
  /// margins, ∇_z q and the weight gradient agree up to the GEMM's rounding of w_r·z (1e-12 relative, floor 1,
  /// as in `ActivationKernelTests.fusedMarginBatchMatchesTheGEMMPath`; no pre-activation near a kink).
  @Test(arguments: Activation.allCases)
  func smallMarginBatchMatchesTheGEMMPath(activation: Activation) {
    var rng = RandomSource(seed: 73)
    for d in [2, 5, 9, 10, 13, 20] {
      for m in [2, 6, 10, 34, 64] {
        let n = 7
        let net = TwoLayerNetwork.balancedSigns(
          inputs: d, width: m, activation: activation, symmetric: false, scale: 0.6, using: &rng)
        let z = rng.normalMatrix(n, d)
        let y = [1.0, -1, -1, 1, 1, -1, 1]
        #expect(product(z, .none, net.weights, .transpose).storage.allSatisfy { abs($0) > 1e-6 })
        var fused = MarginBatch(rows: n, width: m)
        var plain = MarginBatch(rows: n, width: m, fused: false)
        #expect(fused.isFused(for: net) && !plain.isFused(for: net))
        fused.evaluate(z, labels: y, network: net, slopes: true)
        plain.evaluate(z, labels: y, network: net, slopes: true)
        var gf = Matrix(zeros: n, d)
        var gp = Matrix(zeros: n, d)
        fused.inputGradients(net, into: &gf)
        plain.inputGradients(net, into: &gp)
        let t = [0.3, -0.1, 0.2, -0.25, 0.05, 0.11, -0.4]
        var wf = Matrix(zeros: m, d)
        var wp = Matrix(zeros: m, d)
        fused.weightGradient(z, labels: y, network: net, weights: t, into: &wf)
        plain.weightGradient(z, labels: y, network: net, weights: t, into: &wp)
        let close = { (x: Double, y: Double) in abs(x - y) <= 1e-12 * max(1, abs(x), abs(y)) }
        for i in 0..<n { #expect(close(fused.margins[i], plain.margins[i]), "\(activation) d = \(d) m = \(m)") }
        #expect(zip(gf.storage, gp.storage).allSatisfy(close), "\(activation) d = \(d) m = \(m): ∇_z q")
        #expect(zip(wf.storage, wp.storage).allSatisfy(close), "\(activation) d = \(d) m = \(m): ∇_W")
        #expect(wf.storage.contains { $0 != 0 })
      }
    }
    // Large shapes stay on the GEMMs.
    #expect(!isSmallShape(inputs: 100, width: 4096) && !isSmallShape(inputs: 20, width: 128))
  }

  /// The attack step four rows at a time equals the row-at-a-time step bit for bit, with rows inside the ball,
  /// on the sphere with the gradient pointing out (tangential part taken) or in, with a zero gradient (the row
  /// stays), and stepping out of the ball (projected back), for n = 1…9 (every tail) and d = 2…20.
  @Test func fourRowStepEqualsTheRowStep() {
    var rng = RandomSource(seed: 74)
    for tangential in [true, false] {
      for d in [2, 3, 5, 8, 10, 17, 20] {
        for n in 1...9 {
          let radius = 0.3
          var x = rng.normals(n * d, sd: 0.1)
          var g = rng.normals(n * d)
          for i in 0..<n {
            switch i % 4 {
            case 0:  // on the sphere
              let r = (0..<d).map { x[i * d + $0] * x[i * d + $0] }.reduce(0, +).squareRoot()
              for k in 0..<d { x[i * d + k] *= radius / r }
            case 1:  // no gradient
              if i % 8 == 1 { for k in 0..<d { g[i * d + k] = 0 } }
            case 2:  // a long step out of the ball
              for k in 0..<d { g[i * d + k] *= 100 }
            default: break
            }
          }
          var (x1, g1, x4, g4) = (x, g, x, g)
          let edge = radius * radius * (1 - 1e-12)
          for length in [0.05, 0.5] {
            x1.withUnsafeMutableBufferPointer { x in
              g1.withUnsafeMutableBufferPointer { g in
                for i in 0..<n {
                  stepRow(g.baseAddress! + i * d, x.baseAddress! + i * d, d, length, radius, edge, tangential)
                }
              }
            }
            x4.withUnsafeMutableBufferPointer { x in
              g4.withUnsafeMutableBufferPointer { g in
                normalisedSteps(
                  g.baseAddress!, x.baseAddress!, rows: n, dimension: d, length: length, radius: radius, edge: edge,
                  tangential: tangential)
              }
            }
            #expect(x1.map(\.bitPattern) == x4.map(\.bitPattern), "d = \(d) n = \(n) tangential \(tangential)")
            #expect(g1.map(\.bitPattern) == g4.map(\.bitPattern), "d = \(d) n = \(n) tangential \(tangential)")
          }
          #expect(x4 != x)
        }
      }
    }
  }
}
