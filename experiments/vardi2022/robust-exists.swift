import Foundation
import Harness
import Numerics

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
    ] + Vardi2022.training(maxSteps: (20_000, 3_000), convergence: (1e-3, 1e-2)) + [
      Vardi2022.direction, Vardi2022.attack, .seeds(paper: 3, quick: 2),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = trainer.network
    let robust = data.robustReference

    var r = Record()
    let trained = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let certified = data.robustReferenceRadii
    r.set(
      "flip_radius", trained,
      "per training point: the trained network's flip radius along the universal direction u (NaN if none within 10‖x_i‖)",
      units: "ℓ2 norm, input units")
    r.set(
      "attack_radius", Vardi2022.attackRadii(p, net, data, rng: &rng),
      "per training point: the smallest ‖δ‖ flipping the trained network found by the generic ℓ2 attack",
      units: "ℓ2 norm, input units")
    r.set(
      "robust_certified_radius", certified,
      "per training point: the radius within which the robust network R(x) = Σ_i y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2) provably keeps its sign",
      units: "ℓ2 norm, input units")
    r.set(
      "robust_attack_radius", Vardi2022.attackRadii(p, robust, data, rng: &rng),
      "per training point: the smallest ‖δ‖ flipping the robust network R found by the generic ℓ2 attack",
      units: "ℓ2 norm, input units")
    r.set(
      "robust_margins", (0..<n).map { data.y[$0] * robust(data.x.row($0)) },
      "per training point: the margin y_i·R(x_i) of the robust network")
    r.set(
      "flip_radius_median", Statistics.median(trained), "median of flip_radius over the training points",
      units: "ℓ2 norm, input units")
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
      ).control("d = 16 ≪ n²: the inner products are of the order of the norms", set: ["d=16"]),
      .fraction(
        "The trained network's radius is smaller than R's by a factor of order √n",
        reason: "√(d/n) against √d/2 is a factor √n/2; the order is the claim, so a factor of 2 either way",
        of: {
          $0.scalar("robust_certified_median") / $0.scalar("flip_radius_median") / ($0.real("n").squareRoot() / 2)
        },
        named: "(R/trained)/(√n/2)", .within(0.5...2), atLeast: 0.9
      ).control("the trained network's flips searched along a random direction", set: ["direction=random"]),
      .comparison(
        "At every training point the trained network is flipped inside R's certified radius",
        reason: "the trained radius ~ √(d/n) is below √d/2 for n > 4; 5% of points may fall at the smallest d",
        ("trained", { $0.array("flip_radius") }), atMost: ("R certified", { $0.array("robust_certified_radius") }),
        atLeast: 0.95
      ).control("the trained network's flips searched along a random direction", set: ["direction=random"]),
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
    var series: [Series] = []
    var references: [Series] = []
    var allD: [Double] = []
    for (k, nGroup) in results.grouped(by: ["n"]).enumerated() {
      let n = nGroup.points[0].real("n")
      var ds: [Double] = []
      var trained: [Double] = []
      var attack: [Double] = []
      var certified: [Double] = []
      var robustAttack: [Double] = []
      for group in nGroup.points.grouped(by: ["d"]) {
        let d = group.points[0].real("d")
        let scale = d.squareRoot()
        ds.append(d)
        trained.append(Vardi2022.summary(group.points, "flip_radius").median / scale)
        attack.append(Vardi2022.summary(group.points, "attack_radius").median / scale)
        certified.append(Vardi2022.summary(group.points, "robust_certified_radius").median / scale)
        robustAttack.append(Vardi2022.summary(group.points, "robust_attack_radius").median / scale)
      }
      allD += ds
      series.append(Series(label: "trained, −y·u, n = \(Int(n))", x: ds, y: trained))
      series.append(Series(label: "trained, attack, n = \(Int(n))", x: ds, y: attack, style: .points))
      series.append(Series(label: "R certified, n = \(Int(n))", x: ds, y: certified))
      if k == 0 {
        series.append(Series(label: "R, attack, n = \(Int(n))", x: ds, y: robustAttack, style: .points))
      }
      references.append(.reference("1/√n, n = \(Int(n))", over: 1...2, log: true) { _ in 1 / n.squareRoot() })
    }
    let dRange = (allD.min() ?? 1)...(allD.max() ?? 2)
    references = references.map { ref in
      Series.reference(ref.label, over: dRange, log: true) { _ in ref.y[0] }
    }
    references.append(.reference("1/2 (R's radius √d/2)", over: dRange, log: true) { _ in 0.5 })
    return [
      Figure(
        name: "radius-vs-d",
        title: "A robust network exists: R's radius / ‖x‖ ≈ 1/2, the trained one's ≈ 1/√n (Vardi et al. 2022)",
        xLabel: "input dimension d", yLabel: "median flip radius / ‖x‖ = radius/√d", logX: true, logY: true,
        series: series, references: references, legend: "top right", yRange: 0.1...4)
    ]
  }
}
