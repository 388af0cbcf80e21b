import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Vardi, Yehudai & Shamir (2022), prediction 3: the trained network is near a KKT point of the
/// max-margin problem, the object their theorem is about. Along one training run: the normalised
/// margin, the relative KKT residual of the margin-normalised parameters (λ ≥ 0 by NNLS, σ' ∈ [0, 1]
/// fitted at ReLU kinks), the share of points on the margin, and the balancedness
/// max_j |‖w_j‖² − v_j²| / ‖θ‖², which gradient flow conserves.
public enum Vardi2022KKT: Experiment {
  public static let id = "vardi2022-kkt"
  public static let paper = "vardi2022"
  public static let reproduces = "Prediction 3: gradient descent approaches a KKT point of the max-margin problem"
  public static let summary =
    "As training goes on the KKT residual falls, every point ends on the margin when d ≫ n², and the network stays balanced (‖w_j‖ ≈ |v_j|)."

  public static let parameters: [Parameter] =
    [
      .int("d", "input dimension", paper: 4000, quick: 400, in: 2...200_000),
      .int("n", "training points", paper: 20, quick: 8, in: 2...5_000),
      Vardi2022.width(paper: 100, quick: 20),
      .int("checkpoints", "diagnosed steps, log-spaced from 1 to max_steps", paper: 30, quick: 12, in: 2...1000),
    ] + FlipStudy.training(maxSteps: (20_000, 5_000), convergence: (0, 0)) + [.seeds(paper: 5, quick: 2)]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let steps = logSpacedSteps(upTo: p.int("max_steps"), count: p.int("checkpoints"))

    var trace: [String: [Double]] = [:]
    func diagnose(_ snap: TrainingSnapshot, _ net: TwoLayerNetwork) {
      let k = KKTDiagnostics(net, inputs: data.x, labels: data.y)
      trace["step", default: []].append(Double(snap.step))
      trace["kkt_residual", default: []].append(k.relativeResidual)
      trace["normalized_margin", default: []].append(snap.normalizedMargin)
      trace["fraction_on_margin", default: []].append(k.fractionOnMargin)
      trace["balancedness", default: []].append(k.balancedness)
      trace["complementarity", default: []].append(k.complementarity)
      trace["kink_pairs", default: []].append(Double(k.kinkPairs))
      trace["accuracy", default: []].append(snap.accuracy)
      trace["log_loss", default: []].append(snap.logLoss)
      trace["min_margin", default: []].append(snap.minMargin)
    }
    var last: TrainingSnapshot?
    let report = try trainer.run { snap, t in
      last = snap
      if steps.contains(snap.step) { diagnose(snap, t.network) }
    }
    if let last, trace["step"]?.last != Double(last.step) { diagnose(last, trainer.network) }

