import Foundation
import Harness
import Numerics

/// Vardi, Yehudai & Shamir (2022), prediction 1: a two-layer ReLU network
/// trained to (near) a KKT point of the max-margin problem is flipped at its
/// training points by a perturbation of size ~√(d/n) along the universal
/// direction −y·u, u = Σ_l y_l x_l / ‖Σ_l y_l x_l‖; a robust network with
/// radius ~√d/2 exists. At fixed n the flip radius grows like d^{1/2}.
public enum Vardi2022FlipVsDim: Experiment {
  public static let id = "vardi2022-flip-vs-dim"
  public static let paper = "vardi2022"
  public static let reproduces = "Prediction 1 (small flipping perturbation): flip radius ~ √(d/n) along −y·u"
  public static let summary =
    "The median flip radius at the training points grows like √d at fixed n, stays near √(d/n), and far below the robust radius √d/2."

  public static let parameters: [Parameter] = [
    .int(
      "d", "input dimension (swept)", paper: [250, 500, 1000, 2000, 4000, 8000], quick: [100, 400], in: 2...200_000),
    .int("n", "training points (swept)", paper: [10, 20, 40], quick: [8], in: 2...5_000),
    .int("m", "hidden width", paper: 100, quick: 20, in: 1...100_000),
    .choice(
      "data", "input distribution: uniform on the sphere of radius √d, or N(0, I_d)", paper: InputDistribution.sphere,
      quick: .sphere),
    .choice("loss", "training loss", paper: Loss.exponential, quick: .exponential),
    .real(
      "init_scale", "initial ‖w_j‖ and √m·|v_j| scale (small: the implicit-bias regime)", paper: 1e-3, quick: 1e-3,
      in: 1e-12...10),
    .choice(
      "rule", "step rule: plain η, loss-normalised η/L, or lyu-li η/(L·log²(1/L))", paper: StepRule.lyuLi, quick: .lyuLi
    ),
    .real("step", "step size η", paper: 0.2, quick: 0.2, in: 1e-9...100),
    .int("max_steps", "step budget", paper: 20_000, quick: 3_000, in: 1...10_000_000),
    .real(
      "plateau_tol", "stop when the normalised margin changes by less than this (relative) over 1000 steps",
      paper: 1e-4, quick: 1e-3, in: 0...1),
    .seeds(paper: 5, quick: 2),
  ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let data = TrainingSet.random(
      points: n, dimension: d, distribution: p.choice("data"), rng: &rng)
    let initial = TwoLayerNetwork.random(
      inputs: d, width: m, activation: .relu, initScale: p.real("init_scale"), using: &rng)
    let trainer = Trainer(
      network: initial, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: p.choice("loss"), stepSize: p.real("step"), rule: p.choice("rule"),
        maxSteps: p.int("max_steps"), plateauTolerance: p.real("plateau_tol"), plateauWindow: 1000))
    let report = try trainer.run()
    let net = trainer.network

    // Flip radii along the universal direction −y_i·u and along −y_i·Σ_j v_j w_j.
    let u = data.universalDirection
    let vw = normalized(product(net.weights, .transpose, net.outer))
    let universal = flipRadii(net, data, direction: u)
    let alongVW = flipRadii(net, data, direction: vw)

