import Testing

@testable import Numerics

/// The batched adversarial trainer against the reference implementations: without an adversary it is
/// plain gradient descent on ½(f − y)²; with one, each row's inner PGA is the single-point PGA.
@Suite struct AdversarialTrainingTests {
  static func setting(seed: UInt64) -> (TwoLayerNetwork, TrainingSet) {
    var rng = RandomSource(seed: seed)
    let net = TwoLayerNetwork.fixedSigns(inputs: 6, width: 10, activation: .tanh, using: &rng)
    let data = TrainingSet.twoClassMixture(points: 9, dimension: 6, separation: 1, scale: 1.5, rng: &rng)
    return (net, data)
  }

  @Test func withoutAnAdversaryAnEpochIsAGradientStep() {
    let (net, data) = Self.setting(seed: 1)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: 0, innerSteps: 5, innerStep: 0.5, innerRule: .normalized, learningRate: 0.3))
    let (reference, gradient) = net.lossAndGradient(data.x, data.y, loss: .squared)
    var rng = RandomSource(seed: 9)
    let epoch = trainer.epoch(rng: &rng)
    #expect(abs(epoch.cleanLoss - reference) <= 1e-14 && epoch.adversarialLoss == epoch.cleanLoss)
    #expect(abs(epoch.gradientNorm - norm(gradient.weights.storage)) <= 1e-13)
    for k in net.weights.storage.indices {
      let expected = net.weights.storage[k] - 0.3 * gradient.weights.storage[k]
      #expect(abs(trainer.network.weights.storage[k] - expected) <= 1e-14)
    }
    #expect(trainer.network.outer == net.outer)
  }

  @Test(arguments: [PGAStepRule.normalized, .plain])
  func innerAscentMatchesTheSinglePointPGA(rule: PGAStepRule) {
    let (net, data) = Self.setting(seed: 2)
    let (epsilon, steps, eta) = (0.4, 7, rule == .normalized ? 0.3 : 0.2)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: epsilon, innerSteps: steps, innerStep: eta, innerRule: rule, learningRate: 0.1))
    var rng = RandomSource(seed: 3)
    var replay = rng
    let epoch = trainer.epoch(rng: &rng)
    // The same starts, drawn in the same order, then K single-point PGA steps per input.
    var total = 0.0
    for i in 0..<data.count {
      let start = replay.normals(data.dimension)
      var pga = ProjectedGradientAscent(
        loss: AdversarialLoss(network: net, x: data.x.row(i), target: data.y[i]),
        configuration: PGAConfiguration(
          radius: epsilon, step: eta, rule: rule, maxIterations: steps, tolerance: 1e-300))
      total += pga.run(from: start.map { $0 * epsilon / norm(start) }).loss
    }
    #expect(abs(epoch.adversarialLoss - total / Double(data.count)) <= 1e-12)
    #expect(epoch.adversarialLoss > epoch.cleanLoss)
  }
}
