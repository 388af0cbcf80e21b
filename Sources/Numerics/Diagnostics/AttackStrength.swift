/// How strong a short attack is against a converged one: the K-step PGA of adversarial training's inner loop and
/// a reference PGA run to its tolerance, both from the same random start of the sphere ‖δ‖ = ε at each input.
///
/// `share` = Σ_i ℓ_i(K-step end) / Σ_i ℓ_i(reference end) over the probed inputs (1: the short attack is as strong
/// as a converged one; below 1: weaker); `converged` = the share of reference runs that met their tolerance.
/// Both are NaN when ε = 0 (no attack) or no input is probed.
public struct AttackStrength: Sendable, Equatable {
  public let share: Double
  public let converged: Double

  public init(share: Double, converged: Double) {
    self.share = share
    self.converged = converged
  }

  /// Probes the first `points` rows of `inputs`; input i starts from a point uniform on the sphere of radius ε,
  /// drawn from `starts.derived("point <i>")` (so each input's start does not depend on how many are probed).
  /// Both runs take normalized steps (`PGAStepRule.normalized`): the attack `attack.steps` of them with no
  /// tolerance (it always runs them all), the reference until its tolerance or budget.
  public static func measure(
    _ network: TwoLayerNetwork, inputs: Matrix, labels: [Double], points: Int, radius epsilon: Double,
    attack: (step: Double, steps: Int), reference: (step: Double, maxIterations: Int, tolerance: Double),
    starts: RandomSource
  ) -> AttackStrength {
    guard epsilon > 0, points > 0 else { return AttackStrength(share: .nan, converged: .nan) }
    let short = PGAConfiguration(
      radius: epsilon, step: attack.step, rule: .normalized, maxIterations: attack.steps, tolerance: 1e-300)
    let full = PGAConfiguration(
      radius: epsilon, step: reference.step, rule: .normalized, maxIterations: reference.maxIterations,
      tolerance: reference.tolerance)
    var attacked = 0.0
    var referenced = 0.0
    var converged = 0.0
    for i in 0..<points {
      var stream = starts.derived("point \(i)")
      let start = stream.onSphere(dimension: inputs.cols, radius: epsilon)
      let loss = AdversarialLoss(network: network, x: inputs.row(i), target: labels[i])
      var shortRun = ProjectedGradientAscent(loss: loss, configuration: short)
      var fullRun = ProjectedGradientAscent(loss: loss, configuration: full)
      attacked += shortRun.run(from: start).loss
      let out = fullRun.run(from: start)
      referenced += out.loss
      converged += out.converged ? 1 : 0
    }
    return AttackStrength(share: attacked / referenced, converged: converged / Double(points))
  }
}
