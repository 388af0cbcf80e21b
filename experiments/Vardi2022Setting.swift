import Foundation
import Harness
import Numerics

/// The setting every vardi2022 module shares (`papers/vardi2022.md`, reconstructed): random
/// ±1 labels on inputs uniform on the sphere of radius √d (or N(0, I_d)); a bias-free two-layer
/// ReLU network with both layers trained from a small initialisation; exponential or logistic loss;
/// loss-normalised gradient descent until the normalised margin stops changing or a step budget.
/// The parameters below are declared once here and listed by each module.
enum Vardi2022 {
  static func width(paper: Int, quick: Int) -> Parameter {
    .int("m", "hidden width", paper: paper, quick: quick, in: 1...100_000)
  }
  static let data = Parameter.choice(
    "data", "input distribution: uniform on the sphere of radius √d, or N(0, I_d)", paper: InputDistribution.sphere,
    quick: .sphere)
  static let loss = Parameter.choice("loss", "training loss", paper: Loss.exponential, quick: .exponential)
  static let initScale = Parameter.real(
    "init_scale", "initial ‖w_j‖ and √m·|v_j| scale (small: the implicit-bias regime)", paper: 1e-3, quick: 1e-3,
    in: 1e-12...10)
  static let rule = Parameter.choice(
    "rule", "step rule: plain η, loss-normalised η/L, or lyu-li η/(L·log²(1/L))", paper: StepRule.lyuLi, quick: .lyuLi)
  static let step = Parameter.real("step", "step size η", paper: 0.2, quick: 0.2, in: 1e-9...100)
  static func maxSteps(paper: Int, quick: Int) -> Parameter {
    .int("max_steps", "step budget", paper: paper, quick: quick, in: 1...10_000_000)
  }
  static func plateau(paper: Double, quick: Double) -> Parameter {
    .real(
      "plateau_tol", "stop when the normalised margin changes by less than this (relative) over 1000 steps; 0: never",
      paper: paper, quick: quick, in: 0...1)
  }

  static let targetMargin = Parameter.real(
    "target_margin", "stop once the normalised margin min_i y_i N(x_i)/‖θ‖² reaches this; 0: never",
    paper: 0, quick: 0, in: 0...1e6)

  /// The training parameters, in the order modules list them after their own.
  static func training(maxSteps steps: (paper: Int, quick: Int), plateau tol: (paper: Double, quick: Double))
    -> [Parameter]
  {
    [
      data, loss, initScale, rule, step, maxSteps(paper: steps.paper, quick: steps.quick),
      plateau(paper: tol.paper, quick: tol.quick), targetMargin,
    ]
  }

  /// A training set, an initial network and a trainer for one sweep point, in that order from `rng`.
  static func trainer(_ p: Point, d: Int, n: Int, m: Int, rng: inout RandomSource) -> (TrainingSet, Trainer) {
    let data = TrainingSet.random(points: n, dimension: d, distribution: p.choice("data"), rng: &rng)
    let initial = TwoLayerNetwork.random(
      inputs: d, width: m, activation: .relu, initScale: p.real("init_scale"), using: &rng)
    let tolerance = p.real("plateau_tol")
    let target = p.real("target_margin")
    let trainer = Trainer(
      network: initial, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: p.choice("loss"), stepSize: p.real("step"), rule: p.choice("rule"),
        maxSteps: p.int("max_steps"), targetNormalizedMargin: target > 0 ? target : nil,
        plateauTolerance: tolerance > 0 ? tolerance : nil, plateauWindow: 1000))
    return (data, trainer)
  }

  /// What every module records about the data and the training run.
  static func record(_ r: inout Record, data: TrainingSet, report: TrainingReport) {
    r["input_norm"] = data.meanNorm
    r["max_inner_product"] = data.maxAbsInnerProduct / Double(data.dimension)
    r["train_accuracy"] = report.final.accuracy
    r["normalized_margin"] = report.final.normalizedMargin
    r["log_loss"] = report.final.logLoss
    r["steps"] = Double(report.steps)
    r.note("stop_reason", report.stopReason.rawValue)
    r.note("training_mode", report.mode.rawValue)
  }

  /// Smallest t with sign N(x_i − t·y_i·dir) ≠ y_i for each training point (NaN if none within 10‖x_i‖),
  /// by bracketing on a geometric grid and bisection.
  static func flipRadii(_ net: TwoLayerNetwork, _ data: TrainingSet, direction: [Double]) -> [Double] {
    (0..<data.count).map { i in
      let x = data.x.row(i)
      let ray = RayEvaluator(net, at: x, along: direction.map { -data.y[i] * $0 })
      let scale = norm(x)
      return RaySearch.firstSignChange(start: 1e-6 * scale, maxT: 10 * scale, growth: 1.02) { ray($0) } ?? .nan
    }
  }

  /// The generic attack's smallest flip at each training point (NaN if none within 10‖x_i‖).
  /// The attack's random restarts draw from `rng`.
  static func attackRadii(_ net: TwoLayerNetwork, _ data: TrainingSet, rng: inout RandomSource) -> [Double] {
    let attack = FlipAttack(net)
    return (0..<data.count).map { i in
      let x = data.x.row(i)
      return attack.minimalFlip(at: x, label: data.y[i], maxRadius: 10 * norm(x), rng: &rng)?.radius ?? .nan
    }
  }

  /// Prediction 4, for modules that record `attack_radius` and `flip_radius` per training point.
  static let attackIsNoWorse = Claim.comparison(
    "A generic ℓ2 attack finds flips no larger than the universal direction −y·u",
    reason:
      "prediction 4: the small flip is not an artefact of the chosen direction; slack = the attack's bisection tolerance, and 5% of points may escape a local attack",
    ("attack", { $0.array("attack_radius") }), atMost: ("universal", { $0.array("flip_radius") }),
    slack: 1e-3, atLeast: 0.95)

  /// Median and quartiles of the values pooled over a group of points (e.g. all seeds at one d).
  static func summary(_ points: [PointResult], _ name: String) -> (median: Double, low: Double, high: Double) {
    let values = points.flatMap { $0.array(name) }.filter { !$0.isNaN }
    return (Statistics.median(values), Statistics.quantile(values, 0.25), Statistics.quantile(values, 0.75))
  }

}
