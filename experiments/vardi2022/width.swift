import Foundation
import Harness
import Numerics

/// Vardi, Yehudai & Shamir (2022), prediction 1 "whatever the width": every KKT point of the
/// max-margin problem is non-robust, for any number m of hidden units, so the flip radius of the
/// trained network stays near √(d/n) as m grows, and a generic attack confirms it.
public enum Vardi2022Width: Experiment {
  public static let id = "vardi2022-width"
  public static let paper = "vardi2022"
  public static let reproduces = "Prediction 1 for any width: the flip radius ~ √(d/n) does not depend on m"
  public static let summary =
    "The flip radius at the training points is flat in the hidden width m, near √(d/n), both along −y·u and for a generic attack."

  public static let parameters: [Parameter] =
    [
      .int("m", "hidden width (swept)", paper: [10, 20, 50, 100, 200, 500, 1000], quick: [10, 40], in: 1...100_000),
      .int("d", "input dimension", paper: 2000, quick: 400, in: 2...200_000),
      .int("n", "training points", paper: 20, quick: 8, in: 2...5_000),
    ] + Vardi2022.training(maxSteps: (20_000, 3_000), convergence: (1e-3, 1e-2)) + [
      Vardi2022.direction, Vardi2022.attack, .seeds(paper: 3, quick: 2),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = trainer.network

    let universal = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let attack = Vardi2022.attackRadii(p, net, data, rng: &rng)
    // Hidden units that carry the network: |v_j|·‖w_j‖ above 1% of the largest.
    let strength = (0..<m).map { j in abs(net.outer[j]) * norm(net.weights.row(j)) }
    let strongest = strength.max() ?? 0

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "attack_radius", attack, Vardi2022.byAttack)
    r.count(
      "active_units", strength.filter { $0 > 0.01 * strongest }.count,
      "hidden units with |v_j|·‖w_j‖ above 1% of the largest: the units that carry the trained network")
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    Vardi2022.nearKKT + [
      .slope(
        "The flip radius does not depend on the width m",
        reason: "every KKT point is non-robust at radius ~ √(d/n), for any m: slope 0 in m, ±0.1",
        of: { $0.scalar("flip_radius_median") }, against: "m", within: -0.1...0.1
      ).control(
        "the network stopped after 2 steps: its radius is that of the random initialisation", set: ["max_steps=2"]),
      .fraction(
        "At every width the flip radius is of order √(d/n)",
        reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
        of: { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() },
        named: "radius/√(d/n)", .within(0.5...2), atLeast: 0.9
      ).control("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.attackIsNoWorse,
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    var ms: [Double] = []
    var med: [Double] = []
    var lo: [Double] = []
    var hi: [Double] = []
    var attack: [Double] = []
    var active: [Double] = []
    for group in results.grouped(by: ["m"]) {
      let u = Vardi2022.summary(group.points, "flip_radius")
      ms.append(group.points[0].real("m"))
      med.append(u.median)
      lo.append(u.low)
      hi.append(u.high)
      attack.append(Vardi2022.summary(group.points, "attack_radius").median)
      active.append(Statistics.median(group.points.map { $0.scalar("active_units") }))
    }
    let first = results.points.first
    let (d, n) = (first?.real("d") ?? .nan, first?.real("n") ?? .nan)
    let mRange = (ms.min() ?? 1)...(ms.max() ?? 2)
    return [
      Figure(
        name: "flip-radius-vs-width",
        title: "Flip radius is flat in the width m (d = \(Int(d)), n = \(Int(n)); Vardi et al. 2022)",
        xLabel: "hidden width m", yLabel: "flip radius ‖δ‖₂ at training points", logX: true, logY: true,
        series: [
          Series(label: "along −y·u (median, quartiles)", x: ms, y: med, low: lo, high: hi),
          Series(label: "generic ℓ2 attack (median)", x: ms, y: attack),
        ],
        references: [
          .reference("√(d/n)", over: mRange, log: true) { _ in (d / n).squareRoot() },
          .reference("robust radius √d/2", over: mRange, log: true) { _ in d.squareRoot() / 2 },
        ], legend: "top right", yRange: (d / n).squareRoot() / 3...(d.squareRoot() * 3)),
      Figure(
        name: "active-units-vs-width",
        title: "Hidden units that carry the trained network (|v_j|·‖w_j‖ > 1% of the largest)",
        xLabel: "hidden width m", yLabel: "active units (median over seeds)", logX: true, logY: true,
        series: [Series(label: "active units", x: ms, y: active)],
        references: [.reference("all units (y = m)", over: mRange, log: true) { $0 }]),
    ]
  }
}
