import Foundation

/// The margins q_i = y_i·f(z_i) of a batch of inputs (the rows of Z) under a bias-free two-layer network
/// f(z) = c·Σ_r a_r·σ(w_r·z), and the slopes S_ir = ∂q_i/∂(w_r·z_i) = y_i·c·a_r·σ'(w_r·z_i)
/// from which both gradients follow: ∇_z q_i = (S·W)_i and ∇_{w_r} q_i = S_ir·z_i.
///
/// Two paths, the same quantities up to rounding:
/// - fused (d ≤ `fusedDimensionLimit`, the default there): u_ir = w_r·z_i inline in the kernel
///   (`Activation.fusedWeightedSum`), ∇_z q_i from one row of S at a time (S is not kept). Each row's
///   numbers depend on that row and W only, so the same z_i gives the same margin bit for bit in any batch.
/// - GEMM (d > 8, or `fused: false`): the rows × m pre-activations by one GEMM, then the vectorised
///   weighted sums writing S, and ∇_z q = S·W by a second GEMM. Products of at most `smallProductLimit`
///   multiply–adds go to `smallProduct` instead of BLAS (`MarginBatch+SmallProducts`).
/// Buffers are kept across calls.
public struct MarginBatch: Sendable {
  public let rows: Int
  public internal(set) var margins: [Double]
  /// S, rows × m (filled by `evaluate(…, slopes: true)` on the GEMM path only).
  public internal(set) var slopes: Matrix
  private let allowsFused: Bool
  var pre: Matrix  // rows × m (GEMM path; the blocked pass's rows × block scratch)
  var laneSums: [LaneSums]  // per row, the blocked pass's accumulators
  var transposed: Matrix  // Wᵀ, d × m (fused path and small products), filled by `load`
  private var gradients: Matrix  // ∇_z q, rows × d (fused path)
  private var scales: [Double]  // y_i·c (fused weight gradient)
  private var scratch: [Double]  // one row of slopes (fused path)
  var rowInput: [Double]  // z_i (GEMM path, `evaluateRow`)
  var rowPre: [Double]  // W·z_i (GEMM path, `evaluateRow`)

  /// `fused: false` keeps the GEMM path at every d (the reference the fused path is tested against).
  public init(rows: Int, width: Int, fused: Bool = true) {
    self.rows = rows
    allowsFused = fused
    margins = [Double](repeating: 0, count: rows)
    slopes = Matrix(zeros: 0, 0)
    pre = Matrix(zeros: 0, 0)
    laneSums = []
    transposed = Matrix(zeros: 0, 0)
    gradients = Matrix(zeros: 0, 0)
    scales = [Double](repeating: 0, count: rows)
    scratch = [Double](repeating: 0, count: width)
    rowInput = []
    rowPre = []
  }

  /// Whether this batch takes the fused path for `network`.
  public func isFused(for network: TwoLayerNetwork) -> Bool {
    allowsFused && network.inputDimension <= fusedDimensionLimit
  }

  /// Prepares the batch for evaluations against `network` (the fused path's Wᵀ; the buffers' shapes, once).
  /// `evaluateLoaded` and `weightGradient` assume the weights loaded last.
  public mutating func load(_ network: TwoLayerNetwork) {
    precondition(network.bias == nil, "MarginBatch: networks without bias only")
    let (m, d) = (network.width, network.inputDimension)
    if isFused(for: network) {
      if transposed.rows != d || transposed.cols != m { transposed = Matrix(zeros: d, m) }
      if gradients.rows != rows || gradients.cols != d { gradients = Matrix(zeros: rows, d) }
      if scratch.count != m { scratch = [Double](repeating: 0, count: m) }
      network.weights.storage.withUnsafeBufferPointer { w in
        transposed.storage.withUnsafeMutableBufferPointer { t in
          for k in 0..<d {
            for r in 0..<m { t[k * m + r] = w[r * d + k] }
          }
        }
      }
    } else {
      if pre.rows != rows || pre.cols != m {
        pre = Matrix(zeros: rows, m)
        slopes = Matrix(zeros: rows, m)
        rowPre = [Double](repeating: 0, count: m)
      }
      if rowInput.count != d { rowInput = [Double](repeating: 0, count: d) }
      if usesSmallProducts(for: network) { loadTransposed(network) }
    }
  }

  /// q_i at the rows of `z` (and, with `slopes`, what ∇_z q needs: S on the GEMM path, ∇_z q itself fused).
  public mutating func evaluate(_ z: Matrix, labels: [Double], network: TwoLayerNetwork, slopes wantSlopes: Bool) {
    load(network)
    evaluateLoaded(z, labels: labels, network: network, slopes: wantSlopes)
  }

