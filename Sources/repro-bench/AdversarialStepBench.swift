import Foundation
import Numerics

// gao2019's adversarial-training step: the K-step PGA on every training point at once (K + 1 forward GEMMs
// and K input-gradient GEMMs of 2·n·m·d flops each) and the outer step (one more for ∇_W), quadratic ReLU,
// no projection. The paper preset's setting (circle, d = 2, n = 6) is bound by the elementwise σ work, not
// by the products; a wider input (d = 100, n = 100) shows the GEMM path.

/// The (n, d, m, K) rows of the table.
let adversarialStepShapes = [(6, 2, 4096, 5), (6, 2, 16384, 5), (100, 100, 4096, 10), (100, 100, 16384, 10)]

/// The calling thread's CPU time in seconds (unlike the wall clock, not counting the time other processes run).
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Prints the table's rows for `shapes` against the DGEMM rate `peak` (GFLOP/s) and the elementwise limit
/// (G pairs/s); `minimum`: seconds each row is timed for at least. `cpuTime`: also the thread's CPU time per
/// step (what a step costs on a machine shared with other processes).
func benchAdversarialStep(
  _ shapes: [(Int, Int, Int, Int)], peak: Double, elementLimit: Double, minimum: Double = 0.5, cpuTime: Bool = false,
  rng: inout RandomSource
) throws {
  print("\ngao2019 adversarial-training step (K-step PGA inside, projected gradient step outside), quadratic ReLU")
  print(
    "    n      d      m    K   time/step   steps/s   GFLOP/s   % of DGEMM   G pairs/s   % of elementwise limit")
  for (n, d, m, k) in shapes {
    var dataRNG = RandomSource(seed: 3)
    let data = d == 2 ? SphereData.circle(points: n) : SphereData.random(points: n, dimension: d, rng: &dataRNG)
    let net = TwoLayerNetwork.balancedSigns(
      inputs: d, width: m, activation: .quadraticRelu, symmetric: false, scale: 1 / Double(m).squareRoot(),
      using: &rng)
    var trainer = RobustTrainer(
      network: net, data: data,
      configuration: RobustTrainingConfiguration(radius: 0.25 * data.separation, attack: .pga(k), learningRate: 1),
      rng: RandomSource(seed: 4))
    let cpu0 = threadCPUSeconds()
    var steps = 0
    let t = try perCall(minimum: minimum) {
      try trainer.step()
      steps += 1
    }
    if cpuTime {
      print(String(format: "CPU time per step: %.1f µs", (threadCPUSeconds() - cpu0) / Double(steps) * 1e6))
    }
    let flops = Double(2 * k + 2) * 2 * Double(n * m * d)
    let rate = flops / t / 1e9
    // The minimal elementwise work: one pass over the n·m pairs per PGA iterate (K + 1) and one for ∇_W.
    let pairs = Double((k + 2) * n * m) / t / 1e9
    print(
      String(
        format: "%5d %6d %6d %4d %9.1f µs %9.0f %9.2f %10.1f %11.2f %14.1f", n, d, m, k, t * 1e6, 1 / t, rate,
        100 * rate / peak, pairs, 100 * pairs / elementLimit))
  }
}

/// The d = 100 step's parts one by one (ms per call), for profiling: the three GEMM shapes and the σ pass.
func benchAdversarialStepParts(rng: inout RandomSource) {
  let (n, d, m) = (100, 100, 4096)
  let z = rng.normalMatrix(n, d)
  let w = rng.normalMatrix(m, d)
  var pre = Matrix(zeros: n, m)
  var slopes = rng.normalMatrix(n, m)
  var grad = Matrix(zeros: n, d)
  var wg = Matrix(zeros: m, d)
  let a = rng.normals(m)
  func ms(_ body: () -> Void) -> String { String(format: "%.3f ms", 1e3 * perCall(minimum: 1, body)) }
  print("forward  Z·Wᵀ  (n×d)(d×m):", ms { gemm(z, .none, w, .transpose, into: &pre) })
  print("gradient S·W   (n×m)(m×d):", ms { gemm(slopes, .none, w, .none, into: &grad) })
  print("weights  Sᵀ·Z  (m×n)(n×d):", ms { gemm(slopes, .transpose, z, .none, into: &wg) })
  var sink = 0.0
  let preRows = (0..<n).map { i in Array(pre.storage[(i * m)..<((i + 1) * m)]) }
  var slopeRows = preRows
  print(
    "σ pass with slopes n×m:   ",
    ms {
      for i in 0..<n { sink += Activation.quadraticRelu.weightedSum(a, preRows[i], slopes: &slopeRows[i], scale: 1) }
    })
  print("row scaling of S:        ", ms { for k in slopes.storage.indices { slopes.storage[k] *= 1.0000001 } })
  if sink.isNaN { print("NaN") }
}

/// The bits of W after a few adversarial steps at d = 100, m = 4096 (to compare the GEMM path's variants).
func adversarialStepDigest() throws -> String {
  var rng = RandomSource(seed: 9)
  var dataRNG = RandomSource(seed: 3)
  let data = SphereData.random(points: 100, dimension: 100, rng: &dataRNG)
  let net = TwoLayerNetwork.balancedSigns(
    inputs: 100, width: 4096, activation: .quadraticRelu, symmetric: false, scale: 1 / 64, using: &rng)
  var trainer = RobustTrainer(
    network: net, data: data,
    configuration: RobustTrainingConfiguration(radius: 0.25 * data.separation, attack: .pga(10), learningRate: 1),
    rng: RandomSource(seed: 4))
  var h: UInt64 = 1_469_598_103_934_665_603
  for _ in 0..<3 { h = (h ^ (try trainer.step()).bitPattern) &* 1_099_511_628_211 }
  for x in trainer.network.weights.storage { h = (h ^ x.bitPattern) &* 1_099_511_628_211 }
  for x in trainer.attackMargins { h = (h ^ x.bitPattern) &* 1_099_511_628_211 }
  return String(h, radix: 16)
}
