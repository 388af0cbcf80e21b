import Foundation
import Testing

@testable import Numerics

@Suite struct TrainerTests {
  static func problem(n: Int, d: Int, m: Int, seed: UInt64) -> (TwoLayerNetwork, TrainingSet) {
    var rng = RandomSource(seed: seed)
    let data = TrainingSet.random(points: n, dimension: d, distribution: .sphere, rng: &rng)
    let net = TwoLayerNetwork.random(inputs: d, width: m, activation: .relu, initScale: 0.1, using: &rng)
    return (net, data)
  }

  @Test func oneStepMatchesTheReferenceGradient() throws {
    let (net, data) = Self.problem(n: 6, d: 10, m: 5, seed: 1)
    let eta = 0.01
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .logistic, stepSize: eta, maxSteps: 1, mode: .direct))
    try trainer.run()
    let (_, g) = net.lossAndGradient(data.x, data.y, loss: .logistic)
    let trained = trainer.network
    for k in 0..<net.weights.storage.count {
      #expect(abs(trained.weights.storage[k] - (net.weights.storage[k] - eta * g.weights.storage[k])) < 1e-15)
    }
    for j in 0..<net.width { #expect(abs(trained.outer[j] - (net.outer[j] - eta * g.outer[j])) < 1e-15) }
  }

  @Test(arguments: [StepRule.plain, .lossNormalized])
  func spanModeGivesTheSameNetworkAsDirect(rule: StepRule) throws {
    let (net, data) = Self.problem(n: 8, d: 40, m: 6, seed: 2)
    func train(_ mode: TrainingMode) throws -> (TwoLayerNetwork, TrainingReport) {
      let t = Trainer(
        network: net, inputs: data.x, labels: data.y,
        config: TrainingConfig(loss: .exponential, stepSize: 0.05, rule: rule, maxSteps: 300, mode: mode))
      let report = try t.run()
      return (t.network, report)
    }
    let (direct, r1) = try train(.direct)
    let (span, r2) = try train(.span)
    #expect(r2.mode == .span)
    let diff = zip(direct.weights.storage, span.weights.storage).map { abs($0 - $1) }.max()!
    #expect(diff <= 1e-9 * direct.weights.storage.map(abs).max()!)
    for j in 0..<net.width { #expect(abs(direct.outer[j] - span.outer[j]) <= 1e-9 * max(1, abs(direct.outer[j]))) }
    #expect(abs(r1.final.squaredNorm - r2.final.squaredNorm) <= 1e-9 * r1.final.squaredNorm)
    #expect(abs(r1.final.logLoss - r2.final.logLoss) <= 1e-9 * abs(r1.final.logLoss))
  }

  @Test func lyuLiTrainingFitsAndGrowsTheNormalizedMarginMonotonically() throws {
    let (net, data) = Self.problem(n: 10, d: 200, m: 20, seed: 3)
    var margins: [Double] = []
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .exponential, stepSize: 0.2, rule: .lyuLi, maxSteps: 4000))
    let report = try trainer.run { snap, _ in
      if snap.step % 500 == 0 && snap.step >= 1000 { margins.append(snap.normalizedMargin) }
    }
    #expect(report.final.accuracy == 1)
    #expect(report.stopReason == .stepBudget)
    #expect(zip(margins, margins.dropFirst()).allSatisfy { $0 < $1 }, "\(margins)")
    // The loss underflows long before the log-loss does.
    #expect(report.final.logLoss.isFinite && report.final.logLoss < -50)
  }

  /// Regression: when every ℓ_i underflows to 0 the loss-normalised step must still move θ
  /// (its weights come from the log domain), until ‖θ‖ reaches the limit.
  @Test func lossNormalizedStepKeepsMovingAfterTheLossUnderflows() throws {
    let (net, data) = Self.problem(n: 10, d: 200, m: 20, seed: 3)
    var norms: [Double] = []
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .exponential, stepSize: 0.05, rule: .lossNormalized, maxSteps: 100_000))
    let report = try trainer.run { snap, _ in if snap.loss == 0 { norms.append(snap.squaredNorm) } }
    #expect(norms.count > 10)
    #expect(norms.last! > norms.first!)
    #expect(report.stopReason == .normLimit)
  }

  @Test func stopsOnTargetMargin() throws {
    let (net, data) = Self.problem(n: 5, d: 100, m: 10, seed: 4)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: .logistic, stepSize: 0.05, rule: .lossNormalized, maxSteps: 100_000, targetNormalizedMargin: 0.5))
    let report = try trainer.run()
    #expect(report.stopReason == .targetMargin)
    #expect(report.final.normalizedMargin >= 0.5)
    #expect(report.steps < 100_000)
  }

  @Test func divergenceIsAnErrorNamingTheStep() {
    let (net, data) = Self.problem(n: 5, d: 20, m: 10, seed: 5)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .squared, stepSize: 1e6, maxSteps: 1000))
    #expect(throws: TrainingError.self) { try trainer.run() }
    do {
      try trainer.run()
    } catch let e as TrainingError {
      #expect(e.description.contains("step"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}

/// The bounded-relative-change step follows gradient flow: halving both the step and the bound moves
/// the converged network's normalised margin and flip radius by less than 0.5%.
@Suite struct FlowFaithfulnessTests {
  static func train(step: Double, bound: Double?, seed: UInt64) throws -> (TrainingReport, TwoLayerNetwork, TrainingSet)
  {
    var rng = RandomSource(seed: seed)
    let data = TrainingSet.random(points: 8, dimension: 400, distribution: .sphere, rng: &rng)
    let net = TwoLayerNetwork.random(inputs: 400, width: 20, activation: .relu, initScale: 1e-3, using: &rng)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: .exponential, stepSize: step, rule: .lyuLi, maxSteps: 400_000, convergenceTolerance: 1e-3,
        maxRelativeChange: bound))
    let report = try trainer.run()
    return (report, trainer.network, data)
  }

  static func medianFlipRadius(_ net: TwoLayerNetwork, _ data: TrainingSet) -> Double {
    let u = data.universalDirection
    let radii = (0..<data.count).map { i -> Double in
      let ray = RayEvaluator(net, at: data.x.row(i), along: u.map { -data.y[i] * $0 })
      return RaySearch.firstSignChange(start: 1e-6, maxT: 1e3, growth: 1.02, from: data.y[i]) { ray($0) } ?? .nan
    }.sorted()
    return 0.5 * (radii[3] + radii[4])
  }

  @Test(arguments: [UInt64(1), 2])
  func halvingTheStepChangesMarginAndRadiusByLessThanHalfAPercent(seed: UInt64) throws {
    let (coarse, coarseNet, data) = try Self.train(step: 0.2, bound: 0.02, seed: seed)
    let (fine, fineNet, _) = try Self.train(step: 0.1, bound: 0.01, seed: seed)
    #expect(coarse.stopReason == .marginConverged && fine.stopReason == .marginConverged)
    // Both stop at a similar flow time (the convergence test runs on the flow's clock, not in steps; where
    // the margin creeps, the moment it meets the tolerance is itself sensitive).
    #expect(abs(fine.final.flowTime / coarse.final.flowTime - 1) < 0.3)
    let margin = abs(fine.final.normalizedMargin / coarse.final.normalizedMargin - 1)
    let radius = abs(Self.medianFlipRadius(fineNet, data) / Self.medianFlipRadius(coarseNet, data) - 1)
    #expect(margin < 0.005, "normalised margin moved by \(margin)")
    #expect(radius < 0.005, "flip radius moved by \(radius)")
  }

  /// Without the bound the first steps leap: θ changes by far more than 2% in one step.
  @Test func theBoundHoldsEveryStepAndIsNeededEarly() throws {
    var rng = RandomSource(seed: 3)
    let data = TrainingSet.random(points: 8, dimension: 400, distribution: .sphere, rng: &rng)
    let net = TwoLayerNetwork.random(inputs: 400, width: 20, activation: .relu, initScale: 1e-3, using: &rng)
    func largestRelativeStep(_ bound: Double?) throws -> Double {
      var previous: [Double]?
      var largest = 0.0
      let trainer = Trainer(
        network: net, inputs: data.x, labels: data.y,
        config: TrainingConfig(
          loss: .exponential, stepSize: 0.2, rule: .lyuLi, maxSteps: 50, maxRelativeChange: bound, mode: .direct))
      try trainer.run { _, t in
        let theta = t.network.weights.storage + t.network.outer
        if let p = previous {
          largest = max(largest, norm(zip(theta, p).map { $0 - $1 }) / norm(p))
        }
        previous = theta
      }
      return largest
    }
    #expect(try largestRelativeStep(0.02) <= 0.02 * (1 + 1e-9))
    #expect(try largestRelativeStep(nil) > 0.1)
  }

  /// The margin's change is the largest deviation over the second half of the flow time.
  @Test func convergenceIsJudgedOverTheSecondHalfOfTheFlowTime() throws {
    let (report, _, _) = try Self.train(step: 0.2, bound: 0.02, seed: 4)
    #expect(report.stopReason == .marginConverged)
    #expect(report.final.marginChange <= 1e-3 && report.final.accuracy == 1)
    #expect(report.final.flowTime > 0)
  }
}