  /// `evaluate` against the weights of the last `load(network)`.
  mutating func evaluateLoaded(_ z: Matrix, labels: [Double], network: TwoLayerNetwork, slopes wantSlopes: Bool) {
    precondition(z.rows == rows && labels.count == rows, "MarginBatch: \(z.rows) inputs for \(rows) rows")
    let (m, d) = (network.width, network.inputDimension)
    let sigma = network.activation
    let c = network.outputScale
    if isFused(for: network) {
      network.outer.withUnsafeBufferPointer { a in
        transposed.storage.withUnsafeBufferPointer { wt in
          z.storage.withUnsafeBufferPointer { zs in
            gradients.storage.withUnsafeMutableBufferPointer { g in
              scratch.withUnsafeMutableBufferPointer { s in
                for i in 0..<rows {
                  let f = sigma.fusedWeightedSum(
                    a.baseAddress!, wt.baseAddress!, zs.baseAddress! + i * d, dimension: d, count: m,
                    scale: labels[i] * c, gradient: wantSlopes ? g.baseAddress! + i * d : nil, slopes: s.baseAddress!)
                  margins[i] = labels[i] * c * f
                }
              }
            }
          }
        }
      }
      return
    }
    let small = usesSmallProducts(for: network)
    if wantSlopes && network.width > marginUnitBlock && z.cols > 0 && !small {
      evaluateBlocked(z, labels: labels, network: network)
      return
    }
    if small {
      smallPreActivations(z, network: network)
    } else {
      gemm(z, .none, network.weights, .transpose, into: &pre)
    }
    network.outer.withUnsafeBufferPointer { a in
      pre.storage.withUnsafeBufferPointer { p in
        slopes.storage.withUnsafeMutableBufferPointer { s in
          for i in 0..<rows {
            let row = i * m
            let f =
              wantSlopes
              ? sigma.weightedSum(
                a.baseAddress!, p.baseAddress! + row, slopes: s.baseAddress! + row, scale: labels[i] * c, count: m)
              : sigma.weightedSum(a.baseAddress!, p.baseAddress! + row, nil, count: m)
            margins[i] = labels[i] * c * f
          }
        }
      }
    }
  }

  /// Row i alone again at the row i of `z` (GEMM path, after `load`): q_i and S_i by one GEMV, the other rows
  /// left as they are.
  mutating func evaluateRow(_ i: Int, _ z: Matrix, label: Double, network: TwoLayerNetwork) {
    let (m, d) = (network.width, network.inputDimension)
    for k in 0..<d { rowInput[k] = z[i, k] }
    if usesSmallProducts(for: network) {
      smallRowPreActivations(network)
    } else {
      gemv(network.weights, .none, rowInput, into: &rowPre)
    }
    let c = label * network.outputScale
    let f = network.outer.withUnsafeBufferPointer { a in
      rowPre.withUnsafeBufferPointer { p in
        slopes.storage.withUnsafeMutableBufferPointer { s in
          network.activation.weightedSum(
            a.baseAddress!, p.baseAddress!, slopes: s.baseAddress! + i * m, scale: c, count: m)
        }
      }
    }
    margins[i] = c * f
  }

  /// ∇_z q_i as the rows of `gradients` (rows × d), after `evaluate(…, slopes: true)`: S·W on the GEMM path.
  public func inputGradients(_ network: TwoLayerNetwork, into gradients: inout Matrix) {
    if isFused(for: network) {
      gradients.storage.withUnsafeMutableBufferPointer { g in
        self.gradients.storage.withUnsafeBufferPointer { f in
          g.baseAddress!.update(from: f.baseAddress!, count: f.count)
        }
      }
    } else if usesSmallProducts(for: network) {
      smallInputGradients(network, into: &gradients)
    } else {
      gemm(slopes, .none, network.weights, .none, into: &gradients)
    }
  }

  /// G = Σ_i t_i·∇_W q_i(z_i) = (diag(t)·S)ᵀ·Z, m × d, at the rows z_i of `z` against the loaded weights.
  /// Fused: one pass that recomputes S_ir and never stores it. GEMM path: S must be the one of
  /// `evaluate(z, …, slopes: true)` just before (its rows are scaled in place).
  public mutating func weightGradient(
    _ z: Matrix, labels: [Double], network: TwoLayerNetwork, weights t: [Double], into g: inout Matrix
  ) {
    let (m, d) = (network.width, network.inputDimension)
    precondition(t.count == rows && g.rows == m && g.cols == d, "MarginBatch.weightGradient: shapes")
    if isFused(for: network) {
      let c = network.outputScale
      for i in 0..<rows { scales[i] = labels[i] * c }
      network.outer.withUnsafeBufferPointer { a in
        transposed.storage.withUnsafeBufferPointer { wt in
          z.storage.withUnsafeBufferPointer { zs in
            g.storage.withUnsafeMutableBufferPointer { gs in
              network.activation.fusedWeightGradient(
                a.baseAddress!, wt.baseAddress!, zs.baseAddress!, rows: rows, scales: scales, weights: t,
                dimension: d, count: m, into: gs.baseAddress!)
            }
          }
        }
      }
      return
    }
    slopes.storage.withUnsafeMutableBufferPointer { s in
      for i in 0..<rows {
        for r in 0..<m { s[i * m + r] *= t[i] }
      }
    }
    if usesSmallProducts(for: network) {
      smallWeightGradient(z, network: network, into: &g)
    } else {
      gemm(slopes, .transpose, z, .none, into: &g)
    }
  }
}
