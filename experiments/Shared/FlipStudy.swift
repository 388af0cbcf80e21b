import Foundation
import Harness
import Numerics

/// The setting shared by the papers whose modules train a bias-free two-layer ReLU network by gradient
/// descent on the gradient flow's clock and measure how far a point must move to flip its label
/// (vardi2022 and frei2023): the training parameters and the trainer they configure, what a training run
/// records, the flip radius along a direction, and the claims that the network measured is near a KKT
/// point of the max-margin problem. Every module that uses it has it in its source fingerprint
/// (`experiments/Shared/` is shared by every experiment), so an edit here makes each of them stale.
/// What one paper alone uses stays in that paper's setting file.
package enum FlipStudy {
  package static let data = Parameter.choice(
    "data", "input distribution: uniform on the sphere of radius √d, or N(0, I_d)", paper: InputDistribution.sphere,
    quick: .sphere)
  package static let loss = Parameter.choice("loss", "training loss", paper: Loss.exponential, quick: .exponential)
  package static let initScale = Parameter.real(
    "init_scale", "initial ‖w_j‖ and √m·|v_j| scale (small: the implicit-bias regime)", paper: 1e-3, quick: 1e-3,
    in: 1e-12...10)
  package static let rule = Parameter.choice(
    "rule", "step rule: plain η, loss-normalised η/L, or lyu-li η/(L·log²(1/L))", paper: StepRule.lyuLi, quick: .lyuLi)
  package static let step = Parameter.real("step", "step size η", paper: 0.2, quick: 0.2, in: 1e-9...100)
  package static let maxRelativeStep = Parameter.real(
    "max_rel_step",
    "bound on ‖Δθ‖/‖θ‖ per step (the step is shortened where η would leap: the early phase); 0: no bound",
    paper: 0.01, quick: 0.02, in: 0...10)
  package static func maxSteps(paper: Int, quick: Int) -> Parameter {
    .int("max_steps", "step budget", paper: paper, quick: quick, in: 0...10_000_000)
  }
  package static func convergence(paper: Double, quick: Double) -> Parameter {
    .real(
      "converge_tol",
      "stop once the data are fitted and the normalised margin changed by less than this (relative) over the second half of the flow time; 0: never",
      paper: paper, quick: quick, in: 0...1)
  }
  /// Negative controls: the flip searched along a random direction instead of −y·u.
  package static let direction = Parameter.choice(
    "direction", "flip direction: the universal −y·u, or (a negative control) a random unit direction",
    paper: FlipDirection.universal, quick: .universal)
  /// Negative controls: the generic attack replaced by a search along one random direction.
  package static let attack = Parameter.choice(
    "attack", "the generic ℓ2 attack, or (a negative control) a search along one random direction",
    paper: AttackKind.generic, quick: .generic)

  /// Late in training the lyu-li step moves the margins by ever less (`StepGrowth`); vardi2022's runs spent
  /// 97% of their steps there at η. Growing the step while one step moves every output by < 0.1 follows
  /// the same path on the same clock in far fewer steps (halving η, the bound and this moves margin and
  /// flip radius by < 0.5%: `Tests/NumericsTests/StepGrowthTests.swift`).
  package static let maxOutputChange = Parameter.real(
    "max_output_change",
    "late-phase step growth: the step grows above η while one step moves every output N(x_i) by less than this; 0: η throughout",
    paper: 0.1, quick: 0.1, in: 0...100)

  package static let targetMargin = Parameter.real(
    "target_margin", "stop once the normalised margin min_i y_i N(x_i)/‖θ‖² reaches this; 0: never",
    paper: 0, quick: 0, in: 0...1e6)

  /// The training parameters, in the order modules list them after their own.
  package static func training(
    maxSteps steps: (paper: Int, quick: Int), convergence tol: (paper: Double, quick: Double)
  )
    -> [Parameter]
  {
    [
      data, loss, initScale, rule, step, maxRelativeStep, maxSteps(paper: steps.paper, quick: steps.quick),
      convergence(paper: tol.paper, quick: tol.quick), targetMargin, maxOutputChange,
    ]
  }

  /// A trainer from `initial` on `data`, configured by the point's training parameters (vardi2022 and frei2023).
  package static func trainer(_ p: Point, data: TrainingSet, initial: TwoLayerNetwork) -> Trainer {
    let tolerance = p.real("converge_tol")
    let target = p.real("target_margin")
    let bound = p.real("max_rel_step")
    // frei2023 does not declare it (no growth there).
    let growth = p.values.contains { $0.name == "max_output_change" } ? p.real("max_output_change") : 0
    return Trainer(
      network: initial, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: p.choice("loss"), stepSize: p.real("step"), rule: p.choice("rule"),
        maxSteps: p.int("max_steps"), targetNormalizedMargin: target > 0 ? target : nil,
        convergenceTolerance: tolerance > 0 ? tolerance : nil, maxRelativeChange: bound > 0 ? bound : nil,
        maxOutputChange: growth > 0 ? growth : nil))
  }

  /// What the training run reached, and how near a KKT point of the max-margin problem it ended.
  package static func recordTraining(
    _ r: inout Record, data: TrainingSet, report: TrainingReport, network: TwoLayerNetwork
  ) {
    r.set("train_accuracy", report.final.accuracy, "share of training points with y_i·N(x_i) > 0 at the end")
    r.set(
      "normalized_margin", report.final.normalizedMargin, "min_i y_i·N(x_i) / ‖θ‖² of the trained network")
    r.set(
      "margin_change", report.final.marginChange,
      "relative change of the normalised margin over the second half of the flow time (NaN before the first step; +∞ when the margin is now 0)",
      allowing: [.nan, .infinity])
    r.set(
      "flow_time", report.final.flowTime,
      "gradient-flow time reached: the sum of effective step sizes on the clock of the step rule's flow")
    r.set(
      "log_loss", report.final.logLoss, "log of the mean training loss at the end (finite where the loss underflows)")
    r.setCount("steps", report.steps, "gradient steps taken (stop_reason says why training stopped)")
    let kkt = KKTDiagnostics(network, inputs: data.x, labels: data.y)
    r.set(
      "kkt_residual", kkt.relativeResidual,
      "‖θ̃ − Σ λ_i y_i ∇N(x_i)‖ / ‖θ̃‖ at the margin-normalised θ̃, λ ≥ 0 by NNLS: 0 at a KKT point of the max-margin problem"
        + kktUndefined, allowing: .nan)
    r.set(
      "fraction_on_margin", kkt.fractionOnMargin,
      "share of training points whose margin is within 1% of the smallest" + kktUndefined, allowing: .nan)
    r.note("stop_reason", report.stopReason.rawValue)
    r.note("training_mode", report.mode.rawValue)
  }

  /// When the KKT diagnostics are undefined, for their descriptions (declared NaN where they are recorded).
  package static let kktUndefined = " (NaN while some margin y_i·N(x_i) is ≤ 0)"

  /// Smallest t with y·N(x − t·y·dir) ≤ 0 (0 if already misclassified; NaN if none within `maxT`, by
  /// default 10‖x‖). A tie N = 0 counts as a flip, for either label.
  package static func flipRadius(
    _ net: TwoLayerNetwork, at x: [Double], label y: Double, direction: [Double], maxT: Double? = nil
  ) -> Double {
    flipRadius(RayEvaluator(net, at: x, along: direction.map { -y * $0 }), at: x, label: y, maxT: maxT)
  }

  /// `flipRadius` at every row of `inputs` along one direction, W·direction computed once for all of them
  /// (`RayEvaluator.rays`: the same numbers as one `flipRadius` per row).
  package static func flipRadii(
    _ net: TwoLayerNetwork, at inputs: Matrix, labels: [Double], direction: [Double], maxT: Double? = nil
  ) -> [Double] {
    let rays = RayEvaluator.rays(net, at: inputs, along: direction, signs: labels.map { -$0 })
    return rays.indices.map { i in flipRadius(rays[i], at: inputs.row(i), label: labels[i], maxT: maxT) }
  }

  /// The search itself, on the ray from x along −y·direction.
  package static func flipRadius(_ ray: RayEvaluator, at x: [Double], label y: Double, maxT: Double?) -> Double {
    let limit = maxT ?? 10 * norm(x)
    return RaySearch.firstSignChange(start: 1e-6 * limit / 10, maxT: limit, growth: 1.02, from: 1) { y * ray($0) }
      ?? .nan
  }

  /// Claims every flip-radius module states first: the network the radii are measured on is near a
  /// KKT point of the max-margin problem (prediction 3), the object the theorem is about. Their control,
  /// a network stopped after two steps, is not.
  package static let nearKKT: [Claim] = [
    Claim.fraction(
      "Training fits every training point", reason: "a KKT point of the max-margin problem has every margin ≥ 1",
      of: { $0.scalar("train_accuracy") }, named: "training accuracy", .within(1...1), atLeast: 1
    ).control("stopped after 2 steps: not trained", set: ["max_steps=2"]),
    Claim.fraction(
      "The normalised margin has converged",
      reason:
        "its relative change over the second half of the flow time is below 1%: the direction of θ has settled (Lyu & Li 2020)",
      of: { $0.scalar("margin_change") }, named: "relative change of γ over [τ/2, τ]", .below(0.01), atLeast: 1
    ).control("stopped after 2 steps: still moving", set: ["max_steps=2"]),
    Claim.fraction(
      "The trained network is near a KKT point",
      reason: "below 0.1 the parameters are within 10% of the KKT form θ = Σ λ_i y_i ∇N(x_i) with λ ≥ 0",
      of: { $0.scalar("kkt_residual") }, named: "relative KKT residual", .below(0.1), atLeast: 1
    ).control("stopped after 2 steps: far from a KKT point", set: ["max_steps=2"]),
  ]
}

/// Where the flip radii are searched.
package enum FlipDirection: String, Sendable, CaseIterable {
  case universal
  case random
}

/// Which attack the attack radii come from.
package enum AttackKind: String, Sendable, CaseIterable {
  case generic
  case randomDirection = "random-direction"
}
