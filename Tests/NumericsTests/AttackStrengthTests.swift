import Testing

@testable import Numerics

@Suite struct AttackStrengthTests {
  static func setting() -> (TwoLayerNetwork, TrainingSet) {
    var rng = RandomSource(seed: 3)
    let net = TwoLayerNetwork.fixedSigns(inputs: 5, width: 8, activation: .tanh, using: &rng)
    let data = TrainingSet.twoClassMixture(points: 6, dimension: 5, separation: 1, scale: 1, rng: &rng)
    return (net, data)
  }

  /// An attack that runs exactly the steps of its reference is exactly as strong: share 1.
  @Test func theReferenceAgainstItselfHasShareOne() {
    let (net, data) = Self.setting()
    // A reference with a tolerance nothing meets runs its whole budget, exactly like the attack's steps.
    let s = AttackStrength.measure(
      net, inputs: data.x, labels: data.y, points: 4, radius: 0.2, attack: (step: 0.25, steps: 50),
      reference: (step: 0.25, maxIterations: 50, tolerance: 1e-300), starts: RandomSource(seed: 1))
    #expect(s.share == 1 && s.converged == 0)
  }

  /// Zero steps leave every input at its start: the share is Σ ℓ(start) / Σ ℓ(reference end), computed by hand
  /// from the same starts (`point <i>` streams); ε = 0 has no attack: NaN.
  @Test func zeroStepsMeasureTheStartsAgainstTheReference() {
    let (net, data) = Self.setting()
    let (epsilon, points) = (0.2, 3)
    let reference = PGAConfiguration(
      radius: epsilon, step: 0.25, rule: .normalized, maxIterations: 2_000, tolerance: 1e-8)
    let starts = RandomSource(seed: 7)
    var atStart = 0.0
    var atEnd = 0.0
    var converged = 0.0
    for i in 0..<points {
      var stream = starts.derived("point \(i)")
      let start = stream.onSphere(dimension: 5, radius: epsilon)
      var loss = AdversarialLoss(network: net, x: data.x.row(i), target: data.y[i])
      atStart += loss.value(at: start)
      var full = ProjectedGradientAscent(loss: loss, configuration: reference)
      let out = full.run(from: start)
      atEnd += out.loss
      converged += out.converged ? 1 : 0
    }
    let s = AttackStrength.measure(
      net, inputs: data.x, labels: data.y, points: points, radius: epsilon, attack: (step: 0.25, steps: 0),
      reference: (step: 0.25, maxIterations: 2_000, tolerance: 1e-8), starts: starts)
    #expect(s == AttackStrength(share: atStart / atEnd, converged: converged / Double(points)))
    #expect(s.share <= 1)
    let none = AttackStrength.measure(
      net, inputs: data.x, labels: data.y, points: points, radius: 0, attack: (step: 0.25, steps: 5),
      reference: (step: 0.25, maxIterations: 5, tolerance: 1e-6), starts: starts)
    #expect(none.share.isNaN && none.converged.isNaN)
  }
}