    var r = Record()
    r.set("flip_radius", universal)
    r.set("flip_radius_vw", alongVW)
    r.set("margins", zip(net(data.x), data.y).map { $0 * $1 })
    r["flip_radius_median"] = Statistics.median(universal)
    r["flip_radius_vw_median"] = Statistics.median(alongVW)
    r["input_norm"] = data.meanNorm
    r["max_inner_product"] = data.maxAbsInnerProduct / Double(d)
    r["cosine_u_vw"] = dot(u, vw)
    r["train_accuracy"] = report.final.accuracy
    r["normalized_margin"] = report.final.normalizedMargin
    r["log_loss"] = report.final.logLoss
    r["steps"] = Double(report.steps)
    r.note("stop_reason", report.stopReason.rawValue)
    r.note("training_mode", report.mode.rawValue)
    return r
  }

  public static let claims: [Claim] = [
    .slope(
      "At fixed n the median flip radius grows like d^{1/2}",
      reason: "radius ~ √(d/n) gives slope ½; ±0.1 allows finite-d effects (the data are only nearly orthogonal)",
      of: { $0.scalar("flip_radius_median") }, against: "d", per: ["n"], within: 0.4...0.6),
    .fraction(
      "The flip radius is of order √(d/n) = ‖x‖/√n",
      reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
      of: { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() },
      named: "radius/√(d/n)", .within(0.5...2), atLeast: 0.9),
    .fraction(
      "The trained network is flipped well inside the robust radius √d/2",
      reason: "a robust network with radius ≈ √d/2 exists (prediction 2); the trained one is smaller by ~√n",
      of: { $0.scalar("flip_radius_median") / ($0.real("d").squareRoot() / 2) },
      named: "radius/(√d/2)", .below(1), atLeast: 1),
    .ordering(
      "The flip radius increases with d",
      reason: "a consequence of the √d growth, checked without fitting",
      of: { $0.scalar("flip_radius_median") }, along: "d", per: ["n"], .increasing),
  ]

  /// Smallest t with sign N(x_i − t·y_i·dir) ≠ y_i for each training point (NaN if none within 10‖x_i‖).
  static func flipRadii(_ net: TwoLayerNetwork, _ data: TrainingSet, direction: [Double]) -> [Double] {
    (0..<data.count).map { i in
      let x = data.x.row(i)
      let ray = RayEvaluator(net, at: x, along: direction.map { -data.y[i] * $0 })
      let scale = norm(x)
      return RaySearch.firstSignChange(start: 1e-6 * scale, maxT: 10 * scale, growth: 1.02) { ray($0) } ?? .nan
    }
  }

  public static func figures(_ results: Results) throws -> [Figure] {
    let ns = results.levels("n")
    let ds = results.levels("d").map { results.points(where: ["d": $0]).first!.real("d") }
    let dRange = (ds.min() ?? 1)...(ds.max() ?? 2)

    var absolute: [Series] = []
    var relative: [Series] = []
    var rates: [Series] = []
    var relativeRates: [Series] = []
    for n in ns {
      var x: [Double] = []
      var med: [Double] = []
      var lo: [Double] = []
      var hi: [Double] = []
      var rel: [Double] = []
      for group in results.points(where: ["n": n]).grouped(by: ["d"]) {
        let d = group.points[0].real("d")
        let radii = group.points.flatMap { $0.array("flip_radius") }
        x.append(d)
        med.append(Statistics.median(radii))
        lo.append(Statistics.quantile(radii, 0.25))
        hi.append(Statistics.quantile(radii, 0.75))
        rel.append(Statistics.median(radii) / d.squareRoot())
      }
      let nv = Double("\(n)") ?? .nan
      absolute.append(Series(label: "trained, n = \(n) (median, quartiles)", x: x, y: med, low: lo, high: hi))
      relative.append(Series(label: "trained, n = \(n)", x: x, y: rel))
      rates.append(.reference("√(d/n), n = \(n)", over: dRange, log: true) { ($0 / nv).squareRoot() })
      relativeRates.append(.reference("1/√n, n = \(n)", over: dRange, log: true) { _ in 1 / nv.squareRoot() })
    }
    let robust = Series.reference("robust radius √d/2", over: dRange, log: true) { $0.squareRoot() / 2 }
    let robustRelative = Series.reference("robust radius / ‖x‖ = 1/2", over: dRange, log: true) { _ in 0.5 }
    return [
      Figure(
        name: "flip-radius-vs-d", title: "Flip radius along −y·u grows like √d (Vardi et al. 2022, prediction 1)",
        xLabel: "input dimension d", yLabel: "flip radius ‖δ‖₂ at training points", logX: true, logY: true,
        series: absolute, references: rates + [robust]),
      Figure(
        name: "relative-flip-radius-vs-d", title: "Flip radius relative to ‖x‖ = √d stays near 1/√n",
        xLabel: "input dimension d", yLabel: "median flip radius / ‖x‖", logX: true, logY: true,
        series: relative, references: relativeRates + [robustRelative], legend: "bottom left"),
    ]
  }
}
