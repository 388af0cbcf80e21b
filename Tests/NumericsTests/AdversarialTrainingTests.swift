import Foundation
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

  @Test func withoutAnAdversaryAnEpochIsAGradientStep() throws {
    let (net, data) = Self.setting(seed: 1)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: 0, innerSteps: 5, innerStep: 0.5, innerRule: .normalized, learningRate: 0.3))
    let (reference, gradient) = net.lossAndGradient(data.x, data.y, loss: .squared)
    var rng = RandomSource(seed: 9)
    let epoch = try trainer.epoch(rng: &rng)
    #expect(abs(epoch.cleanLoss - reference) <= 1e-14 && epoch.adversarialLoss == epoch.cleanLoss)
    #expect(abs(epoch.gradientNorm - norm(gradient.weights.storage)) <= 1e-13)
    for k in net.weights.storage.indices {
      let expected = net.weights.storage[k] - 0.3 * gradient.weights.storage[k]
      #expect(abs(trainer.network.weights.storage[k] - expected) <= 1e-14)
    }
    #expect(trainer.network.outer == net.outer)
  }

  @Test(arguments: [PGAStepRule.normalized, .plain])
  func innerAscentMatchesTheSinglePointPGA(rule: PGAStepRule) throws {
    let (net, data) = Self.setting(seed: 2)
    let (epsilon, steps, eta) = (0.4, 7, rule == .normalized ? 0.3 : 0.2)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: epsilon, innerSteps: steps, innerStep: eta, innerRule: rule, learningRate: 0.1))
    var rng = RandomSource(seed: 3)
    var replay = rng
    let epoch = try trainer.epoch(rng: &rng)
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

  /// λ_max of the Gauss–Newton matrix (1/n)JᵀJ against hand-computed kernels (1/n)(x_i·x_j)Σ_r (c v_r)²σ'σ'.
  @Test func gaussNewtonLargestEigenvalueMatchesHandComputedKernels() throws {
    func trainer(_ w: [Double], _ rows: [[Double]], outer: Double = 1, scale: Double = 1) -> AdversarialTrainer {
      let net = TwoLayerNetwork(
        weights: Matrix(rowVectors: [w]), outer: [outer], activation: .tanh, outputScale: scale, trainsOuter: false)
      return AdversarialTrainer(
        network: net, inputs: Matrix(rowVectors: rows), labels: rows.map { _ in 1 },
        configuration: AdversarialTrainingConfiguration(
          radius: 0, innerSteps: 0, innerStep: 1, innerRule: .normalized, learningRate: 1))
    }
    // W = 0: σ' = 1, K = ½[[1, 1], [1, 2]], λ_max = (3 + √5)/4.
    let linear = try trainer([0, 0], [[1, 0], [1, 1]]).gaussNewtonLargestEigenvalue()
    #expect(abs(linear - (3 + 5.0.squareRoot()) / 4) <= 1e-14)
    // Orthogonal inputs: K is diagonal, ½·‖x_i‖²·(c·v·σ'(w·x_i))²; here w·x = ±0.5, ‖x₂‖² = 4, c·v = 0.5·(−2).
    let slope = 1 - tanh(0.5) * tanh(0.5)
    let diagonal = try trainer([0.5, -0.25], [[1, 0], [0, 2]], outer: -2, scale: 0.5).gaussNewtonLargestEigenvalue()
    #expect(abs(diagonal - 0.5 * 4 * slope * slope) <= 1e-14)
  }

  /// A learning rate far above the stability limit stops training with an error that names the epoch and
  /// the rate, before a non-finite number reaches the weights.
  @Test func divergenceStopsTrainingWithTheEpochAndTheRate() throws {
    var rng = RandomSource(seed: 4)
    let net = TwoLayerNetwork.fixedSigns(inputs: 6, width: 10, activation: .softplus, using: &rng)
    let data = TrainingSet.twoClassMixture(points: 9, dimension: 6, separation: 1, scale: 1.5, rng: &rng)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: 0.15, innerSteps: 2, innerStep: 0.5, innerRule: .normalized, learningRate: 1e6))
    var starts = RandomSource(seed: 5)
    var caught: AdversarialTrainingError?
    for _ in 0..<50 {
      do { _ = try trainer.epoch(rng: &starts) } catch {
        caught = error
        break
      }
    }
    let error = try #require(caught)
    #expect(error.epoch >= 1 && error.learningRate == 1e6)
    #expect(error.description.contains("diverged at epoch \(error.epoch)") && !error.description.contains("\n"))
    let finite = trainer.network.weights.storage.allSatisfy { $0.isFinite }
    #expect(finite)
  }
}

/// The history of a run and the initial-phase numbers read from it.
@Suite struct AdversarialHistoryTests {
  /// L = 4, 3, 2, 1: L_2/L_0 = ½, the loss halves at epoch 2; there is no epoch 9.
  @Test func ratiosAndTheHalvingEpochByHand() {
    var h = AdversarialHistory()
    for l in [4.0, 3, 2, 1] { h.append(AdversarialEpoch(adversarialLoss: l, cleanLoss: l / 2, gradientNorm: 1)) }
    #expect(h.first == 4 && h.last == 1)
    #expect(h.ratio(2) == 0.5 && h.ratio(3) == 0.25 && h.ratio(9).isNaN)
    #expect(h.epochsToHalve == 2)
    var flat = AdversarialHistory()
    flat.append(AdversarialEpoch(adversarialLoss: 1, cleanLoss: 1, gradientNorm: 1))
    #expect(flat.epochsToHalve.isNaN && AdversarialHistory().first.isNaN)
  }

  /// `train(epochs:)` is the epochs one by one.
  @Test func trainingIsTheEpochsOneByOne() throws {
    let (net, data) = AdversarialTrainingTests.setting(seed: 2)
    let configuration = AdversarialTrainingConfiguration(
      radius: 0.1, innerSteps: 3, innerStep: 0.5, innerRule: .normalized, learningRate: 0.2)
    var a = AdversarialTrainer(network: net, inputs: data.x, labels: data.y, configuration: configuration)
    var b = a
    var rngA = RandomSource(seed: 4)
    var rngB = RandomSource(seed: 4)
    let history = try a.train(epochs: 3, rng: &rngA)
    var manual: [AdversarialEpoch] = []
    for _ in 0..<3 { manual.append(try b.epoch(rng: &rngB)) }
    #expect(history.adversarialLoss == manual.map(\.adversarialLoss))
    #expect(history.cleanLoss == manual.map(\.cleanLoss) && history.gradientNorm == manual.map(\.gradientNorm))
  }
}
