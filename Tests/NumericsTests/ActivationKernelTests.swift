import Foundation
import Testing

@testable import Numerics

/// The vectorised activation kernels (`Activation+Kernels`, `Activation+FusedKernels`) against the scalar
/// reference loops kept here, on random inputs of awkward lengths (empty, shorter than a lane, one more than a
/// block of eight, long), for every activation; and `MarginBatch`'s fused path against its GEMM path.
@Suite struct ActivationKernelTests {
  static let lengths = [0, 1, 3, 7, 8, 9, 33, 1000]

  /// A kernel's sum against the plain left-to-right sum of the same terms. The kernels only reassociate
  /// (eight lanes, the ½ of the quadratic ReLU outside): the error is ≲ m·eps of Σ|terms| for m ≤ 1000 in the
  /// worst case, ≈ √m·eps typically; 1e-14 of Σ|terms| (plus 1e-300 for empty sums) holds with room at
  /// these lengths (a random-walk error of √1000·1.1e-16 ≈ 3.5e-15), while a lost or doubled term would be
  /// off by ≈ 1/m of the scale.
  static func agree(_ fast: Double, _ terms: [Double], _ tolerance: Double = 1e-14) -> Bool {
    let plain = terms.reduce(0, +)
    let scale = terms.reduce(0) { $0 + abs($1) }
    return abs(fast - plain) <= tolerance * scale + 1e-300
  }

  /// Pre-activations with the kinks' special values sprinkled in (0, −0, huge).
  static func inputs(_ m: Int, _ rng: inout RandomSource) -> [Double] {
    var u = rng.normals(m, sd: 2)
    for (k, special) in [0.0, -0.0, 40, -40].enumerated() where 3 * k + 1 < m { u[3 * k + 1] = special }
    return u
  }

  @Test(arguments: Activation.allCases)
  func weightedSumsMatchTheScalarReference(activation: Activation) {
    var rng = RandomSource(seed: 41)
    for m in Self.lengths {
      let a = rng.normals(m)
      let u = Self.inputs(m, &rng)
      let v = rng.normals(m, sd: 2)
      let c = -0.7
      var s = [Double](repeating: .nan, count: m)
      var sv = [Double](repeating: .nan, count: m)
      let (alone, shifted, sloped, both) = a.withUnsafeBufferPointer { a in
        u.withUnsafeBufferPointer { u in
          v.withUnsafeBufferPointer { v in
            s.withUnsafeMutableBufferPointer { s in
              sv.withUnsafeMutableBufferPointer { sv in
                let (pa, pu, pv) = (
                  a.baseAddress ?? nilPointer, u.baseAddress ?? nilPointer, v.baseAddress ?? nilPointer
                )
                return (
                  activation.weightedSum(pa, pu, nil, count: m), activation.weightedSum(pa, pu, pv, count: m),
                  activation.weightedSum(pa, pu, slopes: s.baseAddress ?? nilMutable, scale: c, count: m),
                  activation.weightedSum(pa, pu, pv, slopes: sv.baseAddress ?? nilMutable, scale: c, count: m)
                )
              }
            }
          }
        }
      }
      let plain = (0..<m).map { a[$0] * activation.value(u[$0]) }
      let plainShifted = (0..<m).map { a[$0] * activation.value(u[$0] + v[$0]) }
      #expect(Self.agree(alone, plain), "\(activation) m = \(m): Σ a σ(u)")
      #expect(Self.agree(shifted, plainShifted), "\(activation) m = \(m): Σ a σ(u + v)")
      #expect(Self.agree(sloped, plain), "\(activation) m = \(m): Σ a σ(u) with slopes")
      #expect(Self.agree(both, plainShifted), "\(activation) m = \(m): Σ a σ(u + v) with slopes")
      for r in 0..<m {
        #expect(s[r] == c * a[r] * activation.derivative(u[r]), "\(activation) m = \(m): slope \(r)")
        #expect(sv[r] == c * a[r] * activation.derivative(u[r] + v[r]), "\(activation) m = \(m): slope \(r) at u + v")
      }
    }
  }

  /// The training pass's σ and σ' are elementwise: bit for bit `value` and `derivative` (z = u + b, or u + 0
  /// without bias, as the scalar loop had it), signs of zeros included.
  @Test(arguments: Activation.allCases)
  func valuesAndDerivativesAreBitForBitTheScalarFunctions(activation: Activation) {
    var rng = RandomSource(seed: 42)
    for m in Self.lengths {
      let u = Self.inputs(m, &rng)
      let b = rng.normals(m)
      for bias in [nil, b] {
        var h = [Double](repeating: .nan, count: m)
        var s = [Double](repeating: .nan, count: m)
        u.withUnsafeBufferPointer { u in
          b.withUnsafeBufferPointer { b in
            h.withUnsafeMutableBufferPointer { h in
              s.withUnsafeMutableBufferPointer { s in
                activation.valuesAndDerivatives(
                  u.baseAddress ?? nilPointer, bias: bias == nil ? nil : b.baseAddress,
                  values: h.baseAddress ?? nilMutable, derivatives: s.baseAddress ?? nilMutable, count: m)
              }
            }
          }
        }
        for r in 0..<m {
          let z = u[r] + (bias?[r] ?? 0)
          #expect(h[r].bitPattern == activation.value(z).bitPattern, "\(activation) m = \(m): σ(\(z))")
          #expect(s[r].bitPattern == activation.derivative(z).bitPattern, "\(activation) m = \(m): σ'(\(z))")
        }
      }
    }
  }

