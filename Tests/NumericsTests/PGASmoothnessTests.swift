import Foundation
import Testing

@testable import Numerics

/// The smoothness bound of the adversarial loss over the ball, and the hitting times of a traced PGA run.
@Suite struct PGASmoothnessTests {
  static func randomCase(seed: UInt64, d: Int = 6, m: Int = 9, s: Double = 4) -> (AdversarialLoss, Double) {
    var rng = RandomSource(seed: seed)
    let net = TwoLayerNetwork.fixedSigns(inputs: d, width: m, activation: .tanh, using: &rng)
    let x = rng.onSphere(dimension: d, radius: s)
    return (AdversarialLoss(network: net, x: x, target: 1), 0.1 * s)
  }

  /// One unit, d = 1: f(z) = tanh(w·z), so every bound is a closed form.
  @Test func oneUnitMatchesTheClosedForm() throws {
    let (w, x, y, epsilon) = (1.5, [0.4], -0.5, 0.2)
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [[w]]), outer: [1], activation: .tanh, trainsOuter: false)
    let loss = AdversarialLoss(network: net, x: x, target: y)
    let bound = try AdversarialSmoothness(loss: loss, radius: epsilon)
    let h = 4 / (3 * 3.0.squareRoot()) * w * w
    let t = tanh(w * x[0])
    let g = min(w, w * (1 - t * t) + epsilon * h)
    let r = abs(t - y) + epsilon * g
    #expect(abs(bound.spectralNorm - w) <= 1e-12)
    #expect(abs(bound.hessianBound - h) <= 1e-12 * h)
    #expect(abs(bound.gradientBound - g) <= 1e-12 * g)
    #expect(abs(bound.lipschitz - (g * g + r * h)) <= 1e-12 * bound.lipschitz)
  }

  /// ‖∇²ℓ(δ)‖ at random points of the ball never exceeds L.
  @Test(arguments: [1 as UInt64, 2, 3])
  func boundsTheHessianOnTheBall(seed: UInt64) throws {
    let (loss, epsilon) = Self.randomCase(seed: seed)
    let bound = try AdversarialSmoothness(loss: loss, radius: epsilon)
    var rng = RandomSource(seed: seed + 100)
    var largest = 0.0
    for k in 0..<50 {
      let radius = epsilon * Double(k % 5 + 1) / 5
      let delta = rng.onSphere(dimension: loss.dimension, radius: radius)
      let e = try SymmetricEigen(loss.hessian(at: delta))
      largest = max(largest, abs(e.largest), abs(e.smallest))
    }
    #expect(largest > 0 && largest <= bound.lipschitz, "‖∇²ℓ‖ \(largest) vs L \(bound.lipschitz)")
  }

  /// The ascent lemma: at the plain step η = 1/L every PGA step raises ℓ (up to rounding).
  @Test func theoremStepNeverLowersTheLoss() throws {
    let (loss, epsilon) = Self.randomCase(seed: 7)
    let bound = try AdversarialSmoothness(loss: loss, radius: epsilon)
    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: 1 / bound.lipschitz, rule: .plain, maxIterations: 20_000, tolerance: 1e-8))
    var rng = RandomSource(seed: 8)
    for _ in 0..<3 {
      let out = pga.run(from: rng.onSphere(dimension: loss.dimension, radius: epsilon), trace: true)
      let losses = try #require(out.trace).loss
      #expect(out.converged)
      for (a, b) in zip(losses, losses.dropFirst()) { #expect(b >= a - 1e-12 * abs(a)) }
    }
  }

  /// The first iteration meeting a coarser tolerance is the count of a run stopped at that tolerance.
  @Test func hittingTimesAreTheCountsOfShorterRuns() throws {
    let (loss, epsilon) = Self.randomCase(seed: 9)
    func run(_ tolerance: Double) -> PGAOutcome {
      var pga = ProjectedGradientAscent(
        loss: loss,
        configuration: PGAConfiguration(
          radius: epsilon, step: 0.25, rule: .normalized, maxIterations: 5_000, tolerance: tolerance))
      var rng = RandomSource(seed: 10)
      return pga.run(from: rng.onSphere(dimension: loss.dimension, radius: epsilon), trace: true)
    }
    let fine = run(1e-9)
    let trace = try #require(fine.trace)
    #expect(fine.converged && trace.firstIteration(meeting: 1e-9) == fine.iterations)
    for tolerance in [1e-2, 1e-4, 1e-6] {
      let coarse = run(tolerance)
      #expect(coarse.converged && trace.firstIteration(meeting: tolerance) == coarse.iterations)
    }
    #expect(trace.firstIteration(meeting: 1e-300) == nil)
  }
}
