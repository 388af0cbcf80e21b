import Testing

@testable import Numerics

/// Training with L* tracked at a schedule (`RobustTrainer.train(iterations:estimatingAt:with:missTolerance:)`)
/// against the plain loop of `step()` it wraps.
@Suite struct RobustTrainerTrackedTests {
  /// Width-16 quadratic-ReLU network, 6 alternating points of the circle, δ = 0.5·separation/2, 3-step attack.
  static func trainer() -> (RobustTrainer, SphereData) {
    var rng = RandomSource(seed: 11)
    let data = SphereData.circle(points: 6)
    let net = TwoLayerNetwork.balancedSigns(
      inputs: 2, width: 16, activation: .quadraticRelu, symmetric: false, scale: 0.25, using: &rng)
    let trainer = RobustTrainer(
      network: net, data: data,
      configuration: RobustTrainingConfiguration(
        radius: 0.5 * data.separation / 2, attack: .pga(3), learningRate: 1, projectionRadius: 8),
      rng: RandomSource(seed: 12))
    return (trainer, data)
  }

  static let schedule = [0, 1, 3, 7, 15, 29]

  /// The estimate is the clean margin (no attack): weaker than the training attack, whose lowest margin starts
  /// from x_i. Every record of L* is then the training attack's loss, and the misses are the inputs where the attack
  /// found a margin lower than the clean one by more than the tolerance, counted by hand here.
  @Test func aWeakEstimateIsReplacedByTheAttackAndCounted() throws {
    var (tracked, data) = Self.trainer()
    var clean = RobustLossEstimator(
      data: data, radius: tracked.configuration.radius, attack: .none, width: 16, rng: RandomSource(seed: 13))
    let run = try tracked.train(iterations: 30, estimatingAt: Self.schedule, with: &clean, missTolerance: 1e-6)

    var (plain, _) = Self.trainer()
    var cleanAgain = RobustLossEstimator(
      data: data, radius: tracked.configuration.radius, attack: .none, width: 16, rng: RandomSource(seed: 13))
    var losses: [Double] = []
    var robust: [Double] = []
    var misses = 0
    var shortfall = 0.0
    for t in 0..<30 {
      let before = Self.schedule.contains(t) ? cleanAgain.evaluate(plain.network).margins : []
      losses.append(try plain.step())
      guard Self.schedule.contains(t) else { continue }
      let found = plain.attackMargins
      #expect(zip(found, before).allSatisfy { $0 <= $1 })
      robust.append(Logistic.meanLoss(found))
      misses += zip(found, before).filter { $0 < $1 - 1e-6 }.count
      shortfall = max(shortfall, zip(before, found).map { $0 - $1 }.max()!)
    }
    #expect(run.surrogate == losses && run.robust == robust)
    #expect(run.misses == misses && misses > 0 && run.shortfall == shortfall)
    #expect(run.robustAccuracy.count == Self.schedule.count)
    #expect(run.weightChange == plain.weightChange && tracked.network.weights.storage == plain.network.weights.storage)
  }

  /// A strong estimate: L_A ≤ L* at every scheduled iteration, and the training is the plain one.
  @Test func theSurrogateNeverExceedsTheTrackedRobustLoss() throws {
    var (tracked, data) = Self.trainer()
    var strong = RobustLossEstimator(
      data: data, radius: tracked.configuration.radius, attack: .strong(steps: 30, restarts: 2), width: 16,
      rng: RandomSource(seed: 14))
    let run = try tracked.train(iterations: 30, estimatingAt: Self.schedule, with: &strong, missTolerance: 1e-6)
    var (plain, _) = Self.trainer()
    var losses: [Double] = []
    for _ in 0..<30 { losses.append(try plain.step()) }
    #expect(run.surrogate == losses)
    for (k, t) in Self.schedule.enumerated() { #expect(run.surrogate[t] <= run.robust[k]) }
    #expect(run.robustAccuracy.allSatisfy { (0...1).contains($0) })
  }
}