  /// The fused kernels against plain loops: u_r = Σ_k z_k·W_rk in the order of k (the kernel's order, so the
  /// pre-activations agree exactly), then the plain sums: Σ a_r σ(u_r), g_k = Σ_r (c·a_r·σ'(u_r))·W_rk, and
  /// the weight gradient G_rk = Σ_i t_i·(c_i·a_r·σ'(u_ir))·z_ik (the same order of i: 1e-15 relative, a
  /// rounding or two in the SIMD lanes' different association of nothing; in fact exact), for every d ≤ 8.
  @Test(arguments: Activation.allCases)
  func fusedKernelsMatchTheScalarReference(activation: Activation) {
    var rng = RandomSource(seed: 43)
    for d in 1...fusedDimensionLimit {
      for m in Self.lengths {
        let w = rng.normalMatrix(m, d)
        var wt = Matrix(zeros: d, m)
        for r in 0..<m { for k in 0..<d { wt[k, r] = w[r, k] } }
        let a = rng.normals(m)
        let n = 3
        let z = rng.normalMatrix(n, d)
        let scales = [0.4, -1.3, 0.9]
        let weights = [-0.2, 0.7, 0.05]
        func u(_ i: Int, _ r: Int) -> Double {
          var s = z[i, 0] * w[r, 0]
          for k in 1..<d { s += z[i, k] * w[r, k] }
          return s
        }
        for i in 0..<n {
          var g = [Double](repeating: .nan, count: d)
          var row = [Double](repeating: .nan, count: m + 1)
          let (f, fAlone) = a.withUnsafeBufferPointer { a in
            wt.storage.withUnsafeBufferPointer { wt in
              z.storage.withUnsafeBufferPointer { zs in
                g.withUnsafeMutableBufferPointer { g in
                  row.withUnsafeMutableBufferPointer { row in
                    let (pa, pw) = (a.baseAddress ?? nilPointer, wt.baseAddress ?? nilPointer)
                    let withGradient = activation.fusedWeightedSum(
                      pa, pw, zs.baseAddress! + i * d, dimension: d, count: m, scale: scales[i],
                      gradient: g.baseAddress, slopes: row.baseAddress!)
                    let alone = activation.fusedWeightedSum(
                      pa, pw, zs.baseAddress! + i * d, dimension: d, count: m, scale: scales[i], gradient: nil,
                      slopes: row.baseAddress!)
                    return (withGradient, alone)
                  }
                }
              }
            }
          }
          let terms = (0..<m).map { a[$0] * activation.value(u(i, $0)) }
          #expect(Self.agree(f, terms) && Self.agree(fAlone, terms), "\(activation) d = \(d) m = \(m): Σ a σ(w·z)")
          let slopes = (0..<m).map { scales[i] * a[$0] * activation.derivative(u(i, $0)) }
          for k in 0..<d {
            #expect(Self.agree(g[k], (0..<m).map { slopes[$0] * w[$0, k] }), "\(activation) d = \(d) m = \(m): g_\(k)")
          }
        }
        var big = Matrix(zeros: m, d)
        a.withUnsafeBufferPointer { a in
          wt.storage.withUnsafeBufferPointer { wt in
            big.storage.withUnsafeMutableBufferPointer { g in
              activation.fusedWeightGradient(
                a.baseAddress ?? nilPointer, wt.baseAddress ?? nilPointer, z.storage, rows: n, scales: scales,
                weights: weights, dimension: d, count: m, into: g.baseAddress ?? nilMutable)
            }
          }
        }
        for r in 0..<m {
          for k in 0..<d {
            var plain = 0.0
            for i in 0..<n { plain += scales[i] * a[r] * activation.derivative(u(i, r)) * weights[i] * z[i, k] }
            #expect(big[r, k] == plain, "\(activation) d = \(d) m = \(m): G[\(r), \(k)]")
          }
        }
      }
    }
  }

  /// `MarginBatch`'s fused path against its GEMM path (the same margins, ∇_z q and weight gradient up to
  /// the GEMM's rounding of w_r·z: a few eps of |u| ≲ 10, carried through sums of m ≤ 34 terms ≲ 10 each:
  /// 1e-12 relative, floor 1), for every activation and d ≤ 8. No pre-activation lies within 1e-6 of the
  /// kink (checked), so ReLU's σ' cannot differ between the two.
  @Test(arguments: Activation.allCases)
  func fusedMarginBatchMatchesTheGEMMPath(activation: Activation) {
    var rng = RandomSource(seed: 44)
    for d in [1, 2, 3, 8] {
      for m in [2, 6, 10, 34] {  // balancedSigns takes even widths; tails of 2 and 6
        let n = 5
        let net = TwoLayerNetwork.balancedSigns(
          inputs: d, width: m, activation: activation, symmetric: false, scale: 0.6, using: &rng)
        let z = rng.normalMatrix(n, d)
        let y = [1.0, -1, -1, 1, 1]
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
        let t = [0.3, -0.1, 0.2, -0.25, 0.05]
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
  }
}

/// Stand-ins for the base address of an empty buffer (never dereferenced: the kernels read m = 0 elements).
nonisolated(unsafe) private let nilStorage = UnsafeMutablePointer<Double>.allocate(capacity: 1)
private var nilPointer: UnsafePointer<Double> { UnsafePointer(nilStorage) }
private var nilMutable: UnsafeMutablePointer<Double> { nilStorage }
