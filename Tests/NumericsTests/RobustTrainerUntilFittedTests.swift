import Testing

@testable import Numerics

/// Training with early stopping (`RobustTrainer.trainUntilFitted`) against the plain loop it replaces: the same
/// checks at the same iterations, a stop at the first check that fits, and, without a fit, the full budget.
@Suite struct RobustTrainerUntilFittedTests {
  /// Adversarial training of a width-16 quadratic-ReLU network on 6 alternating points of the circle (δ = 0.3·
  /// separation/2, 3-step attack), checked by a strong estimate with one random restart (so the checks draw
  /// random numbers and must happen at exactly the same iterations to agree).
  static func setup() -> (RobustTrainer, RobustLossEstimator) {
    var rng = RandomSource(seed: 5)
    let data = SphereData.circle(points: 6)
    let net = TwoLayerNetwork.balancedSigns(
      inputs: 2, width: 16, activation: .quadraticRelu, symmetric: false, scale: 0.25, using: &rng)
    let radius = 0.3 * data.separation / 2
    let trainer = RobustTrainer(
      network: net, data: data,
      configuration: RobustTrainingConfiguration(radius: radius, attack: .pga(3), learningRate: 2),
      rng: RandomSource(seed: 6))
    let estimator = RobustLossEstimator(
      data: data, radius: radius, attack: .strong(steps: 20, restarts: 1), width: 16, rng: RandomSource(seed: 7))
    return (trainer, estimator)
  }

  /// The plain loop: a step at a time, the estimate at iterations 0, every, 2·every, … and at the budget.
  /// Returns the accuracy at each check (iteration → accuracy) and the weights after each number of steps.
  static func plain(iterations limit: Int, every: Int) throws -> (checks: [(Int, Double)], weights: [[Double]]) {
    var (trainer, estimator) = setup()
    var checks: [(Int, Double)] = []
    var weights = [trainer.network.weights.storage]
    for step in 0...limit {
      if step % every == 0 || step == limit { checks.append((step, estimator.evaluate(trainer.network).accuracy)) }
      if step < limit {
        try trainer.step()
        weights.append(trainer.network.weights.storage)
      }
    }
    return (checks, weights)
  }

  @Test func stopsAtTheFirstCheckThatFits() throws {
    let (checks, weights) = try Self.plain(iterations: 400, every: 10)
    let first = try #require(checks.first { $0.1 == 1 }, "the setting must fit within 400 steps: \(checks)")
    // It does not fit at the start, so stopping early is a real stop.
    #expect(first.0 > 0 && checks[0].1 < 1)
    var (trainer, estimator) = Self.setup()
    let result = try trainer.trainUntilFitted(iterations: 400, checkEvery: 10, estimator: &estimator)
    #expect(result.fitted == first.0 && result.bestAccuracy == 1)
    #expect(trainer.iteration == first.0)
    #expect(trainer.network.weights.storage == weights[first.0])
  }

  @Test func withoutAFitItIsThePlainLoop() throws {
    let (all, _) = try Self.plain(iterations: 400, every: 10)
    let first = try #require(all.first { $0.1 == 1 }?.0)
    // A budget that ends before the fit, not on a multiple of the check interval (the last check is at the
    // budget), and at which no check fits yet.
    var budget = first - 1
    var (checks, weights) = try Self.plain(iterations: budget, every: 10)
    while budget > 1 && (budget % 10 == 0 || checks.contains { $0.1 == 1 }) {
      budget -= 1
      (checks, weights) = try Self.plain(iterations: budget, every: 10)
    }
    #expect(budget > 10 && checks.last?.0 == budget && checks.allSatisfy { $0.1 < 1 })
    var (trainer, estimator) = Self.setup()
    let result = try trainer.trainUntilFitted(iterations: budget, checkEvery: 10, estimator: &estimator)
    #expect(result.fitted == nil)
    #expect(result.bestAccuracy == checks.map(\.1).max())
    #expect(trainer.iteration == budget && trainer.network.weights.storage == weights[budget])
  }
}
