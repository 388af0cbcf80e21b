import Figures
import Foundation
import Harness
import Numerics

/// Frei, Vardi, Bartlett & Srebro (2023), the first edge of the sword: on clustered data with nearly
/// orthogonal means, gradient flow on a two-layer ReLU network generalises, whatever its width (m·d ≫ n
/// included), and with a share of flipped training labels it fits them and still generalises (benign
/// overfitting).
public enum Frei2023Generalization: Experiment {
  public static let id = "frei2023-generalization"
  public static let paper = "frei2023"
  public static let reproduces =
    "Generalization: clean test accuracy near 1 once n is large relative to k, for every width, with or without flipped training labels"
  public static let summary =
    "Test accuracy rises to 1 with the number of training points at every width, and stays there when 10% of the training labels are flipped and fitted."

  public static let parameters: [Parameter] =
    [
      .int("n", "training points (swept)", paper: [16, 32, 64, 128, 256], quick: [16, 64], in: 2...5_000),
      .int("m", "hidden width (swept; m·d ≫ n throughout)", paper: [32, 64, 256], quick: [32, 64], in: 1...100_000),
      .real(
        "label_noise", "share of the training labels flipped (swept)", paper: [0, 0.1], quick: [0, 0.1], in: 0...0.5
      ),
      Frei2023.clusters(paper: 16, quick: 8),
      Frei2023.dimension(paper: 1000, quick: 200),
      Frei2023.testPoints(paper: 1000, quick: 200),
    ]
    // Budget 5,000: at init_scale 0.1 every run fits every label, the last by 1,800 steps (n = 256, 10% flipped).
    // init_scale 0.1 and widths from 32 avoid the dead-unit hazard (measured at n = 256, 10% flipped, 2 seeds):
    // at 10⁻³ (the other modules' scale) 1–6 flipped points end with every unit of their sign inactive on them
    // at m = 16, 32 and 256, never fitted (checked to 60,000 steps); at 10⁻² still at m = 16 and 64; at 0.1
    // none at m ≥ 32 (1,400–1,800 steps), but 1–2 at m = 16, so the narrowest width is 32. A larger initial
    // scale keeps more of each unit's random start along the flipped points' own noise directions.
    + Frei2023.mixture
    + Frei2023.training(maxSteps: (5_000, 3_000), convergence: (1e-2, 1e-2)).map { p in
      p.name == "init_scale"
        ? .real(
          "init_scale",
          "initial ‖w_j‖ and √m·|v_j| scale (small against ‖x‖ ≈ 1.4: the implicit-bias regime; 0.1 avoids dead units)",
          paper: 0.1, quick: 0.1, in: 1e-12...10) : p
    } + [
      .seeds(paper: 2, quick: 1)
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let run = try Frei2023.trained(p, n: p.int("n"))
    var r = Record()
    r.set(
      "test_accuracy", Frei2023.accuracy(run.network, run.test),
      "share of fresh test points classified correctly (clean labels)")
    r.set(
      "bayes_accuracy", Frei2023.bayesAccuracy(run.mixture, run.test),
      "the Bayes rule of the mixture (true means, σ) on the same test points: the optimum any classifier can reach")
    run.record(&r)
    return r
  }

  public static let claims: [Claim] = [
    .fraction(
      "Without label noise, test accuracy is at least 0.95 at the largest n, for every width",
      reason:
        "the network generalises however overparametrised (m·d ≫ n); an error is y·f ≤ 0, ties included",
      of: { $0.scalar("test_accuracy") }, named: "clean test accuracy", .above(0.95), atLeast: 1,
      where: { $0.real("label_noise") == 0 }
    ).atLargest("n")
      .wrongRegime(signalLost, set: signalLostAt, preset: .paper)
      .instrumentCheck("stopped after 2 steps: an untrained network", set: ["max_steps=2"]),
    .fraction(
      "The flipped training labels are fitted",
      reason:
        "gradient flow interpolates: at a KKT point every training margin is ≥ 1, the flipped ones too (at init_scale 0.1 and m ≥ 32: no dead units, see the parameters)",
      of: { $0.scalar("noisy_labels_fit") }, named: "share of flipped labels fitted", .within(1...1), atLeast: 1,
      where: { $0.real("label_noise") > 0 }
    )
    .wrongRegime(
      "width m = 1: one unit outputs one sign only, so the loss never falls below the level from which gradient flow converges to a KKT point with every margin ≥ 1; the flipped labels of the other sign stay unfitted",
      set: ["m=1"]
    )
    .instrumentCheck("stopped after 2 steps: an untrained network", set: ["max_steps=2"]),
    Frei2023Overfitting.onInterpolatingRuns(
      .fraction(
        "With flipped labels fitted, test accuracy is still at least 0.95 at the largest n, for every width (judged on the runs that fit every label; the others are named)",
        reason:
          "benign overfitting: fitting the flipped labels costs (almost) no test accuracy; an error is y·f ≤ 0, ties included",
        of: { $0.scalar("test_accuracy") }, named: "clean test accuracy", .above(0.95), atLeast: 1,
        where: { $0.real("label_noise") > 0 }
      ).atLargest("n")
    )
    .wrongRegime(signalLost, set: signalLostAt, preset: .paper)
    .instrumentCheck("stopped after 2 steps: an untrained network", set: ["max_steps=2"]),
  ]

