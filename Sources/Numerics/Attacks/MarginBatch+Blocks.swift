import CBLAS
import Foundation

/// The units per block of `MarginBatch`'s blocked pass (a multiple of 8).
let marginUnitBlock = 256

extension MarginBatch {
  /// The GEMM path's evaluation with slopes, in blocks of `marginUnitBlock` units (hidden units r0…r0 + B − 1):
  /// the rows × B pre-activations of a block by one GEMM against rows r0… of W (contiguous), then the σ pass over
  /// the block while it is in cache, its lane accumulators carried to the next block (`blockWeightedSum`). Each
  /// pre-activation is the same dot product of length d as in the one rows × m GEMM, and each row's sum
  /// the same groups in the same accumulators: margins and S as `evaluateLoaded` without blocks, while the
  /// rows × m pre-activations never leave the cache and W is still read once.
  mutating func evaluateBlocked(_ z: Matrix, labels: [Double], network: TwoLayerNetwork) {
    let (m, d) = (network.width, network.inputDimension)
    let sigma = network.activation
    let c = network.outputScale
    let n = rows
    if laneSums.count != n { laneSums = [LaneSums](repeating: .zero, count: n) }
    for i in 0..<n { laneSums[i] = .zero }
    var r0 = 0
    while r0 < m {
      let b = min(marginUnitBlock, m - r0)
      let finish = r0 + b == m
      z.storage.withUnsafeBufferPointer { zs in
        network.weights.storage.withUnsafeBufferPointer { w in
          pre.storage.withUnsafeMutableBufferPointer { p in
            cblas_dgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(b), Int32(d), 1, zs.baseAddress, Int32(d),
              w.baseAddress! + r0 * d, Int32(d), 0, p.baseAddress, Int32(b))
          }
        }
      }
      network.outer.withUnsafeBufferPointer { a in
        pre.storage.withUnsafeBufferPointer { p in
          slopes.storage.withUnsafeMutableBufferPointer { s in
            laneSums.withUnsafeMutableBufferPointer { sums in
              for i in 0..<n {
                let scale = labels[i] * c
                let f = sigma.blockWeightedSum(
                  a.baseAddress! + r0, p.baseAddress! + i * b, slopes: s.baseAddress! + i * m + r0, scale: scale,
                  count: b, sums: &sums[i], finish: finish)
                if finish { margins[i] = scale * f }
              }
            }
          }
        }
      }
      r0 += b
    }
  }
}
