import Foundation
import Numerics

// `make bench`: time per full-batch training step of the two-layer ReLU network,
// direct (W itself, O(m·n·d)) and in the span of the data (O(m·n²)), with the
// achieved GFLOP/s next to this machine's single-thread DGEMM rate measured
// in the same run. BLAS is single-threaded, as in the runner.

handleUsage(Array(CommandLine.arguments.dropFirst()))
BLASThreads.set(1)

// `--peer-check DIR`: write the reference the ports of bench/peers/ are checked against (PeerCheck.swift), and stop.
if let flag = CommandLine.arguments.firstIndex(of: "--peer-check"), flag + 1 < CommandLine.arguments.count {
  try writePeerCheck(to: URL(fileURLWithPath: CommandLine.arguments[flag + 1]))
  exit(0)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// Repeats `body` until at least `minimum` seconds have passed; returns seconds per call.
func perCall(minimum: Double = 0.5, _ body: () throws -> Void) rethrows -> Double {
  try body()  // warm-up
  var calls = 0
  var total = 0.0
  while total < minimum {
    total += try seconds(body)
    calls += 1
  }
  return total / Double(calls)
}

var rng = RandomSource(seed: 1)

// The machine's DGEMM rate: C = A·B with 1000×1000 matrices.
let size = 1000
let a = rng.normalMatrix(size, size)
let b = rng.normalMatrix(size, size)
var c = Matrix(zeros: size, size)
let gemmTime = perCall { gemm(a, .none, b, .none, into: &c) }
let peak = 2 * pow(Double(size), 3) / gemmTime / 1e9
print(String(format: "DGEMM %d×%d×%d, 1 thread: %.2f GFLOP/s", size, size, size, peak))

// The elementwise limit: the quadratic-ReLU weighted sum with slopes over 4096 (point, unit) pairs in cache, the
// pass the attacks and the adversarial step make (vectorised as in the experiments): the ceiling of every
// elementwise-bound loop below.
var limitRNG = RandomSource(seed: 8)
let limitOuter = limitRNG.normals(4096)
let limitPre = limitRNG.normals(4096)
var limitSlopes = [Double](repeating: 0, count: 4096)
var limitSink = 0.0
let limitTime = perCall {
  limitSink += Activation.quadraticRelu.weightedSum(limitOuter, limitPre, slopes: &limitSlopes, scale: 1)
}
let elementLimit = 4096 / limitTime / 1e9
print(
  String(
    format: "elementwise limit, quadratic ReLU with slopes over 4096 pairs in cache: %.2f G pairs/s%@\n", elementLimit,
    (limitSink.isNaN ? " (NaN)" : "") as NSString))

if CommandLine.arguments.contains("--adversarial-parts") {
  benchAdversarialStepParts(rng: &rng)
  print("digest of W after 3 steps at d = 100, m = 4096:", try adversarialStepDigest())
  exit(0)
}

// `--adversarial-step [SECONDS]`: only gao2019's d = 100, m = 4096 row, timed for SECONDS (default 3), and stop.
if let flag = CommandLine.arguments.firstIndex(of: "--adversarial-step") {
  let minimum = flag + 1 < CommandLine.arguments.count ? Double(CommandLine.arguments[flag + 1]) ?? 3 : 3
  try benchAdversarialStep(
    [(100, 100, 4096, 10)], peak: peak, elementLimit: elementLimit, minimum: minimum, cpuTime: true, rng: &rng)
  exit(0)
}

print(
  "training step of N(x) = Σ_j v_j relu(w_j·x), exponential loss, Lyu–Li loss-normalised GD (the experiments' rule)")
print("    n      d     m   mode      time/step   steps/s   GFLOP/s   % of DGEMM")
for (n, d, m) in [(10, 1000, 100), (40, 4000, 100), (40, 8000, 100), (100, 4000, 200)] {
  let data = TrainingSet.random(points: n, dimension: d, distribution: .sphere, rng: &rng)
  let net = TwoLayerNetwork.random(inputs: d, width: m, activation: .relu, initScale: 1e-3, using: &rng)
  for mode in [TrainingMode.direct, .span] {
    let steps = mode == .direct ? 50 : 2000
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .exponential, stepSize: 0.2, rule: .lyuLi, maxSteps: steps, mode: mode))
    let t = try seconds { try trainer.run() } / Double(steps + 1)
    // Two GEMMs of 2·n·m·d each (forward, backward) direct; one of 2·n²·m in the span.
    let flops = mode == .direct ? 4.0 * Double(n * m * d) : 2.0 * Double(n * n * m)
    let rate = flops / t / 1e9
    print(
      String(
        format: "%5d %6d %5d   %-7@ %9.1f µs %9.0f %9.2f %10.1f", n, d, m, mode.rawValue as NSString, t * 1e6, 1 / t,
        rate, 100 * rate / peak))
  }
}

// frei2023's largest training step at its paper preset (frei2023-radius-vs-clusters at k = 64: n = 8·64,
// d = 1000, m = 64; frei2023-generalization's n = 256, m = 256 costs the same in the span), on its
// clustered data, with the relative step bound on as in the experiments: the span mode then also forms
// G·D for ‖∇_W L‖ (one more n²m GEMM).
print("\nfrei2023 paper preset, largest step: k = 64 clusters, relative step bound on")
print("    n      d     m   mode      time/step   steps/s   GFLOP/s   % of DGEMM")
for (k, n, d, m) in [(64, 512, 1000, 64), (16, 256, 1000, 256)] {
  var mixRNG = RandomSource(seed: 2)
  let mixture = ClusterMixture.random(
    clusters: k, dimension: d, meanNorm: 1, noise: 1, layout: .orthonormal, rng: &mixRNG)
  let data = mixture.sample(n, rng: &mixRNG).data
  let net = TwoLayerNetwork.random(inputs: d, width: m, activation: .relu, initScale: 1e-3, using: &rng)
  for mode in [TrainingMode.direct, .span] {
    let steps = mode == .direct ? 50 : 300
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: .exponential, stepSize: 64, rule: .lyuLi, maxSteps: steps, maxRelativeChange: 0.01, mode: mode))
    let t = try seconds { try trainer.run() } / Double(steps + 1)
    let flops = mode == .direct ? 4.0 * Double(n * m * d) : 4.0 * Double(n * n * m)
    let rate = flops / t / 1e9
    print(
      String(
        format: "%5d %6d %5d   %-7@ %9.1f µs %9.0f %9.2f %10.1f", n, d, m, mode.rawValue as NSString, t * 1e6, 1 / t,
        rate, 100 * rate / peak))
  }
}

try benchAdversarialStep(adversarialStepShapes, peak: peak, elementLimit: elementLimit, rng: &rng)

let rates = measureRates(gemm: peak * 1e9, rng: &rng)
writeRates(rates)
try benchAttack()
if CommandLine.arguments.contains("--quick") {
  print("\n(--quick: frei2023-robust-accuracy's large point left out)")
} else {
  try benchLargePoint(rates: rates)
}