  /// The wrong regime of both accuracy claims: σ = 8 at d = 1000, where ‖μ‖²·√d/σ² = 0.5 (< 1), at the largest
  /// n and one width (its cost: 4 runs).
  static let signalLost =
    "σ = 8 at d = 1000: ‖μ‖²·√d/σ² = 0.5, the noise products ⟨ξ_i, ξ⟩ ≈ σ²/√d outweigh the signal ‖μ‖², so the trained network follows its training points' noise (the Bayes rule still reaches `bayes_accuracy` ≈ 0.98)"
  static let signalLostAt = ["sigma=8", "n=256", "m=64"]

  public static func figures(_ results: Results) throws -> [Figure] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    let seeds = results.distinctValues(of: "seed").count
    /// Median over the seeds at each n, bars: the smallest to the largest seed.
    func summary(_ points: [PointResult], _ name: String) -> (x: [Double], y: [Double], low: [Double], high: [Double]) {
      var out: ([Double], [Double], [Double], [Double]) = ([], [], [], [])
      for at in points.grouped(by: ["n"]) {
        let v = at.points.map { $0.scalar(name) }
        out.0.append(at.points[0].real("n"))
        out.1.append(Statistics.median(v))
        out.2.append(v.min() ?? .nan)
        out.3.append(v.max() ?? .nan)
      }
      return out
    }
    let bars = "median; bars: range over the \(seeds) seeds"
    var series: [Series] = []
    var ns: [Double] = []
    for group in results.grouped(by: ["label_noise", "m"]) {
      let noise = group.points[0].real("label_noise")
      let m = group.points[0].real("m")
      let k = widths.firstIndex(of: m) ?? 0
      let v = summary(group.points, "test_accuracy")
      ns += v.x
      let what = noise == 0 ? "clean labels" : "\(Int((100 * noise).rounded()))% of labels flipped"
      series.append(
        Series(
          label: "m = \(Int(m)), \(what) (\(bars))", x: v.x, y: v.y, low: v.low, high: v.high, color: k,
          marker: noise == 0 ? k : 5 + k % 3))
    }
    let nRange = (ns.min() ?? 1)...(ns.max() ?? 2)
    let largest = ns.max() ?? .nan
    let k = results.points.first?.real("k") ?? .nan
    var fitted: [Series] = []
    for group in results.points.filter({ $0.real("label_noise") > 0 }).grouped(by: ["label_noise", "m"]) {
      let m = group.points[0].real("m")
      let noise = group.points[0].real("label_noise")
      let c = widths.firstIndex(of: m) ?? 0
      let v = summary(group.points, "noisy_labels_fit")
      fitted.append(
        Series(
          label: "m = \(Int(m)), \(Int((100 * noise).rounded()))% of labels flipped (\(bars))", x: v.x, y: v.y,
          low: v.low, high: v.high, color: c, marker: 5 + c % 3))
    }
    let atLargest = results.points.filter { $0.real("n") == largest }
    let passing = atLargest.filter { $0.scalar("test_accuracy") > 0.95 }.count
    return [
      Figure(
        name: "test-accuracy-vs-n",
        title:
          "Gradient flow generalises at every width, flipped labels fitted or not (k = \(Int(k)) clusters; Frei et al. 2023); above 0.95 at the largest n at \(passing) of \(atLargest.count) runs",
        xLabel: "training points n", yLabel: "clean test accuracy (y·f ≤ 0 is an error)", logX: true,
        series: series,
        references: [
          .reference(
            "claim: > 0.95 at the largest n (n = \(formatReal(largest))), every width", over: nRange, log: true,
            samples: 2
          ) {
            _ in 0.95
          }
        ], xTicks: ns, legend: .below,
        caption:
          "Every curve, with clean (filled markers) or partly flipped labels (open markers), must end above the 0.95 line at the largest n: test accuracy does not suffer from width or from fitting flipped labels."
      ),
      Figure(
        name: "flipped-labels-fitted-vs-n",
        title:
          "Share of the flipped training labels the trained network fits (k = \(Int(k)); an unfitted one has every unit of its sign inactive on it)",
        xLabel: "training points n", yLabel: "share of flipped labels fitted (1 = all)", logX: true, series: fitted,
        references: [
          .reference(
            "claim: all fitted", over: nRange, log: true, samples: 2
          ) {
            _ in 1
          }
        ], xTicks: ns, legend: .below,
        caption:
          "Points on the line at 1 fit every flipped label; a point below it has flipped points on which every unit of their sign is inactive (dead units), which an initial scale of 0.1 and widths from 32 avoid."
      ),
    ]
  }
}

extension Frei2023Generalization {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("n"), sizes: "n")
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.trainingCost(p, n: p.int("n"))
  }
}
