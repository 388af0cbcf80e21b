import Foundation
import Testing

@testable import Numerics

/// Projected gradient ascent and the second-order test on cases with known answers.
@Suite struct ProjectedGradientAscentTests {
  /// f(z) = g·z exactly: softplus(u) − softplus(−u) = u, so two units w = ±g with a = ±1 are linear,
  /// and their Hessian vanishes (softplus'' is even).
  static func linearNetwork(_ g: [Double]) -> TwoLayerNetwork {
    TwoLayerNetwork(
      weights: Matrix(rowVectors: [g, g.map { -$0 }]), outer: [1, -1], activation: .softplus, trainsOuter: false)
  }

  static func linearCase(residualOverRadius ratio: Double, seed: UInt64) -> (
    loss: AdversarialLoss, g: [Double], c: Double, epsilon: Double
  ) {
    var rng = RandomSource(seed: seed)
    let d = 8
    let g = rng.normals(d)
    let x = rng.normals(d)
    let epsilon = 0.7
    // c = f(x) − y = ratio·ε‖g‖ (sign included).
    let c = ratio * epsilon * norm(g)
    let y = dot(g, x) - c
    return (AdversarialLoss(network: linearNetwork(g), x: x, target: y), g, c, epsilon)
  }

  @Test(arguments: [PGAStepRule.normalized, .plain], [3.0, -3.0])
  func linearModelConvergesToTheKnownMaximiser(rule: PGAStepRule, ratio: Double) throws {
    let (loss, g, c, epsilon) = Self.linearCase(residualOverRadius: ratio, seed: 10)
    // |c| > ε‖g‖: the maximiser on the ball is unique, δ* = ε·sign(c)·g/‖g‖.
    let expected = normalized(g).map { epsilon * (c > 0 ? 1 : -1) * $0 }
    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: rule == .normalized ? 0.5 : 0.05, rule: rule, maxIterations: 2000, tolerance: 1e-10))
    var rng = RandomSource(seed: 11)
    for _ in 0..<5 {
      let start = rng.onSphere(dimension: g.count, radius: epsilon)
      let out = pga.run(from: start, trace: true)
      #expect(
        out.converged && out.onSphere, "\(rule): \(out.iterations) iterations, ‖g‖/‖∇ℓ‖ \(out.relativeGradientNorm)")
      for k in g.indices { #expect(abs(out.delta[k] - expected[k]) <= 1e-8) }
      let trace = try #require(out.trace)
      #expect(trace.loss.count == out.iterations + 1 && trace.multiplier.count == out.iterations + 1)
      #expect(trace.loss.last == out.loss && trace.relativeGradientNorm.last! <= 1e-10)
      // At δ*: λ = (c + g·δ*)(g·δ*)/ε² > 0, and the tangent Hessian is −λ·I.
      let lambda = (abs(c) + epsilon * norm(g)) * norm(g) / epsilon
      #expect(abs(out.multiplier - lambda) <= 1e-8 * lambda)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: 1e-6)
      #expect(test.passes)
      #expect(
        abs(test.largestTangentEigenvalue + lambda) <= 1e-6 * lambda, "\(test.largestTangentEigenvalue) vs −\(lambda)")
      #expect(abs(test.relativeLargestEigenvalue + 1) <= 1e-6)
    }
  }

  @Test func observerSeesEveryIterate() {
    let (loss, g, _, epsilon) = Self.linearCase(residualOverRadius: 2, seed: 12)
    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(radius: epsilon, step: 0.3, rule: .normalized, maxIterations: 50, tolerance: 1e-9)
    )
    var seen: [Int] = []
    var lastNorm = 0.0
    var rng = RandomSource(seed: 1)
    let out = pga.run(from: rng.onSphere(dimension: g.count, radius: 3 * epsilon)) { t, delta in
      seen.append(t)
      lastNorm = norm(delta)
    }
    #expect(seen == Array(0...out.iterations))
    // The start is projected onto the ball first.
    #expect(abs(lastNorm - epsilon) <= 1e-12)
    #expect(out.trace == nil)
  }

  @Test func budgetStopsAnUnconvergedRun() {
    let (loss, g, _, epsilon) = Self.linearCase(residualOverRadius: 2, seed: 13)
    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: 1e-3, rule: .normalized, maxIterations: 3, tolerance: 1e-12))
    var rng = RandomSource(seed: 2)
    let out = pga.run(from: rng.onSphere(dimension: g.count, radius: epsilon), trace: true)
    #expect(!out.converged && out.iterations == 3 && out.trace?.loss.count == 4)
  }

  @Test func theOtherPoleIsAMinimumAndFails() throws {
    // |c| > ε‖g‖: at −δ* the gradient points into the ball (λ < 0).
    let (loss, g, c, epsilon) = Self.linearCase(residualOverRadius: 3, seed: 14)
    let pole = normalized(g).map { -epsilon * (c > 0 ? 1 : -1) * $0 }
    let test = try SecondOrderTest(loss: loss, at: pole, radius: epsilon, tolerance: 1e-6)
    #expect(test.multiplier < 0 && !test.passes)
  }

  @Test func aZeroOfTheLossOnTheSphereFails() throws {
    // |c| < ε‖g‖: the sphere meets {g·δ = −c}, where ℓ = 0 (a global minimum): λ = 0 and the tangent
    // Hessian is Pg(Pg)ᵀ, with largest eigenvalue ‖Pg‖² > 0.
    let (loss, g, c, epsilon) = Self.linearCase(residualOverRadius: 0.4, seed: 15)
    var rng = RandomSource(seed: 3)
    let u = normalized(g)
    var t = rng.normals(g.count)
    axpy(-dot(t, u), u, &t)
    t = normalized(t)
    let along = -c / norm(g)
    var delta = u.map { along * $0 }
    axpy((epsilon * epsilon - along * along).squareRoot(), t, &delta)
    var l = loss
    #expect(l.value(at: delta) < 1e-20)
    let test = try SecondOrderTest(loss: loss, at: delta, radius: epsilon, tolerance: 1e-6)
    let tangentPart = dot(g, g) - pow(dot(g, delta) / epsilon, 2)
    #expect(!test.passes)
    #expect(abs(test.largestTangentEigenvalue - tangentPart) <= 1e-9 * tangentPart)
  }

  /// F(z) = z₁ + z₂ + E(z₃), E(u) = softplus(ku) + softplus(−ku) − 2 log 2 (even, E''(0) = k²/2), at x = 0:
  /// q = ε(1, 1, 0)/√2 is critical on the sphere with λ = 2 (ε = 1); along (1, −1, 0) it is a maximum
  /// (tangent eigenvalue −λ = −2), along e₃ a minimum (eigenvalue √2·k²/2 − 2): a saddle.
  @Test func aSaddleFailsAndAscentFromRandomStartsAvoidsIt() throws {
    let k = 3.0
    let net = TwoLayerNetwork(
      weights: Matrix(rowVectors: [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, k], [0, 0, -k]]),
      outer: [1, -1, 1, -1, 1, 1], activation: .softplus, trainsOuter: false)
    let loss = AdversarialLoss(network: net, x: [0, 0, 0], target: 2 * log(2.0))
    let q = [(0.5).squareRoot(), (0.5).squareRoot(), 0]
    let saddle = try SecondOrderTest(loss: loss, at: q, radius: 1, tolerance: 1e-6)
    #expect(abs(saddle.multiplier - 2) <= 1e-12)
    #expect(abs(saddle.largestTangentEigenvalue - (Double(2).squareRoot() * k * k / 2 - 2)) <= 1e-9)
    #expect(!saddle.passes)
    let eigen = try SecondOrderTest.tangentEigenvalues(
      {
        var h = loss.hessian(at: q)
        for i in 0..<3 { h[i, i] -= 2 }
        return h
      }(), normal: q)
    #expect(eigen.count == 2 && abs(eigen[0] + 2) <= 1e-9)

    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(radius: 1, step: 0.3, rule: .normalized, maxIterations: 3000, tolerance: 1e-9))
    var rng = RandomSource(seed: 4)
    for _ in 0..<8 {
      let out = pga.run(from: rng.onSphere(dimension: 3, radius: 1))
      #expect(out.converged)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: 1e-6)
      #expect(test.passes, "ended at \(out.delta), λ_max \(test.largestTangentEigenvalue)")
      let distance = norm(zip(out.delta, q).map { $0 - $1 })
      #expect(distance > 0.1, "PGA ended at the saddle: \(out.delta)")
    }
  }

  @Test func tangentEigenvaluesOfAKnownMatrix() throws {
    // diag(1, −1, 2) on the complement of e₃ is diag(1, −1); on the complement of (1, 1, 0)/√2 it is
    // the span of (1, −1, 0)/√2 (value 0) and e₃ (value 2).
    let m = Matrix(rowVectors: [[1, 0, 0], [0, -1, 0], [0, 0, 2]])
    let a = try SecondOrderTest.tangentEigenvalues(m, normal: [0, 0, 5])
    #expect(abs(a[0] + 1) <= 1e-12 && abs(a[1] - 1) <= 1e-12)
    let b = try SecondOrderTest.tangentEigenvalues(m, normal: [1, 1, 0])
    #expect(abs(b[0]) <= 1e-12 && abs(b[1] - 2) <= 1e-12)
    let h = SecondOrderTest.householder(mapping: [-2, 1, 2])
    #expect(
      abs(
        product(h, .transpose, h, .none).storage.enumerated().map { $0.element - ($0.offset % 4 == 0 ? 1 : 0) }.map(abs)
          .max()!) <= 1e-12)
    // Its first column is ±v̂.
    #expect(abs(abs(dot([h[0, 0], h[1, 0], h[2, 0]], normalized([-2, 1, 2]))) - 1) <= 1e-12)
  }
}
