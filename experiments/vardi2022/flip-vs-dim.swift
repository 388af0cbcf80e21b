import Figures
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

  public static let parameters: [Parameter] =
    [
      .int(
        "d", "input dimension (swept)", paper: [250, 500, 1000, 2000, 4000, 8000], quick: [100, 400], in: 2...200_000),
      .int("n", "training points (swept)", paper: [10, 20, 40], quick: [8], in: 2...5_000),
      Vardi2022.width(paper: 100, quick: 20),
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (1e-3, 1e-2)) + [
      FlipStudy.direction, .seeds(paper: 5, quick: 2),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = trainer.network

    // Flip radii along the universal direction −y_i·u and along −y_i·Σ_j v_j w_j.
    let u = Vardi2022.flipDirection(p, data, rng: &rng)
    let vw = normalized(product(net.weights, .transpose, net.outer))
    let universal = Vardi2022.flipRadii(net, data, direction: u)
    let alongVW = Vardi2022.flipRadii(net, data, direction: vw)

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "flip_radius_vw", alongVW, Vardi2022.alongVW)
    r.set(
      "margins", zip(net(data.x), data.y).map { $0 * $1 },
      "per training point: the margin y_i·N(x_i) of the trained network")
    r.set("cosine_u_vw", dot(u, vw), "cosine between the universal direction u and Σ_j v_j w_j")
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    FlipStudy.nearKKT + [
      .slope(
        "At fixed n the median flip radius grows like d^{1/2}",
        reason: "radius ~ √(d/n) gives slope ½; ±0.1 allows finite-d effects (the data are only nearly orthogonal)",
        of: { $0.scalar("flip_radius_median") }, against: "d", per: ["n"], within: 0.4...0.6
      ).control("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      .fraction(
        "The flip radius is of order √(d/n) = ‖x‖/√n",
        reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
        of: { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() },
        named: "radius/√(d/n)", .within(0.5...2), atLeast: 0.9
      ).control("flips searched along a random direction, not −y·u", set: ["direction=random"]),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ns = results.ascendingValues(of: "n")
    let ds = results.ascendingValues(of: "d")
    let dRange = (ds.first ?? 1)...(ds.last ?? 2)
    let m = results.points.first?.real("m") ?? .nan
    var absolute: [Series] = []
    var rates: [Series] = []
    var relative: [Series] = []
    for (k, n) in ns.enumerated() {
      let at = results.points.filter { $0.real("n") == n }
      func perRun(_ value: (PointResult) -> Double) -> [[Double]] {
        ds.map { d in at.filter { $0.real("d") == d }.map(value) }
      }
      // What the claims judge: each run's median flip radius over its training points.
      let fit = Claim.slopeFit(at, of: { $0.scalar("flip_radius_median") }, against: "d")
      var series = Series.median(
        "n = \(Int(n))", x: ds, samples: perRun { $0.scalar("flip_radius_median") }, over: "seeds", color: k,
        marker: k)
      series.label += "; \(fit.text)"
      absolute.append(series)
      rates.append(
        .reference("prediction √(d/n), n = \(Int(n))", over: dRange, log: true, color: k) { ($0 / n).squareRoot() })
      relative.append(
        .median(
          "n = \(Int(n))", x: ds,
          samples: perRun { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() },
          over: "seeds", color: k, marker: k))
    }
    let setting = "m = \(Int(m)), median over each run's training points"
    return [
      Figure(
        name: "flip-radius-vs-d",
        title: "The flip radius along −y·u grows like √d at fixed n (Vardi et al. 2022, prediction 1; \(setting))",
        xLabel: "input dimension d", yLabel: "flip radius ‖δ‖₂ along −y·u (input units)", logX: true, logY: true,
        series: absolute,
        references: rates + [
          .reference("robust radius √d/2 (a robust network exists)", over: dRange, log: true) { $0.squareRoot() / 2 }
        ], xTicks: ds, legend: .below,
        caption:
          "Each n's medians follow the dashed √(d/n) line of its colour, with the fitted slope in the legend (the claim: from 0.4 to 0.6), well below the robust radius √d/2."
      ),
      Figure(
        name: "relative-flip-radius-vs-d",
        title: "The flip radius is of order √(d/n) at every d and n (\(setting))",
        xLabel: "input dimension d", yLabel: "flip radius / √(d/n)", logX: true, logY: true,
        series: relative,
        references: [
          .reference("prediction: 1", over: dRange, log: true) { _ in 1 },
          .reference("claim: within a factor 2 (0.5 to 2) at ≥ 90% of runs", over: dRange, log: true) { _ in 0.5 },
          .reference("", over: dRange, log: true) { _ in 2 },
        ], xTicks: ds, legend: .below,
        caption:
          "Every n stays between the claim lines at 0.5 and 2, close to 1: the constant in front of √(d/n) does not drift with d."
      ),
      FlipStudy.trainingFigure(
        results, along: "d", xLabel: "input dimension d",
        setting: "n = \(ns.map { "\(Int($0))" }.joined(separator: ", ")), m = \(Int(m))"),
    ]
  }
}

extension Vardi2022FlipVsDim {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.cost(p, attacks: 0)
  }
}
