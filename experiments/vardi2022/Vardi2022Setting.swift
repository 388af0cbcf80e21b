import Foundation
import Harness
import Numerics

/// The setting every vardi2022 module shares (`papers/vardi2022.md`, reconstructed): random
/// ±1 labels on inputs uniform on the sphere of radius √d (or N(0, I_d)); a bias-free two-layer
/// ReLU network with both layers trained from a small initialisation; exponential or logistic loss;
/// loss-normalised gradient descent, with each step's relative change of θ bounded so that the iterates
/// follow the gradient flow through its early phase, until the normalised margin has converged on the
/// flow's clock or a step budget. The parameters below are declared once here and listed by each module.
///
/// Common random numbers: a point's data are drawn from a stream keyed only by (d, n, data, seed) and
/// its initial network from one keyed only by (d, m, init_scale, seed), the same in every module; so a
/// width sweep compares the same data at each m, and a longer or differently stepped rerun can be
/// compared point by point.
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
  static let maxRelativeStep = Parameter.real(
    "max_rel_step",
    "bound on ‖Δθ‖/‖θ‖ per step (the step is shortened where η would leap: the early phase); 0: no bound",
    paper: 0.01, quick: 0.02, in: 0...10)
  static func maxSteps(paper: Int, quick: Int) -> Parameter {
    .int("max_steps", "step budget", paper: paper, quick: quick, in: 0...10_000_000)
  }
  static func convergence(paper: Double, quick: Double) -> Parameter {
    .real(
      "converge_tol",
      "stop once the data are fitted and the normalised margin changed by less than this (relative) over the second half of the flow time; 0: never",
      paper: paper, quick: quick, in: 0...1)
  }
  /// Negative controls: the flip searched along a random direction instead of −y·u.
  static let direction = Parameter.choice(
    "direction", "flip direction: the universal −y·u, or (a negative control) a random unit direction",
    paper: FlipDirection.universal, quick: .universal)
  /// Negative controls: the generic attack replaced by a search along one random direction.
  static let attack = Parameter.choice(
    "attack", "the generic ℓ2 attack, or (a negative control) a search along one random direction",
    paper: AttackKind.generic, quick: .generic)

  static let targetMargin = Parameter.real(
    "target_margin", "stop once the normalised margin min_i y_i N(x_i)/‖θ‖² reaches this; 0: never",
    paper: 0, quick: 0, in: 0...1e6)

  /// The training parameters, in the order modules list them after their own.
  static func training(maxSteps steps: (paper: Int, quick: Int), convergence tol: (paper: Double, quick: Double))
    -> [Parameter]
  {
    [
      data, loss, initScale, rule, step, maxRelativeStep, maxSteps(paper: steps.paper, quick: steps.quick),
      convergence(paper: tol.paper, quick: tol.quick), targetMargin,
    ]
  }

  /// The stream a point's data are drawn from: keyed by (d, n, data, seed) only.
  static func dataStream(_ p: Point) -> RandomSource {
    RandomSource(key: "vardi2022 data|" + p.streamKey(only: ["d", "n", "data", "seed"]))
  }

  /// The stream a point's initial network is drawn from: keyed by (d, m, init_scale, seed) only.
  static func networkStream(_ p: Point) -> RandomSource {
    RandomSource(key: "vardi2022 network|" + p.streamKey(only: ["d", "m", "init_scale", "seed"]))
  }

  /// A training set and a trainer for one sweep point, from the paired streams (`rng`, the point's own
  /// stream, is left for the attacks and random directions).
  static func trainer(_ p: Point, d: Int, n: Int, m: Int) -> (TrainingSet, Trainer) {
    var dataRNG = dataStream(p)
    var networkRNG = networkStream(p)
    let data = TrainingSet.random(points: n, dimension: d, distribution: p.choice("data"), rng: &dataRNG)
    let initial = TwoLayerNetwork.random(
      inputs: d, width: m, activation: .relu, initScale: p.real("init_scale"), using: &networkRNG)
    return (data, trainer(p, data: data, initial: initial))
  }

  /// A trainer from `initial` on `data`, configured by the point's training parameters (shared with frei2023).
  static func trainer(_ p: Point, data: TrainingSet, initial: TwoLayerNetwork) -> Trainer {
    let tolerance = p.real("converge_tol")
    let target = p.real("target_margin")
    let bound = p.real("max_rel_step")
    return Trainer(
      network: initial, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: p.choice("loss"), stepSize: p.real("step"), rule: p.choice("rule"),
        maxSteps: p.int("max_steps"), targetNormalizedMargin: target > 0 ? target : nil,
        convergenceTolerance: tolerance > 0 ? tolerance : nil, maxRelativeChange: bound > 0 ? bound : nil))
  }

  /// When the KKT diagnostics are undefined, for their descriptions (declared NaN where they are recorded).
  static let kktUndefined = " (NaN while some margin y_i·N(x_i) is ≤ 0)"

  /// What a flip radius is measured along, for the descriptions of `recordRadii`.
  static let alongU =
    "the smallest t with sign N(x_i − t·y_i·u) ≠ y_i along the universal direction u (or a random one for the control; NaN if none within 10‖x_i‖)"
  static let alongVW =
    "the same flip radius along the network's own direction Σ_j v_j w_j (normalised; NaN if none within 10‖x_i‖)"
  static let byAttack =
    "the smallest ‖δ‖ flipping N(x_i + δ) found by the generic ℓ2 attack (the best of its methods; NaN if none within 10‖x_i‖)"

  /// Per-point radii as `name` and their median over the training points as `name_median`.
  static func recordRadii(_ r: inout Record, _ name: String, _ radii: [Double], _ what: String) {
    r.set(name, radii, "per training point: " + what, units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      name + "_median", Statistics.median(radii), "the median of \(name) over the training points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
  }

  /// What every module records about the data, the training run, and how near the trained network is
  /// to a KKT point of the max-margin problem (what the flip-radius predictions are about).
  static func record(_ r: inout Record, data: TrainingSet, report: TrainingReport, network: TwoLayerNetwork) {
    r.set("input_norm", data.meanNorm, "mean ‖x_i‖ of the training inputs (≈ √d)", units: "ℓ2 norm")
    r.set(
      "max_inner_product", data.maxAbsInnerProduct / Double(data.dimension),
      "max over i ≠ j of |⟨x_i, x_j⟩| / d: how far the inputs are from orthogonal (the theorem needs ≪ 1)")
    recordTraining(&r, data: data, report: report, network: network)
  }

  /// What the training run reached, and how near a KKT point of the max-margin problem it ended.
  static func recordTraining(_ r: inout Record, data: TrainingSet, report: TrainingReport, network: TwoLayerNetwork) {
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
    r.count("steps", report.steps, "gradient steps taken (stop_reason says why training stopped)")
    let kkt = KKTDiagnostics(network, inputs: data.x, labels: data.y)
    r.set(
      "kkt_residual", kkt.relativeResidual,
      "‖θ̃ − Σ λ_i y_i ∇N(x_i)‖ / ‖θ̃‖ at the margin-normalised θ̃, λ ≥ 0 by NNLS: 0 at a KKT point of the max-margin problem"
        + Vardi2022.kktUndefined, allowing: .nan)
    r.set(
      "fraction_on_margin", kkt.fractionOnMargin,
      "share of training points whose margin is within 1% of the smallest" + Vardi2022.kktUndefined, allowing: .nan)
    r.note("stop_reason", report.stopReason.rawValue)
    r.note("training_mode", report.mode.rawValue)
  }

  /// The direction the flip radii are searched along: −y·u (the theorem's), or a random unit vector
  /// drawn from `rng` (the negative control: it should need a far larger perturbation).
  static func flipDirection(_ p: Point, _ data: TrainingSet, rng: inout RandomSource) -> [Double] {
    switch p.choice("direction", as: FlipDirection.self) {
    case .universal: return data.universalDirection
    case .random: return normalized(rng.normals(data.dimension))
    }
  }

  /// Smallest t with sign N(x_i − t·y_i·dir) ≠ y_i for each training point (0 if already misclassified;
  /// NaN if none within 10‖x_i‖), by bracketing on a geometric grid and bisection.
  static func flipRadii(_ net: TwoLayerNetwork, _ data: TrainingSet, direction: [Double]) -> [Double] {
    (0..<data.count).map { i in flipRadius(net, at: data.x.row(i), label: data.y[i], direction: direction) }
  }

  /// Smallest t with y·N(x − t·y·dir) ≤ 0 (0 if already misclassified; NaN if none within `maxT`, by
  /// default 10‖x‖). A tie N = 0 counts as a flip, for either label.
  static func flipRadius(
    _ net: TwoLayerNetwork, at x: [Double], label y: Double, direction: [Double], maxT: Double? = nil
  ) -> Double {
    let ray = RayEvaluator(net, at: x, along: direction.map { -y * $0 })
    let scale = norm(x)
    let limit = maxT ?? 10 * scale
    return RaySearch.firstSignChange(start: 1e-6 * limit / 10, maxT: limit, growth: 1.02, from: 1) { y * ray($0) }
      ?? .nan
  }

  /// The attack's smallest flip at each training point (NaN if none within 10‖x_i‖): the generic ℓ2
  /// attack, or for the negative control a search along one random direction per point, both drawing
  /// from `rng`.
  static func attackRadii(_ p: Point, _ net: TwoLayerNetwork, _ data: TrainingSet, rng: inout RandomSource)
    -> [Double]
  {
    switch p.choice("attack", as: AttackKind.self) {
    case .generic:
      let attack = FlipAttack(net)
      return (0..<data.count).map { i in
        let x = data.x.row(i)
        return attack.minimalFlip(at: x, label: data.y[i], maxRadius: 10 * norm(x), rng: &rng)?.radius ?? .nan
      }
    case .randomDirection:
      return (0..<data.count).map { i in
        flipRadius(net, at: data.x.row(i), label: data.y[i], direction: normalized(rng.normals(data.dimension)))
      }
    }
  }

  /// Claims every flip-radius module states first: the network the radii are measured on is near a
  /// KKT point of the max-margin problem (prediction 3), the object the theorem is about. Their control,
  /// a network stopped after two steps, is not.
  static let nearKKT: [Claim] = [
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

  /// Prediction 4, for modules that record `attack_radius` and `flip_radius` per training point.
  static let attackIsNoWorse = Claim.comparison(
    "A generic ℓ2 attack finds flips no larger than the universal direction −y·u",
    reason:
      "prediction 4: the small flip is not an artefact of the chosen direction; slack = the attack's bisection tolerance, and 5% of points may escape a local attack",
    ("attack", { $0.array("attack_radius") }), atMost: ("universal", { $0.array("flip_radius") }),
    slack: 1e-3, atLeast: 0.95
  ).control("the attack replaced by a search along one random direction", set: ["attack=random-direction"])

  /// Median and quartiles of the values pooled over a group of points (e.g. all seeds at one d).
  static func summary(_ points: [PointResult], _ name: String) -> (median: Double, low: Double, high: Double) {
    let values = points.flatMap { $0.array(name) }.filter { !$0.isNaN }
    return (Statistics.median(values), Statistics.quantile(values, 0.25), Statistics.quantile(values, 0.75))
  }
}

/// Where the flip radii are searched.
enum FlipDirection: String, Sendable, CaseIterable {
  case universal
  case random
}

/// Which attack the attack radii come from.
enum AttackKind: String, Sendable, CaseIterable {
  case generic
  case randomDirection = "random-direction"
}

// MARK: Figures shared by the flip-radius modules (vardi2022 and frei2023)

extension Vardi2022 {
  /// The values of a swept parameter, ascending.
  static func levels(_ results: Results, _ name: String) -> [Double] {
    Set(results.points.map { $0.real(name) }).filter(\.isFinite).sorted()
  }

  /// "5 of 5 runs" / "all 90 runs".
  static func count(_ met: Int, of total: Int, _ unit: String = "runs") -> String {
    met == total ? "all \(total) \(unit)" : "\(met) of \(total) \(unit)"
  }

  /// The `nearKKT` claims drawn: at each value of the swept parameter `x`, the relative KKT residual and
  /// the relative change of the normalised margin over the second half of the flow time (median; bars:
  /// smallest to largest over the runs there), each with its claim's threshold in its colour; the title
  /// counts the runs that fit every training point.
  static func trainingFigure(_ results: Results, along x: String, xLabel: String, setting: String) -> Figure {
    let xs = levels(results, x)
    func summary(_ name: String, label: String, color: Int) -> Series {
      let samples = xs.map { v in results.points.filter { $0.real(x) == v }.map { $0.scalar(name) } }
      return Series(
        label: "\(label) (median; bars: smallest to largest over the runs)", x: xs,
        y: samples.map(Statistics.median), low: samples.map { $0.min() ?? .nan },
        high: samples.map { $0.max() ?? .nan }, color: color, marker: color)
    }
    let range = (xs.first ?? 1)...(xs.last ?? 2)
    let fitted = results.points.filter { $0.scalar("train_accuracy") == 1 }.count
    let converged = results.points.filter { $0.scalar("margin_change") < 0.01 }.count
    let near = results.points.filter { $0.scalar("kkt_residual") < 0.1 }.count
    let total = results.points.count
    return Figure(
      name: "training-vs-\(x)",
      title:
        "The networks measured are trained to near a KKT point (\(setting)); training accuracy 1 at \(count(fitted, of: total))",
      xLabel: xLabel, yLabel: "relative size (dimensionless)", logX: true, logY: true,
      series: [
        summary("kkt_residual", label: "relative KKT residual", color: 0),
        summary("margin_change", label: "relative change of the normalised margin over [τ/2, τ]", color: 1),
      ],
      references: [
        .reference("claim: KKT residual < 0.1 at every run", over: range, log: true, color: 0) { _ in 0.1 },
        .reference("claim: margin change < 0.01 at every run", over: range, log: true, color: 1) { _ in 0.01 },
      ], xTicks: xs, legend: .below,
      caption:
        "The bar tops (the worst run at each value) must stay under the line of their colour for the radii to be measured on networks near a max-margin KKT point: \(count(near, of: total)) have a KKT residual under 0.1 and \(count(converged, of: total)) a margin change under 0.01."
    )
  }

  /// Prediction 4 drawn: at each value of the swept parameter `x`, the generic attack's flip radius
  /// divided by the universal direction's, training (or test) point by point, pooled over points and
  /// seeds: median with quartiles, and the 95th percentile against the claim's 1 + 10⁻³ (at most 5% of
  /// pairs above). `extra` adds another ratio's median (e.g. along −y·Σv_j w_j).
  static func attackRatioFigure(
    _ results: Results, along x: String, xLabel: String, setting: String, points what: String,
    attack: String = "attack_radius", universal: String = "flip_radius", extra: (array: String, label: String)? = nil
  ) -> Figure {
    let xs = levels(results, x)
    func ratios(_ name: String, at v: Double) -> [Double] {
      results.points.filter { $0.real(x) == v }.flatMap { p in
        zip(p.array(name), p.array(universal)).map { $0 / $1 }
      }
    }
    let samples = xs.map { ratios(attack, at: $0) }
    let finite = samples.map { $0.filter { !$0.isNaN } }
    var series = [
      Series.median("generic ℓ2 attack / universal", x: xs, samples: finite, over: "\(what) and seeds"),
      Series(
        label: "95th percentile of attack / universal", x: xs, y: finite.map { Statistics.quantile($0, 0.95) },
        style: .points, color: 1, marker: 4),
    ]
    if let extra {
      series.append(
        Series(
          label: "\(extra.label) / universal (median)", x: xs,
          y: xs.map { Statistics.median(ratios(extra.array, at: $0).filter { !$0.isNaN }) }, style: .points,
          color: 2, marker: 2))
    }
    let all = samples.flatMap { $0 }
    let met = all.filter { $0 <= 1 + 1e-3 }.count
    let range = (xs.first ?? 1)...(xs.last ?? 2)
    let missing = all.filter(\.isNaN).count
    return Figure(
      name: "attack-ratio-vs-\(x)",
      title:
        "Prediction 4: a generic ℓ2 attack finds flips no larger than the universal direction (\(setting)); \(count(met, of: all.count, "pairs")) at or below 1 + 10^{-3}",
      xLabel: xLabel, yLabel: "flip radius of the attack / along the universal direction", logX: true,
      series: series,
      references: [
        .reference(
          "claim: at least 95% of pairs ≤ 1 + 10^{-3} (the attack's tolerance)", over: range, log: true, color: 1
        ) {
          _ in 1 + 1e-3
        }
      ], xTicks: xs, legend: .below,
      caption:
        "Where the 95th percentile sits at or below the line at 1 + 10⁻³, a generic attack finds nothing larger than the universal direction at 95% of \(what): here \(Int((100 * Double(met) / Double(max(all.count, 1))).rounded()))% of all pairs do\(missing > 0 ? " (\(missing) with no flip found, counted against it)" : "")."
    )
  }
}
