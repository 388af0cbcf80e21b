import Foundation
import Numerics

// `repro-bench --peer-check DIR`: the reference the Python ports of `bench/peers/` are checked against. For a
// few small settings of the three benchmarked steps it writes the inputs (data, initial weights, settings) and
// what repro computes from them (the weights after some steps, every step's metrics) as .npy files, one
// folder per case; `bench/peers/check.py` runs the same steps in JAX and PyTorch from the same inputs and
// compares. Nothing here is timed and nothing else reads these files.

/// Writes `values` (row-major, `shape`) as a little-endian float64 .npy file (format version 1.0).
func writeNPY(_ values: [Double], shape: [Int], to url: URL) throws {
  precondition(shape.reduce(1, *) == values.count, "writeNPY: \(values.count) values for shape \(shape)")
  let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
  var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(dims)), }"
  // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n.
  let unpadded = 10 + header.utf8.count + 1
  header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
  var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
  let length = UInt16(header.utf8.count)
  data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
  data.append(contentsOf: Array(header.utf8))
  for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
  try data.write(to: url)
}

/// One case's folder: arrays as .npy, settings as `settings.json`.
struct PeerCase {
  let folder: URL

  init(_ root: URL, _ name: String) throws {
    folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ values: [Double], _ shape: [Int]? = nil) throws {
    try writeNPY(values, shape: shape ?? [values.count], to: folder.appendingPathComponent(name + ".npy"))
  }

  func write(_ name: String, _ matrix: Matrix) throws {
    try write(name, matrix.storage, [matrix.rows, matrix.cols])
  }

  func settings(_ values: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: values, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: folder.appendingPathComponent("settings.json"))
  }
}

/// A training case: `Trainer` in direct mode, exponential loss, Lyu–Li rule, as the bench runs it.
func writeTrainingCase(
  _ root: URL, _ name: String, data: TrainingSet, network: TwoLayerNetwork, stepSize: Double,
  maxRelativeChange: Double?, steps: Int
) throws {
  let out = try PeerCase(root, name)
  try out.write("x", data.x)
  try out.write("y", data.y)
  try out.write("w0", network.weights)
  try out.write("v0", network.outer)
  let trainer = Trainer(
    network: network, inputs: data.x, labels: data.y,
    config: TrainingConfig(
      loss: .exponential, stepSize: stepSize, rule: .lyuLi, maxSteps: steps, maxRelativeChange: maxRelativeChange,
      mode: .direct))
  // Every snapshot (steps + 1 of them, each before its step's update): log-sum-exp loss, min margin, ‖θ‖²,
  // accuracy, flow time.
  var metrics: [Double] = []
  let report = try trainer.run { snap, _ in
    metrics += [snap.logLoss, snap.minMargin, snap.squaredNorm, snap.accuracy, snap.flowTime]
  }
  precondition(report.stopReason == .stepBudget, "peer check \(name): stopped by \(report.stopReason)")
  try out.write("metrics", metrics, [steps + 1, 5])
  try out.write("w", trainer.network.weights)
  try out.write("v", trainer.network.outer)
  var settings: [String: Any] = ["kind": "training", "step_size": stepSize, "steps": steps]
  if let rho = maxRelativeChange { settings["max_relative_change"] = rho }
  try out.settings(settings)
}

/// An adversarial-training case: `RobustTrainer` with Madry's K-step PGA, quadratic ReLU, as the bench runs it.
func writeAdversarialCase(
  _ root: URL, _ name: String, data: SphereData, network: TwoLayerNetwork, attackSteps k: Int,
  projectionRadius: Double, steps: Int
) throws {
  let out = try PeerCase(root, name)
  let radius = 0.25 * data.separation
  try out.write("x", data.x)
  try out.write("y", data.y)
  try out.write("w0", network.weights)
  try out.write("a", network.outer)
  var trainer = RobustTrainer(
    network: network, data: data,
    configuration: RobustTrainingConfiguration(
      radius: radius, attack: .pga(k), learningRate: 1, projectionRadius: projectionRadius),
    rng: RandomSource(seed: 4))
  // Per step: the surrogate loss, then the attack's margins (one per point).
  var perStep: [Double] = []
  for _ in 0..<steps {
    let loss = try trainer.step()
    perStep += [loss] + trainer.attackMargins
  }
  try out.write("losses", perStep, [steps, 1 + data.count])
  try out.write("w", trainer.network.weights)
  var settings: [String: Any] = [
    "kind": "adversarial", "radius": radius, "attack_steps": k, "learning_rate": 1.0, "steps": steps,
    "output_scale": network.outputScale,
  ]
  if projectionRadius.isFinite { settings["projection_radius"] = projectionRadius }
  try out.settings(settings)
}

/// Writes every case under `root`.
func writePeerCheck(to root: URL) throws {
  var rng = RandomSource(seed: 11)
  // vardi2022's step (sphere data of radius √d, init scale 1e-3, η = 0.2, no bound), small.
  let vardi = TrainingSet.random(points: 8, dimension: 40, distribution: .sphere, rng: &rng)
  let vardiNet = TwoLayerNetwork.random(inputs: 40, width: 16, activation: .relu, initScale: 1e-3, using: &rng)
  try writeTrainingCase(
    root, "vardi2022", data: vardi, network: vardiNet, stepSize: 0.2, maxRelativeChange: nil, steps: 300)
  // frei2023's step (clustered data, η = 64 with the relative step bound 0.01), small.
  let mixture = ClusterMixture.random(
    clusters: 4, dimension: 50, meanNorm: 1, noise: 1, layout: .orthonormal, rng: &rng)
  let frei = mixture.sample(32, rng: &rng).data
  let freiNet = TwoLayerNetwork.random(inputs: 50, width: 8, activation: .relu, initScale: 1e-3, using: &rng)
  try writeTrainingCase(
    root, "frei2023", data: frei, network: freiNet, stepSize: 64, maxRelativeChange: 0.01, steps: 300)
  // gao2019's step on the circle (d = 2) and on the sphere (d = 5, with a projection that binds).
  let circle = SphereData.circle(points: 6)
  let circleNet = TwoLayerNetwork.balancedSigns(
    inputs: 2, width: 64, activation: .quadraticRelu, symmetric: false, scale: 1 / 8, using: &rng)
  try writeAdversarialCase(
    root, "gao2019-circle", data: circle, network: circleNet, attackSteps: 5, projectionRadius: .infinity, steps: 20)
  let sphere = SphereData.random(points: 10, dimension: 5, rng: &rng)
  let sphereNet = TwoLayerNetwork.balancedSigns(
    inputs: 5, width: 32, activation: .quadraticRelu, symmetric: false, scale: 1 / Double(32).squareRoot(),
    using: &rng)
  try writeAdversarialCase(
    root, "gao2019-sphere", data: sphere, network: sphereNet, attackSteps: 3, projectionRadius: 0.5, steps: 20)
}
