/// The GEMM path's products at small shapes (rows·m·d ≤ `smallProductLimit`) in `smallProduct`'s loops instead
/// of BLAS: the pre-activations Z·Wᵀ from Wᵀ (kept by `load`, as the fused path keeps it), ∇_z q = S·W and the
/// weight gradient Sᵀ·Z. Each element is one sum in the order of its terms (d, m and rows respectively), so the
/// pre-activations of `evaluateRow` (one row) are bit for bit those of the batch.
extension MarginBatch {
  /// Whether the GEMM path's products of this batch against `network` go to `smallProduct`.
  func usesSmallProducts(for network: TwoLayerNetwork) -> Bool {
    !isFused(for: network) && rows * network.width * network.inputDimension <= smallProductLimit
  }

  /// Wᵀ (d × m) into `transposed`.
  mutating func loadTransposed(_ network: TwoLayerNetwork) {
    let (m, d) = (network.width, network.inputDimension)
    if transposed.rows != d || transposed.cols != m { transposed = Matrix(zeros: d, m) }
    network.weights.storage.withUnsafeBufferPointer { w in
      transposed.storage.withUnsafeMutableBufferPointer { t in
        for r in 0..<m {
          for k in 0..<d { t[k * m + r] = w[r * d + k] }
        }
      }
    }
  }

  /// `pre` ← Z·Wᵀ: pre[i, r] = Σ_k z_ik·Wᵀ[k, r] in the order of k.
  mutating func smallPreActivations(_ z: Matrix, network: TwoLayerNetwork) {
    let (m, d) = (network.width, network.inputDimension)
    z.storage.withUnsafeBufferPointer { zs in
      transposed.storage.withUnsafeBufferPointer { wt in
        pre.storage.withUnsafeMutableBufferPointer { p in
          smallProduct(
            zs.baseAddress!, rowStride: d, termStride: 1, wt.baseAddress!, bStride: m, into: p.baseAddress!,
            cStride: m, rows: rows, cols: m, terms: d)
        }
      }
    }
  }

  /// `rowPre` ← W·`rowInput`, the same sums as a row of `smallPreActivations`.
  mutating func smallRowPreActivations(_ network: TwoLayerNetwork) {
    let (m, d) = (network.width, network.inputDimension)
    rowInput.withUnsafeBufferPointer { x in
      transposed.storage.withUnsafeBufferPointer { wt in
        rowPre.withUnsafeMutableBufferPointer { p in
          smallProduct(
            x.baseAddress!, rowStride: d, termStride: 1, wt.baseAddress!, bStride: m, into: p.baseAddress!,
            cStride: m, rows: 1, cols: m, terms: d)
        }
      }
    }
  }

  /// ∇_z q = S·W (rows × d): Σ_r S_ir·W[r, k] in the order of r.
  func smallInputGradients(_ network: TwoLayerNetwork, into gradients: inout Matrix) {
    let (m, d) = (network.width, network.inputDimension)
    slopes.storage.withUnsafeBufferPointer { s in
      network.weights.storage.withUnsafeBufferPointer { w in
        gradients.storage.withUnsafeMutableBufferPointer { g in
          smallProduct(
            s.baseAddress!, rowStride: m, termStride: 1, w.baseAddress!, bStride: d, into: g.baseAddress!,
            cStride: d, rows: rows, cols: d, terms: m)
        }
      }
    }
  }

  /// G = Sᵀ·Z (m × d, S already scaled by the weights): Σ_i S_ir·z_ik in the order of i.
  func smallWeightGradient(_ z: Matrix, network: TwoLayerNetwork, into g: inout Matrix) {
    let (m, d) = (network.width, network.inputDimension)
    slopes.storage.withUnsafeBufferPointer { s in
      z.storage.withUnsafeBufferPointer { zs in
        g.storage.withUnsafeMutableBufferPointer { gs in
          smallProduct(
            s.baseAddress!, rowStride: 1, termStride: m, zs.baseAddress!, bStride: d, into: gs.baseAddress!,
            cStride: d, rows: m, cols: d, terms: rows)
        }
      }
    }
  }
}
