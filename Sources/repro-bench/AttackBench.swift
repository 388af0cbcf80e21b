import Foundation
import Numerics

/// frei2023-robust-accuracy's attack on a radius grid (`FlipAttack.firstFlip`), one test point at a time
/// against a batch (`firstFlips`), at the issue-23 point's shapes: k = 10 clusters, d = m = 1000, 61 radii up
/// to 0.6‖μ‖, the universal start and one random start per radius, on a network trained on 100 points
/// (the attack's cost per test point does not depend on the training set's size). Both must find the same
/// first flip at every point (they differ only in the rounding of the products with K).
func benchAttack() throws {
  print(
    "\nfrei2023 robust-accuracy attack on a radius grid: k = 10, d = m = 1000, 61 radii to 0.6‖μ‖, trained on n = 100")
  var rng = RandomSource(seed: 5)
  let (k, d, m) = (10, 1000, 1000)
  let mixture = ClusterMixture.random(
    clusters: k, dimension: d, meanNorm: 1, noise: 1, layout: .orthonormal, rng: &rng)
  let train = mixture.sample(10 * k, rng: &rng).data
  let test = mixture.sample(64, rng: &rng).data
  let initial = TwoLayerNetwork.random(inputs: d, width: m, activation: .relu, initScale: 1e-3, using: &rng)
  let trainer = Trainer(
    network: initial, inputs: train.x, labels: train.y,
    config: TrainingConfig(
      loss: .exponential, stepSize: 64, rule: .lyuLi, maxSteps: 3000, convergenceTolerance: 5e-3,
      maxRelativeChange: 0.02))
  try trainer.run()
  let attack = FlipAttack(trainer.network)
  let radii = (0..<61).map { 0.6 * Double($0) / 60 }
  let start = try attack.rowSpaceCoefficients(of: mixture.universalDirection)
  let streams = RandomSource(seed: 6)
  // One point at a time: the first `single` test points, each from its own stream.
  let single = 16
  var perPoint: [Int] = []
  let tSingle = seconds {
    perPoint = (0..<single).map { i in
      var stream = FlipAttack.pointStream(streams, i)
      let y = test.y[i]
      return attack.firstFlip(
        at: test.x.row(i), label: y, radii: radii, starts: [start.map { -y * $0 }], rng: &stream)
    }
  }
  var batched: [Int] = []
  var rng2 = streams
  let tBatch = seconds {
    batched = attack.firstFlips(at: test.x, labels: test.y, radii: radii, startsAgainstLabel: [start], rng: &rng2)
  }
  let same = zip(perPoint, batched).filter { $0 == $1 }.count
  let meanIndex = Double(batched.reduce(0, +)) / Double(batched.count)
  print("  points  one at a time   batched    speed-up   same first flip   mean first-flip index")
  print(
    String(
      format: "  %6d  %9.1f ms   %7.1f ms   %7.1f×   %6d of %-6d   %.2f of %d", test.count,
      1e3 * tSingle / Double(single),
      1e3 * tBatch / Double(test.count), tSingle / Double(single) / (tBatch / Double(test.count)), same, single,
      meanIndex, radii.count))
  print("  (time per test point; one at a time timed on the first \(single))")
}
