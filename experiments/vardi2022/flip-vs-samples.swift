import Foundation
import Harness
import Numerics

/// Vardi, Yehudai & Shamir (2022), prediction 1 at fixed d, and prediction 4: relative to the input
/// norm ‖x‖ = √d, the flip radius of a network trained to (near) a KKT point shrinks like 1/√n in the
/// number of training points, and a generic ℓ2 attack, which knows nothing of the universal
/// direction −y·u, finds flips no larger than it.
public enum Vardi2022FlipVsSamples: Experiment {
  public static let id = "vardi2022-flip-vs-samples"
  public static let paper = "vardi2022"
  public static let reproduces =
    "Prediction 1 (flip radius / ‖x‖ ~ 1/√n at fixed d) and prediction 4 (a generic attack does no worse)"
  public static let summary =
    "At fixed d the flip radius divided by ‖x‖ falls like n^{-1/2}, and a generic ℓ2 attack finds flips at most as large as the universal direction's."

  public static let parameters: [Parameter] =
    [
      .int("n", "training points (swept)", paper: [5, 10, 20, 40], quick: [4, 8], in: 2...5_000),
      .int(
        "d", "input dimension (large: near-orthogonal data needs d ≳ n² log n)", paper: 8000, quick: 400,
        in: 2...200_000),
      Vardi2022.width(paper: 100, quick: 20),
    ] + Vardi2022.training(maxSteps: (20_000, 3_000), convergence: (1e-3, 1e-2)) + [
      Vardi2022.direction, Vardi2022.attack, .seeds(paper: 5, quick: 2),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = trainer.network

    let universal = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let alongVW = Vardi2022.flipRadii(net, data, direction: normalized(product(net.weights, .transpose, net.outer)))
    let attack = Vardi2022.attackRadii(p, net, data, rng: &rng)

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "flip_radius_vw", alongVW, Vardi2022.alongVW)
    Vardi2022.recordRadii(&r, "attack_radius", attack, Vardi2022.byAttack)
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    Vardi2022.nearKKT + [
      .slope(
        "At fixed d the flip radius relative to ‖x‖ falls like n^{-1/2}",
        reason: "radius ~ √(d/n) = ‖x‖/√n gives slope −½; ±0.1 allows finite-size effects",
        of: { $0.scalar("flip_radius_median") / $0.scalar("input_norm") }, against: "n", within: -0.6...(-0.4)
      ).control("the network stopped after 2 steps, before it fits the data", set: ["max_steps=2"]),
      .fraction(
        "The flip radius is of order ‖x‖/√n",
        reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
        of: { $0.scalar("flip_radius_median") * $0.real("n").squareRoot() / $0.scalar("input_norm") },
        named: "radius·√n/‖x‖", .within(0.5...2), atLeast: 0.9
      ).control("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.attackIsNoWorse,
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    var universal: [Double] = []
    var lo: [Double] = []
    var hi: [Double] = []
    var vw: [Double] = []
    var attack: [Double] = []
    var ns: [Double] = []
    for group in results.grouped(by: ["n"]) {
      let norm = Statistics.median(group.points.map { $0.scalar("input_norm") })
      let u = Vardi2022.summary(group.points, "flip_radius")
      ns.append(group.points[0].real("n"))
      universal.append(u.median / norm)
      lo.append(u.low / norm)
      hi.append(u.high / norm)
      vw.append(Vardi2022.summary(group.points, "flip_radius_vw").median / norm)
      attack.append(Vardi2022.summary(group.points, "attack_radius").median / norm)
    }
    let nRange = (ns.min() ?? 1)...(ns.max() ?? 2)
    let d = results.points.first?.real("d") ?? .nan
    return [
      Figure(
        name: "relative-flip-radius-vs-n",
        title: "Flip radius relative to ‖x‖ falls like 1/√n (d = \(Int(d)); Vardi et al. 2022, predictions 1 and 4)",
        xLabel: "training points n", yLabel: "flip radius / ‖x‖ (median over points and seeds)", logX: true,
        logY: true,
        series: [
          Series(label: "along −y·u (median, quartiles)", x: ns, y: universal, low: lo, high: hi),
          Series(label: "along −y·Σ v_j w_j", x: ns, y: vw),
          Series(label: "generic ℓ2 attack (DeepFool + PGD bisection)", x: ns, y: attack),
        ],
        references: [
          .reference("1/√n", over: nRange, log: true) { 1 / $0.squareRoot() },
          .reference("robust radius / ‖x‖ = 1/2", over: nRange, log: true) { _ in 0.5 },
        ], legend: "bottom left")
    ]
  }
}
