import Figures
import Foundation
import Harness
import Numerics

/// Frei, Vardi, Bartlett & Srebro (2023), the second edge of the sword: the network gradient flow finds on
/// k clusters is flipped at radius ~ ‖μ‖/√k, along the universal direction and by a generic ℓ2 attack,
/// while the width-k network R(x) = Σ_j y_j relu(⟨μ_j/‖μ‖, x⟩ − ‖μ‖/2) keeps its accuracy to ≈ ‖μ‖/2: robust
/// networks exist, and the gap between the two radii grows like √k.
public enum Frei2023RobustAccuracy: Experiment {
  public static let id = "frei2023-robust-accuracy"
  public static let paper = "frei2023"
  public static let reproduces =
    "Non-robustness at radius ‖μ‖/√k (universal direction and ℓ2 attack) against a robust network R that holds to ‖μ‖/2"
  public static let summary =
    "The trained network's robust accuracy collapses near ‖μ‖/√k, R's only near ‖μ‖/2, so the gap grows like √k."

  public static let parameters: [Parameter] =
    [
      Frei2023.clusters(paper: [4, 16, 64], quick: [4, 16]),
      Frei2023.dimension(paper: 1000, quick: 200),
      Frei2023.perCluster,
      Frei2023.width(paper: 64, quick: 32),
      Frei2023.testPoints(paper: 200, quick: 100),
    ] + Frei2023.gridParameters + Frei2023.mixture + [Frei2023.noLabelNoise]
    + Frei2023.training(maxSteps: (20_000, 3_000), convergence: (5e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, .seeds(paper: 2, quick: 1),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
    let (mixture, test, net, reach) = (run.mixture, run.test, run.network, run.reach)
    let robust = mixture.robustReference
    let radii = Frei2023.radiusGrid(p)
    let u = mixture.universalDirection

    var r = Record()
    r.set(
      "radius", radii, "the radius grid, 0 to radius_max·‖μ‖: the axis of every robust_accuracy_* array",
      units: "ℓ2 norm, input units")
    // The trained network: along the universal direction (or, for a control, a random one) ...
    let flips = Frei2023.flipRadii(net, test, direction: Frei2023.flipDirection(p, mixture, rng: &rng), scale: reach)
    r.set(
      "flip_radius", flips,
      "per test point: the trained network's first flip along −y·u (or a random direction for the control); NaN if none within reach",
      units: "ℓ2 norm, input units", allowing: .nan)
    let universal = Frei2023.robustAccuracy(firstFlips: flips, radii: radii)
    r.set(
      "robust_accuracy_universal", universal, "at each radius: share of test points not flipped along −y·u within it")
    // ... and against the ℓ2 attack, with and without the universal direction among its starts.
    let attack: [Double]
    let pgd: [Double]
    switch p.choice("attack", as: AttackKind.self) {
    case .generic:
      attack = try Frei2023.robustAccuracy(net, test, radii: radii, startingAlong: u, rng: &rng)
      pgd = try Frei2023.robustAccuracy(net, test, radii: radii, startingAlong: nil, rng: &rng)
    case .randomDirection:
      let random = (0..<test.count).map { i in
        FlipStudy.flipRadius(
          net, at: test.x.row(i), label: test.y[i], direction: normalized(rng.normals(test.dimension)), maxT: reach)
      }
      attack = Frei2023.robustAccuracy(firstFlips: random, radii: radii)
      pgd = attack
    }
    r.set(
      "robust_accuracy_attack", attack,
      "at each radius: share of test points the ℓ2 PGD attack (with the universal start) does not flip within it")
    r.set(
      "robust_accuracy_pgd", pgd,
      "at each radius: share of test points the ℓ2 PGD attack from random starts only does not flip within it")
    // R: the same measurements.
    let robustFlips = Frei2023.flipRadii(robust, test, direction: u, scale: reach)
    r.set(
      "reference_flip_radius", robustFlips,
      "per test point: the first flip of the robust network R along −y·u (NaN if none within reach)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "robust_accuracy_reference_universal", Frei2023.robustAccuracy(firstFlips: robustFlips, radii: radii),
      "at each radius: share of test points R keeps along −y·u")
    let reference = try Frei2023.robustAccuracy(robust, test, radii: radii, startingAlong: u, rng: &rng)
    r.set(
      "robust_accuracy_reference", reference,
      "at each radius: share of test points the ℓ2 PGD attack (with the universal start) does not flip on R")

    r.set(
      "test_accuracy", Frei2023.accuracy(net, test), "share of test points the trained network classifies correctly")
    r.set("reference_test_accuracy", Frei2023.accuracy(robust, test), "share of test points R classifies correctly")
    r.set(
      "flip_radius_median", Statistics.median(flips), "median of flip_radius over the test points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
    let collapse =
      ": the first radius where the robust accuracy is at most ½ (linear between grid points; 0 if the clean accuracy is, +∞ beyond the grid)"
    r.set(
      "collapse_radius_universal", Frei2023.collapseRadius(radii: radii, accuracy: universal),
      "robust_accuracy_universal" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_attack", Frei2023.collapseRadius(radii: radii, accuracy: attack),
      "robust_accuracy_attack" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_pgd", Frei2023.collapseRadius(radii: radii, accuracy: pgd),
      "robust_accuracy_pgd" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_reference", Frei2023.collapseRadius(radii: radii, accuracy: reference),
      "robust_accuracy_reference" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    run.record(&r)
    return r
  }

  static func relative(_ p: PointResult, _ name: String) -> Double { p.scalar(name) / p.real("mu_norm") }

  public static let claims: [Claim] =
    FlipStudy.nearKKT + [
      .fraction(
        "The ℓ2 attack collapses the trained network's robust accuracy near ‖μ‖/√k",
        reason:
          "prediction 2: perturbations of order ‖μ‖/√k flip most points; collapse = robust accuracy ≤ ½ (y·f ≤ 0 is an error); the order is the claim, so a factor of 2 either way",
        of: { relative($0, "collapse_radius_attack") * $0.real("k").squareRoot() },
        named: "collapse radius·√k/‖μ‖", .within(0.5...2), atLeast: 1
      ).control(
        "the k means collapsed onto two directions (one per label): the collapse radius no longer shrinks like 1/√k",
        set: ["means=collapsed"]),
      .fraction(
        "Along the universal direction alone it collapses near ‖μ‖/√k",
        reason:
          "prediction 2: z = −y·Σ_j y_j μ_j/‖Σ_j y_j μ_j‖ is one perturbation for all points; a factor of 2 either way",
        of: { relative($0, "collapse_radius_universal") * $0.real("k").squareRoot() },
        named: "collapse radius·√k/‖μ‖", .within(0.5...2), atLeast: 1
      ).control("flips sought along a random direction instead of the universal one", set: ["direction=random"]),
      .fraction(
        "A generic ℓ2 attack that is not told the universal direction collapses it as early",
        reason:
          "the small radius is not an artefact of the chosen direction: PGD from 0 and random starts only; 10% slack for the radius grid's spacing",
        of: { $0.scalar("collapse_radius_pgd") / $0.scalar("collapse_radius_universal") },
        named: "collapse radius (PGD)/(universal)", .below(1.1), atLeast: 1
      ).control("the attack replaced by a search along one random direction", set: ["attack=random-direction"]),
      .fraction(
        "R keeps its accuracy up to ≈ ‖μ‖/2",
        reason:
          "prediction 3: within ‖μ‖/2 of its mean no unit of the other label turns on and its own stays on, less the noise's projection ~σ/√d; at exactly ‖μ‖/2 R is 0, a tie counted as an error",
        of: { relative($0, "collapse_radius_reference") / 0.5 }, named: "R's collapse radius/(‖μ‖/2)",
        .within(0.8...1.05), atLeast: 1
      ).control("noise σ = 20 at d = 200: its projection on each mean is ~1.4‖μ‖", set: ["sigma=20"]),
      .fraction(
        "The gap between R's radius and the trained network's grows like √k",
        reason:
          "prediction 3: ‖μ‖/2 against ‖μ‖/√k is a factor √k/2; the order is the claim, so a factor of 2 either way",
        of: {
          $0.scalar("collapse_radius_reference") / $0.scalar("collapse_radius_attack") / ($0.real("k").squareRoot() / 2)
        },
        named: "(R/trained)/(√k/2)", .within(0.5...2), atLeast: 1
      ).control(
        "the k means collapsed onto two directions: the trained radius stays near ‖μ‖/√2 whatever k",
        set: ["means=collapsed"]),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    var figures: [Figure] = []
    let ks = results.ascendingValues(of: "k")
    let seeds = results.distinctValues(of: "seed").count
    let first = results.points.first
    let (d, m) = (first?.real("d") ?? .nan, first?.real("m") ?? .nan)
    let setting = "d = \(Int(d)), m = \(Int(m))"
    // Colours by network: the trained one blue (0, 5), R vermillion and orange (1, 4).
    for k in ks {
      let group = results.points.filter { $0.real("k") == k }
      guard let mu = group.first?.real("mu_norm") else { continue }
      let x = group[0].array("radius").map { $0 / mu }
      func mean(_ name: String) -> [Double] {
        x.indices.map { i in Statistics.mean(group.map { $0.array(name)[i] }) }
      }
      let r = 1 / k.squareRoot()
      figures.append(
        Figure(
          name: "robust-accuracy-k\(Int(k))",
          title:
            "k = \(Int(k)) clusters: the trained network collapses near ‖μ‖/√k, R near ‖μ‖/2 (Frei et al. 2023; \(setting); mean over \(seeds) seeds)",
          xLabel: "perturbation radius / ‖μ‖", yLabel: "robust accuracy on test points (y·f ≤ 0 is an error)",
          series: [
            Series(label: "trained, universal direction", x: x, y: mean("robust_accuracy_universal"), color: 0),
            Series(
              label: "trained, ℓ2 attack (PGD with the universal start)", x: x, y: mean("robust_accuracy_attack"),
              color: 5, marker: 5),
            Series(
              label: "trained, ℓ2 attack (PGD without it)", x: x, y: mean("robust_accuracy_pgd"), style: .points,
              color: 0, marker: 6),
            Series(label: "R, ℓ2 attack", x: x, y: mean("robust_accuracy_reference"), color: 1),
            Series(
              label: "R, universal direction", x: x, y: mean("robust_accuracy_reference_universal"), style: .points,
              color: 4, marker: 4),
          ], legend: .below, yRange: -0.03...1.05,
          marks: [
            .y(0.5, "collapse: robust accuracy ½"),
            .x(
              0.5 * r, "claim: the trained network collapses between 0.5/√k and 2/√k (1/√k = \(formatNumber(r)))",
              color: 0),
            .x(2 * r, "", color: 0),
            .x(0.4, "claim: R collapses between 0.8 and 1.05 × 1/2", color: 1),
            .x(0.525, "", color: 1),
          ],
          caption:
            "The blue curves must cross the accuracy-½ line between the two blue marks around 1/√k, R's vermillion curve between the two vermillion marks just below 1/2."
        ))
    }
    func perRun(_ value: (PointResult) -> Double) -> [[Double]] {
      ks.map { k in results.points.filter { $0.real("k") == k }.map(value) }
    }
    let kRange = (ks.first ?? 1)...(ks.last ?? 2)
    let over = "seeds"
    let pgdRatio = results.points.map { $0.scalar("collapse_radius_pgd") / $0.scalar("collapse_radius_universal") }
    let pgdOK = pgdRatio.filter { $0 < 1.1 }.count
    figures.append(
      Figure(
        name: "collapse-radius-vs-k",
        title:
          "Where robust accuracy falls to ½: ‖μ‖/√k for the trained network, ‖μ‖/2 for R (Frei et al. 2023; \(setting)); PGD without the universal start within 1.1 × the universal radius at \(FlipStudy.countPhrase(pgdOK, of: pgdRatio.count))",
        xLabel: "clusters k", yLabel: "collapse radius / ‖μ‖", logX: true, logY: true,
        series: [
          .median(
            "trained, PGD without the universal start", x: ks,
            samples: perRun { Self.relative($0, "collapse_radius_pgd") }, over: over, style: .points, color: 0,
            marker: 6),
          .median(
            "trained, universal direction", x: ks, samples: perRun { Self.relative($0, "collapse_radius_universal") },
            over: over, style: .points, color: 5, marker: 5),
          .median(
            "trained, ℓ2 attack", x: ks, samples: perRun { Self.relative($0, "collapse_radius_attack") }, over: over,
            color: 0, marker: 0),
          .median(
            "R, ℓ2 attack", x: ks, samples: perRun { Self.relative($0, "collapse_radius_reference") }, over: over,
            color: 1),
        ],
        references: [
          .reference("prediction for the trained network: 1/√k", over: kRange, log: true, color: 0) {
            1 / $0.squareRoot()
          },
          .reference("claim: trained from 0.5/√k to 2/√k", over: kRange, log: true, color: 5) { 0.5 / $0.squareRoot() },
          .reference("", over: kRange, log: true) { 2 / $0.squareRoot() },
          .reference("claim: R from 0.8 to 1.05 × 1/2", over: kRange, log: true, color: 1) { _ in 0.4 },
          .reference("", over: kRange, log: true) { _ in 0.525 },
        ], xTicks: ks, legend: .below,
        caption:
          "The trained network's collapse radius follows 1/√k inside its band while R's stays at ‖μ‖/2 inside its narrow band: the gap between them grows like √k."
      ))
    figures.append(
      Figure(
        name: "gap-vs-k", title: "R's collapse radius over the trained network's, relative to √k/2 (\(setting))",
        xLabel: "clusters k", yLabel: "(R's / trained collapse radius) / (√k/2)", logX: true, logY: true,
        series: [
          .median(
            "ℓ2 attack on both", x: ks,
            samples: perRun {
              $0.scalar("collapse_radius_reference") / $0.scalar("collapse_radius_attack")
                / ($0.real("k").squareRoot() / 2)
            }, over: over)
        ],
        references: [
          .reference("prediction: 1", over: kRange, log: true, samples: 2) { _ in 1 },
          .reference("claim: from 0.5 to 2 at every run", over: kRange, log: true, samples: 2) { _ in 0.5 },
          .reference("", over: kRange, log: true, samples: 2) { _ in 2 },
        ], xTicks: ks, legend: .below,
        caption: "The ratio must stay between the claim lines at 0.5 and 2: R's advantage grows like √k/2."))
    figures.append(FlipStudy.trainingFigure(results, along: "k", xLabel: "clusters k", setting: setting))
    return figures
  }
}

extension Frei2023RobustAccuracy {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("per_cluster") * p.int("k"), sizes: "per_cluster")
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.robustAccuracyCost(p)
  }
}
