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
    ] + Vardi2022.training(maxSteps: (20_000, 3_000), convergence: (1e-3, 1e-2)) + [
      Vardi2022.direction, .seeds(paper: 5, quick: 2),
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
    Vardi2022.nearKKT + [
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
