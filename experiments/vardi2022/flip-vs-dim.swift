import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

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
      FlipStudy.direction, Vardi2022.network, .seeds(paper: 5, quick: 2),
    ]

  /// network=robust measures R on the same data with the same draws (the random direction of the control).
  public static let pairedAcross = ["network"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = Vardi2022.measured(p, trained: trainer.network, data: data)

    // Flip radii along the universal direction −y_i·u and along −y_i·Σ_j v_j w_j.
    let u = Vardi2022.flipDirection(p, data, rng: &rng)
    let vw = normalized(product(net.weights, .transpose, net.outer))
    let universal = Vardi2022.flipRadii(net, data, direction: u)
    let alongVW = Vardi2022.flipRadii(net, data, direction: vw)

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "flip_radius_vw", alongVW, Vardi2022.alongVW)
    Vardi2022.recordPremise(&r, data: data, radii: universal)
    Vardi2022.recordHeldOut(
      &r, radii: Vardi2022.heldOutRadii(net, inputs: Vardi2022.heldOutInputs(p, d: d, n: n), direction: u))
    Vardi2022.recordRobustLevel(&r, data: data)
    r.set(
      "margins", zip(trainer.network(data.x), data.y).map { $0 * $1 },
      "per training point: the margin y_i·N(x_i) of the trained network")
    r.set("cosine_u_vw", dot(u, vw), "cosine between the universal direction u and Σ_j v_j w_j")
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    Vardi2022.nearKKT + [
      .slope(
        "At fixed n the median flip radius grows like d^{1/2}",
        reason:
          "radius ~ √(d/n) gives slope ½; ±0.1 allows finite-d effects (the data are only nearly orthogonal). N is 1-homogeneous and ‖x‖ = √d, so any radius in input units is √d times a function of the normalised data: R (≈ ‖x‖·√n/2 along −y·u) and non-KKT networks give ½ as well; what can move it is the premise, the cross terms ≈ √(n/d) changing with d",
        of: { $0.scalar("flip_radius_median") }, against: "d", per: ["n"], within: 0.4...0.6
      ).consistencyCheck(Vardi2022.slopeInDIsNotSpecific).wrongRegime(
        "d = 25 to 100 ≤ 2.5n at n = 40: the data are far from orthogonal (premise ratio ≈ 5–30) and their normalised cross terms shrink as d grows, so radius/‖x‖ falls with d and the slope drops below ½",
        set: ["d=25,50,100", "n=40"], preset: .paper
      ).instrumentCheck("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.constantClaim(
        inside: true,
        "Inside the premise the flip radius is ‖x‖/√n = √(d/n) with constant near 1: radius·√n/‖x‖ within 1/1.25 to 1.25 (each run's median over its points inside the premise)",
        reason: Vardi2022.constantReason
      ).wrongRegime(
        Vardi2022.robustControl, set: ["network=robust", "d=1000,8000", "n=10,40"], preset: .paper
      ).instrumentCheck("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.constantClaim(
        inside: false,
        "Beyond the premise (the theorem says nothing there): at the points outside it the radius·√n/‖x‖ is also within 1/1.25 to 1.25: the conclusion reaches beyond the premise",
        reason:
          "a finding, not the theorem's prediction: held to the same band as inside, to show whether the law breaks where the data are not nearly orthogonal (n = 40 at every d here, small d at n = 10, 20)"
      ).wrongRegime(
        "d = 25 ≤ n: the data span R^d and are far from orthogonal; radius·√n/‖x‖ grows with n (≈ 1.1, 1.6, 1.8 at n = 10, 20, 40)",
        set: ["d=25"], preset: .paper
      ).wrongRegime(
        Vardi2022.robustControl, set: ["network=robust", "d=1000,8000", "n=10,40"], preset: .paper),
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
      // What the constant claims judge: each run's median over its points inside (outside) the premise.
      for (name, words, style) in [
        ("flip_radius_inside_median", "inside the premise", Series.Style.linesPoints),
        ("flip_radius_outside_median", "outside the premise", .points),
      ] {
        let samples = perRun(Vardi2022.relativeRadius(name))
        let none = samples.reduce(0) { $0 + Statistics.missing($1) }
        // Only the d with a run that has such a point (the runs without one are counted in the label).
        let kept = zip(ds, samples.map { $0.filter { !$0.isNaN } }).filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { continue }
        relative.append(
          .median(
            "n = \(Int(n)), points \(words)" + (none > 0 ? " (\(none) runs without one)" : ""), x: kept.map(\.0),
            samples: kept.map(\.1), over: "seeds", style: style, color: k, marker: style == .points ? k + 3 : k))
      }
    }
    let judged = results.points.map(Vardi2022.relativeRadius("flip_radius_inside_median")).filter { !$0.isNaN }
    let beyond = results.points.map(Vardi2022.relativeRadius("flip_radius_outside_median")).filter { !$0.isNaN }
    let band = Vardi2022.constantBand
    func inBand(_ v: [Double]) -> String { FlipStudy.countPhrase(v.filter(band.contains).count, of: v.count) }
    let setting = "m = \(Int(m)), median over each run's training points"
    let robustOverTrained = results.points.map {
      $0.scalar("robust_certified_median") / $0.scalar("flip_radius_median")
    }
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
          "Each n's medians follow the dashed √(d/n) line of its colour, with the fitted slope in the legend (the check: from 0.4 to 0.6); R's certified radius is \(formatNumber(Statistics.median(robustOverTrained))) times the trained one (median over runs), near the line √d/2."
      ),
      Figure(
        name: "relative-flip-radius-vs-d",
        title:
          "The flip radius is √(d/n) = ‖x‖/√n with constant near 1, inside the premise and beyond it (m = \(Int(m)))",
        xLabel: "input dimension d", yLabel: "flip radius · √n / ‖x‖ (dimensionless)", logX: true, logY: true,
        series: relative,
        references: [
          .reference("prediction: 1", over: dRange, log: true) { _ in 1 },
          .reference(
            "claim: \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound)) at ≥ 90% of runs",
            over: dRange, log: true
          ) { _ in band.lowerBound },
          .reference("", over: dRange, log: true) { _ in band.upperBound },
        ], xTicks: ds, legend: .below,
        caption:
          "Lines: each run's median over its training points inside the premise; points: over those outside it. In the band: \(inBand(judged)) with a point inside, \(inBand(beyond)) with a point outside."
      ),
      Vardi2022.premiseFigure(results, setting: "m = \(Int(m)), every d and n"),
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
    Vardi2022.cost(p, attacks: 0) + Vardi2022.heldOutCost(p)
  }
}
