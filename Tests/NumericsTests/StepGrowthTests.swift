import Foundation
import Testing

@testable import Numerics

/// The late-phase step growth (`StepGrowth`, `TrainingConfig.maxOutputChange`): hand-computed steps, and
/// the halving test of `FlowFaithfulnessTests` with growth on.
@Suite struct StepGrowthTests {
  static func config(step: Double, bound: Double?, growth: Double?) -> TrainingConfig {
    TrainingConfig(
      loss: .exponential, stepSize: step, rule: .lyuLi, maxSteps: 1, maxRelativeChange: bound,
      maxOutputChange: growth)
  }

  /// η_k = max(η, min(2, κ/δ)·η_{k−1}) with δ the largest output change of the step before.
  @Test func theStepGrowsAtMostTwofoldAndNeverBelowEta() {
    var g = StepGrowth(config: Self.config(step: 0.5, bound: nil, growth: 0.1), samples: 2)
    let noGradient: () -> Double = {
      Issue.record("no bound: the gradient norm is not needed")
      return 0
    }
    g.observe([1, 2], fitted: true)
    #expect(g.next(gradient: noGradient, norm: 1) == 0.5)  // nothing measured yet: η
    g.observe([1.01, 2], fitted: true)  // δ = 0.01: κ/δ = 10, capped at 2
    #expect(g.next(gradient: noGradient, norm: 1) == 1)
    g.observe([1.01, 2.25], fitted: true)  // δ = 0.25: 0.4·1 = 0.4, below η
    #expect(g.next(gradient: noGradient, norm: 1) == 0.5)
    g.observe([1.01, 2.3], fitted: true)  // δ = 0.05: 2·0.5
    #expect(g.next(gradient: noGradient, norm: 1) == 1)
    g.observe([1.09, 2.3], fitted: true)  // δ = 0.08: 1.25·1
    #expect(abs(g.next(gradient: noGradient, norm: 1) - 1.25) < 1e-12)
    #expect(g.grownSteps == 3 && g.boundSteps == 0)
  }

  /// No growth while a training point is misclassified: its outputs may have stopped moving (dead units).
  @Test func noGrowthBeforeEveryPointIsFitted() {
    var g = StepGrowth(config: Self.config(step: 0.5, bound: nil, growth: 0.1), samples: 2)
    for _ in 0..<3 {
      g.observe([1, -2], fitted: false)
      #expect(g.next(gradient: { 0 }, norm: 1) == 0.5)
    }
    g.observe([1, 2], fitted: true)  // δ = 4 (≥ κ): η
    #expect(g.next(gradient: { 0 }, norm: 1) == 0.5)
    g.observe([1, 2], fitted: true)  // δ = 0: twice
    #expect(g.next(gradient: { 0 }, norm: 1) == 1)
    #expect(g.grownSteps == 1)
  }

  /// The relative bound caps the grown step as it caps η; without growth the step is η or the bound's.
  @Test func theBoundCapsEveryStep() {
    var g = StepGrowth(config: Self.config(step: 1, bound: 0.1, growth: nil), samples: 1)
    g.observe([3], fitted: true)
    #expect(g.next(gradient: { 5 }, norm: 2) == 0.2 / 5)  // ‖Δθ‖ = 5η > 0.1·2
    g.observe([4], fitted: true)  // no growth: ignored
    #expect(g.next(gradient: { 0.1 }, norm: 2) == 1)
    #expect(g.boundSteps == 1 && g.grownSteps == 0)
    var grown = StepGrowth(config: Self.config(step: 1, bound: 0.1, growth: 1), samples: 1)
    grown.observe([0], fitted: true)
    #expect(grown.next(gradient: { 0.01 }, norm: 1) == 1)
    grown.observe([0.01], fitted: true)  // κ/δ = 100: 2, and 2·0.01 ≤ 0.1·1
    #expect(grown.next(gradient: { 0.01 }, norm: 1) == 2)
    grown.observe([0.03], fitted: true)  // 2·2 = 4, but 4·0.05 > 0.1: cut to 0.1/0.05
    #expect(grown.next(gradient: { 0.05 }, norm: 1) == 2)
    #expect(grown.boundSteps == 1 && grown.grownSteps == 1)
  }

  static func train(step: Double, bound: Double, growth: Double?, seed: UInt64) throws -> (
    TrainingReport, TwoLayerNetwork, TrainingSet
  ) {
    var rng = RandomSource(seed: seed)
    let data = TrainingSet.random(points: 8, dimension: 400, distribution: .sphere, rng: &rng)
    let net = TwoLayerNetwork.random(inputs: 400, width: 20, activation: .relu, initScale: 1e-3, using: &rng)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: .exponential, stepSize: step, rule: .lyuLi, maxSteps: 400_000, convergenceTolerance: 1e-3,
        maxRelativeChange: bound, maxOutputChange: growth))
    let report = try trainer.run()
    return (report, trainer.network, data)
  }

  /// Halving η, the bound and κ moves the converged normalised margin and flip radius by < 0.5%, as without
  /// growth; and growth reaches convergence in fewer steps than η alone.
  @Test(arguments: [UInt64(1), 2])
  func halvingTheStepWithGrowthChangesMarginAndRadiusByLessThanHalfAPercent(seed: UInt64) throws {
    let (coarse, coarseNet, data) = try Self.train(step: 0.2, bound: 0.02, growth: 0.1, seed: seed)
    let (fine, fineNet, _) = try Self.train(step: 0.1, bound: 0.01, growth: 0.05, seed: seed)
    let (plain, plainNet, _) = try Self.train(step: 0.2, bound: 0.02, growth: nil, seed: seed)
    #expect(coarse.stopReason == .marginConverged && fine.stopReason == .marginConverged)
    #expect(coarse.grownSteps > 0 && coarse.steps < plain.steps, "\(coarse.steps) vs \(plain.steps)")
    let radius = FlowFaithfulnessTests.medianFlipRadius
    for (other, otherNet) in [(fine, fineNet), (plain, plainNet)] {
      let margin = abs(other.final.normalizedMargin / coarse.final.normalizedMargin - 1)
      let moved = abs(radius(otherNet, data) / radius(coarseNet, data) - 1)
      #expect(margin < 0.005, "normalised margin moved by \(margin)")
      #expect(moved < 0.005, "flip radius moved by \(moved)")
    }
  }
}