    var r = Record()
    let traced: [String: String] = [
      "kkt_residual": "the KKT residual (see kkt_residual)",
      "normalized_margin": "min_i y_i·N(x_i) / ‖θ‖²",
      "fraction_on_margin": "the share of points within 1% of the smallest margin",
      "balancedness": "max_j |‖w_j‖² − v_j²| / ‖θ‖² (conserved by gradient flow)",
      "complementarity": "Σ λ_i (q̃_i − 1) / Σ λ_i, the multiplier weight on points off the margin (0 at a KKT point)",
      "accuracy": "the share of training points classified correctly",
      "log_loss": "the log of the mean training loss",
      "min_margin": "min_i y_i·N(x_i), unnormalised (≥ 1: a fit of the max-margin problem)",
    ]
    r.set(
      "trace_step", (trace["step"] ?? []).map { Int($0) },
      "the iteration axis of every trace_*: the diagnosed gradient steps, log-spaced from 1 to max_steps, and the last step"
    )
    r.set(
      "trace_kink_pairs", (trace["kink_pairs"] ?? []).map { Int($0) },
      "at each trace_step: the (point, unit) pairs whose pre-activation sits on the ReLU kink, where σ' ∈ [0, 1] is fitted"
    )
    for (name, values) in trace.sorted(by: { $0.key < $1.key }) where name != "step" && name != "kink_pairs" {
      // An undeclared trace has an empty description, which the harness refuses.
      // The KKT diagnostics are undefined (NaN) while some margin is ≤ 0, early in training.
      let kkt = ["kkt_residual", "fraction_on_margin", "complementarity"].contains(name)
      r.set(
        "trace_" + name, values,
        traced[name].map { "at each trace_step: " + $0 + (kkt ? Vardi2022.kktUndefined : "") } ?? "",
        allowing: kkt ? .nan : [])
    }
    let final = KKTDiagnostics(trainer.network, inputs: data.x, labels: data.y)
    let undefined = Vardi2022.kktUndefined
    r.set(
      "multipliers", final.multipliers,
      "per training point: the KKT multiplier λ_i ≥ 0 fitted by NNLS at the end" + undefined, allowing: .nan)
    r.set(
      "margins", final.normalizedMargins,
      "per training point: the margin y_i·N(x_i) of the margin-normalised network at the end (the smallest is 1)"
        + undefined, allowing: .nan)
    // kkt_residual and fraction_on_margin at the end are recorded by `Vardi2022.record` below, from the same network.
    r.set(
      "balancedness", final.balancedness, "max_j |‖w_j‖² − v_j²| / ‖θ‖² at the end: ≈ 0 from a small initialisation")
    r.set(
      "complementarity", final.complementarity,
      "Σ λ_i (q̃_i − 1) / Σ λ_i at the end: the multiplier weight on points off the margin (0 at a KKT point)"
        + undefined, allowing: .nan)
    // The first diagnosed step at which the network is a real fit: feasible for the max-margin problem
    // min ‖θ‖² s.t. y_i N(x_i) ≥ 1 (every unnormalised margin ≥ 1), where the KKT picture begins. Every
    // seed separates the data within a step or two from a small initialisation; that is not a fit.
    // NaN when the run never gets there: a missing value, which fails the claims that compare with it.
    let fitted = (trace["min_margin"] ?? []).firstIndex { $0 >= 1 }
    let never = " (NaN if every margin never reached 1)"
    r.set(
      "kkt_residual_at_fit", fitted.map { trace["kkt_residual"]![$0] } ?? .nan,
      "the KKT residual at the first diagnosed step where every margin y_i·N(x_i) ≥ 1" + never, allowing: .nan)
    r.set(
      "normalized_margin_at_fit", fitted.map { trace["normalized_margin"]![$0] } ?? .nan,
      "the normalised margin at that step" + never, allowing: .nan)
    r.set(
      "step_at_fit", fitted.map { trace["step"]![$0] } ?? .nan,
      "the first diagnosed step where every margin y_i·N(x_i) ≥ 1" + never, units: "gradient steps", allowing: .nan)
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    Vardi2022.recordKKTPolish(&r, p, network: trainer.network, data: data, diagnostics: final)
    return r
  }

  /// `count` distinct steps, geometric from 1 to `last` (0 is added: the initialisation).
  static func logSpacedSteps(upTo last: Int, count: Int) -> Set<Int> {
    var steps: Set<Int> = [0, last]
    for k in 0..<count {
      steps.insert(Int((pow(Double(max(last, 1)), Double(k) / Double(count - 1))).rounded()))
    }
    return steps
  }

  public static let claims: [Claim] = [
    Vardi2022.kktSquaredLoss(
      .comparison(
        "The KKT residual falls after the network becomes a real fit",
        reason:
          "the direction of θ converges to a KKT point (Lyu & Li 2020): the residual at the end is below that at the first diagnosed step with every margin y_i N(x_i) ≥ 1 (NaN, a failure, if never)",
        ("residual at the end", { [$0.scalar("kkt_residual")] }),
        atMost: ("residual at fit", { [$0.scalar("kkt_residual_at_fit")] }), atLeast: 1)),
    Vardi2022.kktStoppedAtFit(
      Vardi2022.kktSquaredLoss(
        .fraction(
          "The trained network is near a KKT point",
          reason:
            "the residual tends to 0; below 0.1 the parameters are within 10% of the KKT form θ = Σ λ_i y_i ∇N(x_i)",
          of: { $0.scalar("kkt_residual") }, named: "relative KKT residual", .below(0.1), atLeast: 1)),
      "θ keeps its random initial direction, far from the KKT form (residual ≈ 1)"),
    Vardi2022.kktStoppedAtFit(
      .fraction(
        "Most training points end on the margin when d ≫ n²",
        reason: "for nearly orthogonal data every KKT point puts most points on the margin: more than half, within 1%",
        of: { $0.scalar("fraction_on_margin") }, named: "share on the margin", .above(0.5), atLeast: 1),
      "the margins are those of the random initial function, spread, with only the smallest on the margin"),
    .fraction(
      "The network is balanced: ‖w_j‖² ≈ v_j²",
      reason:
        "gradient flow conserves ‖w_j‖² − v_j² ≈ 0 from a small initialisation; 1% of ‖θ‖² allows the discretisation",
      of: { $0.scalar("balancedness") }, named: "max_j |‖w_j‖² − v_j²|/‖θ‖²", .below(0.01), atLeast: 1
    ).codeCheck(
      "a conservation law of the flow, for any loss: d/dt (‖w_j‖² − v_j²) = 0 under gradient flow, so from a small initialisation it checks the discretisation, not the paper"
    ),
    Vardi2022.kktSquaredLoss(
      .comparison(
        "The normalised margin grows after the network becomes a real fit",
        reason: "the smoothed normalised margin is non-decreasing along the flow (Lyu & Li 2020)",
        ("margin at fit", { [$0.scalar("normalized_margin_at_fit")] }),
        atMost: ("margin at the end", { [$0.scalar("normalized_margin")] }), atLeast: 1)),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let points = results.points.sorted { $0.real("seed") < $1.real("seed") }
    let seeds = points.count
    /// One line per seed (one key entry for all), without step 0 and, on a log axis, non-positive values. The
    /// KKT diagnostics are undefined (NaN) while some margin is ≤ 0: those values are left out, and the key says
    /// how many.
    func traces(_ name: String, positive: Bool) -> [Series] {
      let undefined = points.reduce(0) { n, p in
        n + zip(p.array("trace_step"), p.array("trace_" + name)).filter { $0.0 > 0 && $0.1.isNaN }.count
      }
      let note = undefined > 0 ? "; \(undefined) undefined (NaN) early values not drawn" : ""
      return points.enumerated().map { k, p in
        let steps = p.array("trace_step")
        let values = p.array("trace_" + name)
        let keep = steps.indices.filter { steps[$0] > 0 && (!positive || values[$0] > 0) && values[$0].isFinite }
        return Series(
          label: k == 0 ? "one line per seed (\(seeds) seeds\(note))" : "", x: keep.map { steps[$0] },
          y: keep.map { values[$0] }, style: .lines)
      }
    }
    /// The value of each seed at the fit step and at the end, as the claims compare them.
    func ends(_ atFit: String, _ atEnd: String, claim: String) -> [Series] {
      [
        Series(
          label: "at the fit step\(claim)", x: points.map { $0.scalar("step_at_fit") },
          y: points.map { $0.scalar(atFit) }, style: .points, color: 6, marker: 6),
        Series(
          label: "at the end of training", x: points.map { $0.scalar("steps") }, y: points.map { $0.scalar(atEnd) },
          style: .points, color: 6, marker: 7),
      ]
    }
    // The step at which each run is first a real fit (every margin y_i N(x_i) ≥ 1), as the module records it.
    let fitSteps = points.map { $0.scalar("step_at_fit") }
    let fitMarks: [Mark]
    if let step = fitSteps.first, fitSteps.allSatisfy({ $0 == step }) {
      fitMarks = [.x(step, "fit step: first with every margin ≥ 1 (all seeds: step \(formatReal(step)))")]
    } else {
      fitMarks = fitSteps.enumerated().map { k, step in
        .x(step, k == 0 ? "fit step: first with every margin ≥ 1 (one line per seed)" : "", color: k)
      }
    }
    // Whether training stopped because the residual settled or because the budget ran out.
    let first = points.first
    let (d, n, m) = (first?.real("d") ?? .nan, first?.real("n") ?? .nan, first?.real("m") ?? .nan)
    let budget = first?.real("max_steps") ?? .nan
    let outOfBudget = points.filter { $0.notes["stop_reason"] == "step-budget" }.count
    let lastDecade = points.map { p -> Double in
      let steps = p.array("trace_step")
      let r = p.array("trace_kkt_residual")
      guard let last = steps.last, let k = steps.lastIndex(where: { $0 <= last / 10 }), r[k] > 0 else { return .nan }
      return r.last! / r[k] - 1
    }
    let change = Statistics.median(lastDecade)
    let stop =
      outOfBudget == seeds
      ? "the step budget (\(formatReal(budget)) steps) ran out at every seed"
      : "\(outOfBudget) of \(seeds) seeds stopped at the step budget (\(formatReal(budget)) steps), the others when the margin settled"
    let trend =
      change.isFinite
      ? "; over its last decade of steps the residual changed by \(change < 0 ? "−" : "+")\(Int((100 * abs(change)).rounded()))% (median over seeds): \(abs(change) < 0.01 ? "settled" : "not yet converged")"
      : ""
    let setting = "d = \(Int(d)), n = \(Int(n)), m = \(Int(m)); \(stop)"
    let steps = points.flatMap { $0.array("trace_step") }.filter { $0 > 0 }
    let stepRange = (steps.min() ?? 1)...(steps.max() ?? 10)
    func threshold(_ label: String, _ value: Double) -> Series {
      .reference(label, over: stepRange, log: true, samples: 2) { _ in value }
    }
    return [
      Figure(
        name: "kkt-residual",
        title: "Relative KKT residual of the margin-normalised network (\(setting)\(trend))",
        xLabel: "gradient step", yLabel: "‖θ̃ − Σ_{i} λ_{i} y_{i} ∇N(x_{i})‖ / ‖θ̃‖", logX: true, logY: true,
        series: traces("kkt_residual", positive: true)
          + ends("kkt_residual_at_fit", "kkt_residual", claim: " (claim: the end is lower)"),
        references: [threshold("claim: < 0.1 at the end of training", 0.1)], legend: .below, marks: fitMarks,
        caption:
          "The residual falls steeply until the fit step (dotted) and slowly after it; each seed's end point must lie below its fit-step point and under the 0.1 line."
      ),
      Figure(
        name: "normalized-margin", title: "Normalised margin min_{i} y_{i} N(x_{i}) / ‖θ‖² (\(setting))",
        xLabel: "gradient step", yLabel: "normalised margin (output units per ‖θ‖²)", logX: true,
        series: traces("normalized_margin", positive: false)
          + ends("normalized_margin_at_fit", "normalized_margin", claim: " (claim: at most the end)"),
        legend: .below, marks: fitMarks,
        caption:
          "After the fit step (dotted) the normalised margin keeps growing, slowly: each seed's end point lies above its fit-step point, as the claim requires."
      ),
      Figure(
        name: "fraction-on-margin", title: "Training points on the margin, within 1% of the smallest (\(setting))",
        xLabel: "gradient step", yLabel: "share of training points on the margin", logX: true,
        series: traces("fraction_on_margin", positive: false)
          + [
            Series(
              label: "at the end of training", x: points.map { $0.scalar("steps") },
              y: points.map { $0.scalar("fraction_on_margin") }, style: .points, color: 6, marker: 7)
          ],
        references: [threshold("claim: > 0.5 at the end of training", 0.5)], legend: .below, yRange: -0.03...1.05,
        marks: fitMarks,
        caption:
          "Shortly after the fit step (dotted) the share of points on the margin climbs past the claim's 0.5 line, to all of them when d ≫ n²."
      ),
      Figure(
        name: "balancedness", title: "Balancedness max_{j} |‖w_{j}‖² − v_{j}²| / ‖θ‖² (\(setting))",
        xLabel: "gradient step", yLabel: "max_{j} |‖w_{j}‖² − v_{j}²| / ‖θ‖²", logX: true, logY: true,
        series: traces("balancedness", positive: true)
          + [
            Series(
              label: "at the end of training", x: points.map { $0.scalar("steps") },
              y: points.map { $0.scalar("balancedness") }, style: .points, color: 6, marker: 7)
          ],
        references: [threshold("claim: < 0.01 at the end of training", 0.01)], legend: .below, marks: fitMarks,
        caption:
          "The imbalance, about 0.01 at the small initialisation, falls by orders of magnitude during training and ends far under the claim's 0.01 line."
      ),
    ]
  }
}

extension Vardi2022KKT {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    let base = Vardi2022.memory(p)
    guard Vardi2022.kktPolishDoubles(p) > 0 else { return base }
    return MemoryEstimate(
      bytes: base.bytes + Int(8 * Vardi2022.kktPolishDoubles(p)), base.what + " + 4·N² doubles (the exact KKT solve)",
      lower: base.lower)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    let cost = Vardi2022.cost(p, attacks: 0, rays: false, diagnoses: p.int("checkpoints"))
    guard Vardi2022.polishes(p) else { return cost }
    return (cost + Vardi2022.kktPolishCost(p)).described(cost.what + " + " + Vardi2022.kktPolishCost(p).what)
  }
}
