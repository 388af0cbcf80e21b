import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

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
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (1e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, Vardi2022.network, .seeds(paper: 3, quick: 2),
    ]

  /// network=robust measures R on the same data with the same draws (attack restarts).
  public static let pairedAcross = ["network"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = Vardi2022.measured(p, trained: trainer.network, data: data)

    let universal = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let attack = Vardi2022.attackRadii(p, net, data, rng: &rng)
    // Hidden units that carry the network: |v_j|·‖w_j‖ above 1% of the largest.
    let trained = trainer.network
    let strength = (0..<m).map { j in abs(trained.outer[j]) * norm(trained.weights.row(j)) }
    let strongest = strength.max() ?? 0

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "attack_radius", attack, Vardi2022.byAttack)
    r.setCount(
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
      ).consistencyCheck(Vardi2022.widthFlatnessIsNotSpecific).control(
        "the network stopped after 2 steps: its radius is that of the random initialisation", set: ["max_steps=2"]),
      .fraction(
        "At every width the flip radius is of order √(d/n)",
        reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
        of: { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() },
        named: "radius/√(d/n)", .within(0.5...2), atLeast: 0.9
      ).wrongRegime(
        Vardi2022.stoppedAtFitNetwork
          + "its radius along −y·u is set by the random initial function, not by a KKT point: larger than √(d/n) and spread",
        set: Vardi2022.stoppedAtFit, preset: .paper
      ).wrongRegime(
        Vardi2022.robustObject
          + "its radius along −y·u is ≈ ‖x‖·√n/2, i.e. radius/√(d/n) ≈ n/2 = 10 at n = 20, not of order 1",
        set: Vardi2022.robustObjectSettings, preset: .paper
      ).instrumentCheck("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.attackIsNoWorse.codeCheck(
        "a check of the attack: the smallest flip over all directions is at most the flip along −y·u, so the claim fails only when the local attack misses it (every network tried passes: the large-initialisation network stopped at fit too)"
      ),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ms = results.ascendingValues(of: "m")
    let first = results.points.first
    let (d, n) = (first?.real("d") ?? .nan, first?.real("n") ?? .nan)
    let mRange = (ms.first ?? 1)...(ms.last ?? 2)
    let scale = (d / n).squareRoot()
    func perRun(_ value: (PointResult) -> Double) -> [[Double]] {
      ms.map { m in results.points.filter { $0.real("m") == m }.map(value) }
    }
    // What the claims judge: each run's median flip radius over its training points.
    let fit = Claim.slopeFit(results.points, of: { $0.scalar("flip_radius_median") }, against: "m")
    var universal = Series.median(
      "along −y·u", x: ms, samples: perRun { $0.scalar("flip_radius_median") / scale }, over: "seeds")
    universal.label += "; \(fit.text)"
    let attack = Series.median(
      "generic ℓ2 attack", x: ms, samples: perRun { $0.scalar("attack_radius_median") / scale }, over: "seeds",
      style: .points, color: 1, marker: 1)
    // The slope claim's band drawn through the middle of the data: slopes −0.1 and +0.1 in m.
    let centre = exp(Statistics.mean(universal.y.filter { $0 > 0 }.map { log($0) }))
    let middle = exp(Statistics.mean(ms.map { log($0) }))
    let order = results.points.map { $0.scalar("flip_radius_median") / ($0.real("d") / $0.real("n")).squareRoot() }
    let inBand = order.filter { (0.5...2).contains($0) }.count
    let active = perRun { $0.scalar("active_units") }
    let setting = "d = \(Int(d)), n = \(Int(n))"
    return [
      Figure(
        name: "flip-radius-vs-width",
        title:
          "The flip radius does not depend on the width m (Vardi et al. 2022, prediction 1; \(setting)); radius/√(d/n) within the claim's 0.5 to 2 at \(FlipStudy.countPhrase(inBand, of: order.count))",
        xLabel: "hidden width m", yLabel: "flip radius / √(d/n) (each run's median over its training points)",
        logX: true, series: [universal, attack],
        references: [
          .reference(
            "claim: slope in m from −0.1 to 0.1 (drawn through the data's centre)", over: mRange, log: true, color: 0
          ) {
            centre * pow($0 / middle, -0.1)
          },
          .reference("", over: mRange, log: true, color: 0) { centre * pow($0 / middle, 0.1) },
          .reference("prediction: 1 (radius = √(d/n))", over: mRange, log: true) { _ in 1 },
        ], xTicks: ms, legend: .below,
        caption:
          "The medians lie flat between the two blue dashed lines of slope ±0.1 (the claim; the fitted slope is in the legend), close to the predicted radius √(d/n) at every width."
      ),
      FlipStudy.attackRatioFigure(
        results, along: "m", xLabel: "hidden width m", setting: setting, points: "training points"),
      Figure(
        name: "active-units-vs-width",
        title: "Hidden units that carry the trained network: |v_{j}|·‖w_{j}‖ above 1% of the largest (\(setting))",
        xLabel: "hidden width m", yLabel: "active units", logX: true, logY: true,
        series: [.median("active units", x: ms, samples: active, over: "seeds")],
        references: [.reference("all units (y = m)", over: mRange, log: true) { $0 }], xTicks: ms, legend: "top left",
        caption:
          "Descriptive, no claim: how many of the m units the trained network uses; the flip radius stays flat even where most units are inactive."
      ),
      FlipStudy.trainingFigure(results, along: "m", xLabel: "hidden width m", setting: setting),
    ]
  }
}

extension Vardi2022Width {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.cost(p, attacks: 1)
  }
}
