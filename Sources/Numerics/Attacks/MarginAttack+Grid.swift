import CBLAS
import Foundation

/// The grid of the exhaustive search in blocks: w_r·g for a block of grid offsets at a time (one GEMM each, the
/// rows of the same product as one GEMM over the whole grid), so the block's pre-activations stay in cache while
/// every input is scored against them, instead of a G × m matrix (53 MB at G = 817, m = 8192) written once and
/// read from memory once per input.
extension MarginAttacker {
  /// Grid offsets per block at width m: about 256 KB of pre-activations, at least 1.
  static func gridBlock(width m: Int) -> Int { max(1, 32_768 / max(m, 1)) }

  /// Every grid offset for every input: q_i(g) = y_i·c·Σ_r a_r σ(w_r·x_i + w_r·g). Keeps the `keep` lowest
  /// per input in `gridBest`, best first (a NaN counts as lowest, so a diverged network shows); per input the
  /// offsets are scored in the order of g, block after block.
  mutating func searchGrid(_ network: TwoLayerNetwork, keep: Int) {
    let (n, m) = (inputs.rows, network.width)
    let count = grid.rows
    let block = gridPre.rows
    gemm(inputs, .none, network.weights, .transpose, into: &inputPre)
    let sigma = network.activation
    let c = network.outputScale
    for k in gridBest.indices {
      gridBest[k] = 0
      gridBestMargins[k] = .infinity
    }
    var start = 0
    while start < count {
      let rows = min(block, count - start)
      // The rows start…start + rows − 1 of grid·Wᵀ.
      grid.storage.withUnsafeBufferPointer { pg in
        network.weights.storage.withUnsafeBufferPointer { pw in
          gridPre.storage.withUnsafeMutableBufferPointer { pc in
            cblas_dgemm(
              CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(m), Int32(grid.cols), 1,
              pg.baseAddress! + start * grid.cols, Int32(max(1, grid.cols)), pw.baseAddress,
              Int32(max(1, network.weights.cols)), 0, pc.baseAddress, Int32(max(1, m)))
          }
        }
      }
      network.outer.withUnsafeBufferPointer { a in
        inputPre.storage.withUnsafeBufferPointer { p in
          gridPre.storage.withUnsafeBufferPointer { q in
            gridBest.withUnsafeMutableBufferPointer { index in
              gridBestMargins.withUnsafeMutableBufferPointer { best in
                for i in 0..<n {
                  let list = i * keep
                  for j in 0..<rows {
                    let f = sigma.weightedSum(a.baseAddress!, p.baseAddress! + i * m, q.baseAddress! + j * m, count: m)
                    var margin = labels[i] * c * f
                    if margin.isNaN { margin = -.infinity }
                    guard margin < best[list + keep - 1] else { continue }
                    // Insert into the sorted short list.
                    var k = keep - 1
                    while k > 0 && best[list + k - 1] > margin {
                      best[list + k] = best[list + k - 1]
                      index[list + k] = index[list + k - 1]
                      k -= 1
                    }
                    best[list + k] = margin
                    index[list + k] = start + j
                  }
                }
              }
            }
          }
        }
      }
      start += rows
    }
  }
}
