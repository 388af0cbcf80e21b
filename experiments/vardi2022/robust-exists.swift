import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Vardi, Yehudai & Shamir (2022), prediction 2: on the very data the trained network is flipped at
/// radius ~ √(d/n), a robust two-layer network exists. With a bias, R(x) = Σ_i y_i relu(⟨x_i, x⟩ −
/// ‖x_i‖²/2) classifies every training point correctly within (d/2 − max_{l≠i}|⟨x_l, x_i⟩|)/√d ≈ √d/2.
/// The certified radius is checked against the same generic attack that flips the trained network.
public enum Vardi2022RobustExists: Experiment {
  public static let id = "vardi2022-robust-exists"
  public static let paper = "vardi2022"
  public static let reproduces =
    "Prediction 2: a robust network R with radius ≈ √d/2 exists; the trained one's is smaller by ~√n"
  public static let summary =
    "Relative to ‖x‖ = √d, R's certified radius stays near 1/2 (and no attack beats it) while the trained network's stays near 1/√n."

  public static let parameters: [Parameter] =
    [
      .int("d", "input dimension (swept)", paper: [500, 1000, 2000, 4000, 8000], quick: [200, 800], in: 2...200_000),
      .int("n", "training points (swept)", paper: [10, 40], quick: [8], in: 2...5_000),
      Vardi2022.width(paper: 100, quick: 20),
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (1e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, Vardi2022.network, .seeds(paper: 3, quick: 2),
    ]

  /// network=robust measures R in place of the trained network on the same data with the same draws.
  public static let pairedAcross = ["network"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = Vardi2022.measured(p, trained: trainer.network, data: data)
    let robust = data.robustReference

    var r = Record()
    let trained = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let certified = data.robustReferenceRadii
    r.set(
      "flip_radius", trained,
      "per training point: the trained network's flip radius along the universal direction u (NaN if none within 10‖x_i‖)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "attack_radius", Vardi2022.attackRadii(p, net, data, rng: &rng),
      "per training point: the smallest ‖δ‖ flipping the trained network found by the generic ℓ2 attack (NaN if none within 10‖x_i‖)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "robust_certified_radius", certified,
      "per training point: the radius within which the robust network R(x) = Σ_i y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2) provably keeps its sign",
      units: "ℓ2 norm, input units")
    r.set(
      "robust_attack_radius", Vardi2022.attackRadii(p, robust, data, rng: &rng),
      "per training point: the smallest ‖δ‖ flipping the robust network R found by the generic ℓ2 attack (NaN if none within 10‖x_i‖)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "robust_margins", (0..<n).map { data.y[$0] * robust(data.x.row($0)) },
      "per training point: the margin y_i·R(x_i) of the robust network")
    r.set(
      "flip_radius_median", Statistics.median(trained),
      "median of flip_radius over the training points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "robust_certified_median", Statistics.median(certified),
      "median of robust_certified_radius over the training points",
      units: "ℓ2 norm, input units")
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    Vardi2022.nearKKT + [
      .fraction(
        "R is robust on these data: its certified radius is at least half of √d/2",
        reason:
          "certified/(√d/2) = 1 − 2·max_{l≠i}|⟨x_l, x_i⟩|/d on the sphere: above ½ when the data are nearly orthogonal (d ≫ n²), the setting of the theorem",
        of: { $0.scalar("robust_certified_median") / ($0.real("d").squareRoot() / 2) },
        named: "certified/(√d/2)", .above(0.5), atLeast: 1
      ).wrongRegime("d = 16 ≪ n²: the inner products are of the order of the norms", set: ["d=16"]),
      .fraction(
        "The trained network's radius is smaller than R's by a factor of order √n",
        reason: "√(d/n) against √d/2 is a factor √n/2; the order is the claim, so a factor of 2 either way",
        of: {
          $0.scalar("robust_certified_median") / $0.scalar("flip_radius_median") / ($0.real("n").squareRoot() / 2)
        },
        named: "(R/trained)/(√n/2)", .within(0.5...2), atLeast: 0.9
      ).wrongRegime(
        Vardi2022.stoppedAtFitNetwork
          + "not a KKT point, its radius along −y·u exceeds √(d/n) (by ~1.6× at the median), so R's lead falls short of √n/2",
        set: Vardi2022.stoppedAtFit, preset: .paper
      ).wrongRegime(
        Vardi2022.robustObject
          + "its radius along −y·u is ≈ ‖x‖·√n/2, √n times its own certificate ‖x‖/2, so (R/measured)/(√n/2) ≈ 2/n (0.2 at n = 10, 0.05 at n = 40), not of order 1",
        set: Vardi2022.robustObjectSettings, preset: .paper
      ).instrumentCheck("the trained network's flips searched along a random direction", set: ["direction=random"]),
      .comparison(
        "At every training point the trained network is flipped inside R's certified radius",
        reason: "the trained radius ~ √(d/n) is below √d/2 for n > 4; 5% of points may fall at the smallest d",
        ("trained", { $0.array("flip_radius") }), atMost: ("R certified", { $0.array("robust_certified_radius") }),
        atLeast: 0.95
      ).wrongRegime(
        Vardi2022.stoppedAtFitNetwork
          + "not a KKT point, its radius along −y·u is not held to √(d/n) and passes R's certificate at many points (n = 10)",
        set: Vardi2022.stoppedAtFit, preset: .paper
      ).wrongRegime(
        Vardi2022.robustObject
          + "robust by construction, its radius along −y·u (≈ ‖x‖·√n/2) lies beyond its own certificate ‖x‖/2 at every point",
        set: Vardi2022.robustObjectSettings, preset: .paper
      ).instrumentCheck("the trained network's flips searched along a random direction", set: ["direction=random"]),
      .comparison(
        "No attack beats R's certified radius",
        reason: "the attack on R must stop at or beyond the certificate; slack 0",
        ("certified", { $0.array("robust_certified_radius") }),
        atMost: ("attack on R", { $0.array("robust_attack_radius") }), atLeast: 1
      ).codeCheck(
        "a theorem, not a prediction: inside the certificate every other unit of R is off and unit i is on, so a smaller flip would be a bug in the attack or the certificate"
      ),
      .fraction(
        "R's certified radius is at most √d/2",
        reason: "min(‖x_i‖/2, …) ≤ ‖x_i‖/2 = √d/2 on the sphere",
        of: { $0.scalar("robust_certified_median") / ($0.real("d").squareRoot() / 2) },
        named: "certified/(√d/2)", .below(1 + 1e-12), atLeast: 1
      ).codeCheck("an identity of the certificate's formula on the sphere, not a prediction"),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ns = results.ascendingValues(of: "n")
    let ds = results.ascendingValues(of: "d")
    let dRange = (ds.first ?? 1)...(ds.last ?? 2)
    let m = results.points.first?.real("m") ?? .nan
    /// Each run's median over its training points of `array`, divided by √d: NaN when a point has no flip within
    /// 10‖x_i‖ (none is dropped; the figure names what it cannot draw).
    func relative(_ array: String) -> @Sendable (PointResult) -> Double {
      { p in Statistics.median(p.array(array)) / p.real("d").squareRoot() }
    }
    let meanings: [(array: String, label: String, style: Series.Style)] = [
      ("flip_radius", "trained network, along −y·u", .linesPoints),
      ("attack_radius", "trained network, generic ℓ2 attack", .points),
      ("robust_certified_radius", "R, certified radius", .linesPoints),
      ("robust_attack_radius", "R, generic ℓ2 attack", .points),
    ]
    var panels: [Figure] = []
    var all: [Double] = []
    for (k, n) in ns.enumerated() {
      let at = results.points.filter { $0.real("n") == n }
      let series = meanings.enumerated().map { c, meaning in
        Series.median(
          meaning.label, x: ds,
          samples: ds.map { d in at.filter { $0.real("d") == d }.map(relative(meaning.array)) }, over: "seeds",
          style: meaning.style, color: c, marker: c)
      }
      for s in series {
        all += s.y
        all += s.low ?? []
        all += s.high ?? []
      }
      all += [1 / n.squareRoot(), 0.5, 0.25]
      panels.append(
        Figure(
          name: "n\(Int(n))", title: "n = \(Int(n)) training points", xLabel: "input dimension d",
          yLabel: "flip radius / ‖x‖ = radius / √d", logX: true, logY: true, series: series,
          references: [
            .reference("prediction for the trained network: 1/√n", over: dRange, log: true, color: 0) { _ in
              1 / n.squareRoot()
            },
            .reference("R's radius √d/2, relative: 1/2", over: dRange, log: true, color: 2) { _ in 0.5 },
            .reference("claim: R certified > half of that, 1/4", over: dRange, log: true, color: 2) { _ in 0.25 },
          ], xTicks: ds, legend: k == 0 ? "top left" : .off))
    }
    let y = fittedRange(all, log: true)
    for k in panels.indices { panels[k].yRange = y }
    // The claims on the gap and on the pairs, in numbers for the title.
    let pairs = results.points.flatMap { zip($0.array("flip_radius"), $0.array("robust_certified_radius")) }
    let inside = pairs.filter { $0.0 <= $0.1 }.count
    var gap: [Series] = []
    for (k, n) in ns.enumerated() {
      let at = results.points.filter { $0.real("n") == n }
      gap.append(
        .median(
          "n = \(Int(n))", x: ds,
          samples: ds.map { d in
            at.filter { $0.real("d") == d }.map {
              $0.scalar("robust_certified_median") / $0.scalar("flip_radius_median") / ($0.real("n").squareRoot() / 2)
            }
          }, over: "seeds", color: k, marker: k))
    }
    return [
      Figure.smallMultiples(
        name: "radius-vs-d",
        title:
          "A robust network R exists on the very data the trained network (m = \(Int(m))) is flipped on: radii relative to ‖x‖ = √d, each run's median over its training points; the trained network is flipped inside R's certificate at \(FlipStudy.countPhrase(inside, of: pairs.count, "points"))",
        panels: panels, columns: panels.count + 1,
        caption:
          "In each panel the trained network's radii (blue, orange) sit on their 1/√n line and R's (green, pink) near 1/2, above the claim's 1/4: a robust network exists with a radius √n/2 times larger."
      ),
      Figure(
        name: "robust-gap-vs-d",
        title: "R's certified radius over the trained network's is of order √n/2 (m = \(Int(m)))",
        xLabel: "input dimension d", yLabel: "(R's certified radius / trained radius) / (√n/2)", logX: true, logY: true,
        series: gap,
        references: [
          .reference("prediction: 1", over: dRange, log: true) { _ in 1 },
          .reference("claim: from 0.5 to 2 at ≥ 90% of runs", over: dRange, log: true) { _ in 0.5 },
          .reference("", over: dRange, log: true) { _ in 2 },
        ], xTicks: ds, legend: .below,
        caption:
          "Both n stay between the claim lines at 0.5 and 2, near 1: R's radius exceeds the trained network's by the predicted factor √n/2 at every d."
      ),
      FlipStudy.trainingFigure(
        results, along: "d", xLabel: "input dimension d",
        setting: "n = \(ns.map { "\(Int($0))" }.joined(separator: ", ")), m = \(Int(m))"),
    ]
  }
}

extension Vardi2022RobustExists {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.robustExistsCost(p)
  }
}
