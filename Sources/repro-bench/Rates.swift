import Foundation
import Harness
import Numerics

/// The rates `repro run --dry-run` turns a module's `CostEstimate` into seconds with, measured on one core:
/// DGEMM (passed in, measured above), a matrix–vector product with a 1000 × 1000 matrix (an attack's kernel
/// product at m = 1000: bound by memory; also one pass over an m × m matrix, as the batched attack's rounds make),
/// an elementwise pass (ReLU times a slope, summed: a scalar pass with one accumulator, as the attacks' steps and
/// the rays make), a small call (one attack step at m = 64: a 64 × 64 product and three passes, its fixed cost) and
/// the vectorised activation kernel's (point, unit) pairs (`Activation.weightedSum` with slopes, quadratic ReLU,
/// 4096 pairs in cache: gao2019's evaluations, the same kernel as the bench's elementwise limit);
/// written atomically to results/.machine-rates.json with the CPU's model name, which the dry run checks.
func measureRates(gemm: Double, rng: inout RandomSource) -> MachineRates {
  let m = 1000
  let kernel = rng.normalMatrix(m, m)
  let x = rng.normals(m)
  var sink = 0.0
  let gemvTime = perCall { sink += product(kernel, .none, x)[0] }
  let count = 1 << 20
  let z = rng.normals(count)
  let s = rng.normals(count)
  let passTime = perCall {
    var total = 0.0
    for i in 0..<count { total += max(0, z[i]) * s[i] }
    sink += total
  }
  let small = rng.normalMatrix(64, 64)
  var beta = rng.normals(64)
  let callTime = perCall {
    let q = product(small, .none, beta)
    axpy(-1e-9, q, &beta)
    sink += norm(beta)
  }
  let outer = rng.normals(4096)
  let pre = rng.normals(4096)
  var slopes = [Double](repeating: 0, count: 4096)
  let pairTime = perCall { sink += Activation.quadraticRelu.weightedSum(outer, pre, slopes: &slopes, scale: 1) }
  if sink.isNaN { print("") }  // keeps the measured work alive
  return MachineRates(
    gemm: gemm, gemv: 2 * Double(m * m) / gemvTime, elementwise: Double(count) / passTime, calls: 1 / callTime,
    pairs: 4096 / pairTime, cpu: Platform.current.cpu)
}

func writeRates(_ rates: MachineRates, results: String = "results") {
  let path = MachineRates.path(results: results)
  do {
    try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
    try rates.write(path)
    print(
      String(
        format:
          "\nrates for `repro run --dry-run` (%@): DGEMM %.1f GFLOP/s, matrix–vector %.1f GFLOP/s, elementwise %.2f G/s, small calls %.0f k/s, activation pairs %.2f G/s → %@",
        rates.cpu as NSString, rates.gemm / 1e9, rates.gemv / 1e9, rates.elementwise / 1e9, rates.calls / 1e3,
        rates.pairs / 1e9, path as NSString))
  } catch {
    print("could not write \(path): \(error)")
  }
}
