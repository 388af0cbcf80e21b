import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

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
        "d", "input dimension (large: near-orthogonal data needs d ≳ 2n²·ln 2n)", paper: 8000, quick: 400,
        in: 2...200_000),
      Vardi2022.width(paper: 100, quick: 20),
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (1e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, Vardi2022.network, .seeds(paper: 5, quick: 2),
    ]

  /// network=robust measures R on the same data with the same draws (random directions, attack restarts).
  public static let pairedAcross = ["network"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = Vardi2022.measured(p, trained: trainer.network, data: data)

    let u = Vardi2022.flipDirection(p, data, rng: &rng)
    let universal = Vardi2022.flipRadii(net, data, direction: u)
    let alongVW = Vardi2022.flipRadii(net, data, direction: normalized(product(net.weights, .transpose, net.outer)))
    let attack = Vardi2022.attackRadii(p, net, data, rng: &rng)
    let heldOut = Vardi2022.heldOutRadii(net, inputs: Vardi2022.heldOutInputs(p, d: d, n: n), direction: u)

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "flip_radius_vw", alongVW, Vardi2022.alongVW)
    Vardi2022.recordRadii(&r, "attack_radius", attack, Vardi2022.byAttack)
    Vardi2022.recordPremise(&r, data: data, radii: universal)
    Vardi2022.recordHeldOut(&r, radii: heldOut)
    Vardi2022.recordRobustLevel(&r, data: data)
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    Vardi2022.nearKKT + [
      Vardi2022.premiseClaim(maxN: 20, "d = 8000, n ≤ 20")
        .wrongRegime(
          "d = 400 ≪ 2n²·ln 2n: the inner products are of order ‖x‖²/n or more, the data are not nearly orthogonal",
          set: ["d=400", "n=5,10,20"], preset: .paper),
      Vardi2022.judged(
        .slope(
          "At fixed d the flip radius relative to ‖x‖ falls like n^{-1/2} (each run's median over its points inside the premise)",
          reason:
            "radius = ‖x‖/√n at a KKT point on nearly orthogonal data gives slope −½; ±0.1 allows finite-size effects",
          of: { $0.scalar("flip_radius_inside_median") / $0.scalar("input_norm") }, against: "n",
          within: -0.6...(-0.4)),
        on: { $0.scalar("premise_inside") > 0 }, leftOut: "with no training point inside the premise"
      ).wrongRegime(
        Vardi2022.robustControl + "; relative to ‖x‖ it rises like n^{+1/2}", set: ["network=robust"], preset: .paper
      ).instrumentCheck("the network stopped after 2 steps, before it fits the data", set: ["max_steps=2"]),
      Vardi2022.constantClaim(
        inside: true,
        "The flip radius is ‖x‖/√n with constant near 1: radius·√n/‖x‖ within 1/1.25 to 1.25 (each run's median over its points inside the premise)",
        reason: Vardi2022.constantReason
      ).wrongRegime(Vardi2022.robustControl, set: ["network=robust"], preset: .paper)
        .instrumentCheck("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      .slope(
        "Beyond the premise too: over all training points (at n = 40 most are outside it) the relative radius falls like n^{-1/2}",
        reason:
          "a finding, not the theorem's prediction (it says nothing outside the premise): held to the same band; measured, the law holds down to d = 100 (premise ratio ≈ 3–16) and breaks only once d ≲ n",
        of: { $0.scalar("flip_radius_median") / $0.scalar("input_norm") }, against: "n", within: -0.6...(-0.4)
      ).wrongRegime(
        "d = 25 < n: the data span R^d and are far from orthogonal (premise ratio ≈ 3–30); the radius no longer tracks ‖x‖/√n: radius·√n/‖x‖ grows from ≈ 1.1 at n = 5 to ≈ 1.8 at n = 40",
        set: ["d=25"], preset: .paper
      ).wrongRegime(
        Vardi2022.robustControl + "; relative to ‖x‖ it rises like n^{+1/2}", set: ["network=robust"], preset: .paper),
      Vardi2022.attackIsNoWorse.codeCheck(
        "the smallest flip over all directions is at most the flip along −y·u, on any network (R too), so this fails only when the generic attack, which knows nothing of u, falls short of it: a check of the attack; the prediction is the next claim"
      ),
      .comparison(
        "The universal direction is nearly the smallest flip: the radius along −y·u is at most 1.1 × the generic attack's",
        reason:
          "prediction 1: the flipping direction is essentially universal, −y·u is (nearly) the shortest way to the boundary at a KKT point on nearly orthogonal data; 10% allows the cross terms and the attack's tolerance, 10% of points may escape",
        ("universal", { $0.array("flip_radius") }), atMost: ("attack", { $0.array("attack_radius") }), slack: 0.1,
        atLeast: 0.9
      ).wrongRegime(
        "the robust network R measured instead: its flip along −y·u (≈ ‖x‖·√n/2) is ≈ √n times its smallest flip (≈ ‖x‖/2, straight towards the kink of unit i): u is not R's weak direction",
        set: ["network=robust"], preset: .paper),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ns = results.ascendingValues(of: "n")
    let nRange = (ns.first ?? 1)...(ns.last ?? 2)
    let first = results.points.first
    let (d, m) = (first?.real("d") ?? .nan, first?.real("m") ?? .nan)
    // What the claims judge: each run's median flip radius over its training points inside the premise, over ‖x‖.
    func relative(_ name: String) -> @Sendable (PointResult) -> Double { { $0.scalar(name) / $0.scalar("input_norm") } }
    func samples(_ name: String) -> [[Double]] {
      ns.map { n in results.points.filter { $0.real("n") == n }.map(relative(name)) }
    }
    let judged = relative("flip_radius_inside_median")
    let fit = Claim.slopeFit(results.points.filter { !judged($0).isNaN }, of: judged, against: "n")
    let none = results.points.filter { judged($0).isNaN }.count
    var inside = Series.median(
      "inside the premise, along −y·u" + (none > 0 ? " (\(none) runs without one)" : ""), x: ns,
      samples: samples("flip_radius_inside_median").map { $0.filter { !$0.isNaN } }, over: "seeds", color: 0,
      marker: 0)
    inside.label += "; \(fit.text)"
    let fresh = samples("heldout_flip_radius_median")
    let robust = samples("robust_certified_median")
    let ratio = zip(fresh.joined(), samples("flip_radius_median").joined()).map { $0 / $1 }
    let setting = "d = \(Int(d)), m = \(Int(m))"
    let band = Vardi2022.constantBand
    let judgedRuns = results.points.map(Vardi2022.relativeRadius("flip_radius_inside_median")).filter { !$0.isNaN }
    let inBand = judgedRuns.filter(band.contains).count
    return [
      Figure(
        name: "relative-flip-radius-vs-n",
        title: "Relative to ‖x‖ the flip radius falls like 1/√n (Vardi et al. 2022, prediction 1; \(setting))",
        xLabel: "training points n", yLabel: "flip radius / ‖x‖ (each run's median over its points)",
        logX: true, logY: true,
        series: [
          inside,
          .median(
            "fresh points, the network's own decision, along −ŷ·u", x: ns, samples: fresh, over: "seeds",
            style: .points, color: 2, marker: 2),
          .median("R's certified radius (prediction 2)", x: ns, samples: robust, over: "seeds", color: 3, marker: 3),
        ],
        references: [
          .reference("prediction 1/√n (slope −1/2; the claim: from −0.6 to −0.4)", over: nRange, log: true, color: 0) {
            1 / $0.squareRoot()
          },
          .reference(
            "claim: \(formatNumber(band.lowerBound))/√n to \(formatNumber(band.upperBound))/√n at ≥ 90% of runs",
            over: nRange, log: true, color: 4
          ) { band.lowerBound / $0.squareRoot() },
          .reference("", over: nRange, log: true, color: 4) { band.upperBound / $0.squareRoot() },
          .reference("R's radius ‖x‖/2, relative: 1/2", over: nRange, log: true, color: 3) { _ in 0.5 },
        ], xTicks: ns, legend: .below,
        caption:
          "Each run's median over its training points inside the premise, divided by ‖x‖: \(FlipStudy.countPhrase(inBand, of: judgedRuns.count)) inside the claim's band, fitted slope in the legend. R's certificate sits at \(formatNumber(Statistics.median(Array(robust.joined())))) of ‖x‖ (median over runs), the fresh points' radius at \(formatNumber(Statistics.median(ratio))) times the training points' (median over runs)."
      ),
      Vardi2022.premiseFigure(results, setting: setting),
      FlipStudy.attackRatioFigure(
        results, along: "n", xLabel: "training points n", setting: setting, points: "training points",
        extra: ("flip_radius_vw", "along −y·Σ_{j} v_{j} w_{j}")),
      FlipStudy.trainingFigure(results, along: "n", xLabel: "training points n", setting: setting),
    ]
  }
}

extension Vardi2022FlipVsSamples {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.cost(p, attacks: 1) + Vardi2022.heldOutCost(p)
  }
}
