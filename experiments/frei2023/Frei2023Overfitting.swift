import Figures
import Foundation
import Harness

/// frei2023-benign-overfitting's claims and figures (the module is `benign-overfitting.swift`).
enum Frei2023Overfitting {
  /// The claim judged at the smallest σ and the largest n of the run only (the statement says so); a control
  /// that sets σ is judged at its own σ.
  static func atSmallestSigmaLargestN(_ claim: Claim) -> Claim {
    let inner = claim
    return Claim(statement: claim.statement, reason: claim.reason) { results in
      let sigma = results.points.map { $0.real("sigma") }.min()
      let n = results.points.filter { $0.real("sigma") == sigma }.map { $0.real("n") }.max()
      return inner.evaluate(results.restricted { $0.real("sigma") == sigma && $0.real("n") == n })
    }
  }

  /// Bayes accuracy − gradient flow's accuracy on a run that fits every training label (flipped ones included);
  /// NaN on a run that does not interpolate (counted against the claim and named, never dropped).
  static func benignGap(_ p: PointResult) -> Double {
    p.scalar("unfitted_points") == 0 ? p.scalar("bayes_accuracy") - p.scalar("test_accuracy") : .nan
  }

  static let untrained = "stopped after 2 steps: an untrained network"

  static let claims: [Claim] = [
    atSmallestSigmaLargestN(
      .fraction(
        "Gradient flow fits every training label (the flipped ones too) and its test accuracy is within 0.05 of the Bayes accuracy, at the smallest σ and the largest n",
        reason:
          "benign overfitting: the flipped points are fitted by units along their own noise directions, nearly orthogonal to fresh points while ‖μ‖²·√d/σ² ≫ 1; 0.05 is a quarter of the flipped share, which a harmful interpolator loses",
        of: benignGap, named: "Bayes − test accuracy (NaN: labels left unfitted)", .below(0.05), atLeast: 1)
    )
    .wrongRegime(
      "σ = 16 at d = 10⁴: ‖μ‖²·√d/σ² ≈ 0.4, the noise products ⟨ξ, ξ_i⟩ ≈ σ²/√d exceed the signal ‖μ‖², so the units that memorise training points fire on fresh points (the Bayes rule still ≈ 1: `bayes_accuracy`)",
      set: ["sigma=16"]
    )
    .instrumentCheck(untrained, set: ["max_steps=2"]),
    harmfulAtLargestN
      .wrongRegime(
        "no flipped labels: nothing harmful to memorise, so the nearest neighbour (of the right cluster while σ is small) is as good as the Bayes rule",
        set: ["label_noise=0"]),
  ]

  /// Median over seeds at each n of `name` in `points`, with the range as bars.
  static func summary(_ points: [PointResult], _ value: (PointResult) -> Double) -> (
    x: [Double], y: [Double], low: [Double], high: [Double]
  ) {
    var out: ([Double], [Double], [Double], [Double]) = ([], [], [], [])
    for at in points.grouped(by: ["n"]) {
      let v = at.points.map(value)
      out.0.append(at.points[0].real("n"))
      out.1.append(Statistics.median(v))
      out.2.append(v.min() ?? .nan)
      out.3.append(v.max() ?? .nan)
    }
    return out
  }

  static let rules: [(name: String, label: String)] = [
    ("test_accuracy", "gradient flow, small init."),
    ("kernel_accuracy", "min-norm NTK interpolator (kernel regime)"),
    ("nearest_neighbour_accuracy", "1-nearest-neighbour interpolator"),
    ("bayes_accuracy", "Bayes rule (the optimum)"),
  ]

  static func figures(_ results: Results) throws -> [Figure] {
    let seeds = results.distinctValues(of: "seed").count
    let noise = results.points.first?.real("label_noise") ?? .nan
    let ns = Set(results.points.map { $0.real("n") }).sorted()
    let d = results.points.first?.real("d") ?? .nan
    let nRange = (ns.first ?? 1)...(ns.last ?? 2)
    var panels: [Figure] = []
    for group in results.grouped(by: ["sigma"]) {
      let sigma = group.points[0].real("sigma")
      let series = rules.enumerated().map { c, rule in
        let v = summary(group.points) { $0.scalar(rule.name) }
        return Series(
          label: "\(rule.label) (median; bars: range over \(seeds) seeds)", x: v.x, y: v.y, low: v.low, high: v.high,
          color: c, marker: c)
      }
      let unfitted = group.points.filter { $0.scalar("unfitted_points") > 0 }.count
      panels.append(
        Figure(
          name: "sigma-\(formatReal(sigma))",
          title:
            "σ/‖μ‖ = \(formatReal(sigma)), ‖μ‖²√d/σ² = \(formatNumber(d.squareRoot() / (sigma * sigma))); unfitted runs: \(unfitted)",
          xLabel: "training points n", yLabel: "clean test accuracy (y·f ≤ 0 is an error)", logX: true,
          series: series,
          references: [
            .reference("1 − flipped share (a local interpolator's level)", over: nRange, log: true, samples: 2) { _ in
              1 - noise
            }
          ], xTicks: ns, legend: .below, yRange: 0.4...1.02))
    }
    var figure = Figure(
      name: "accuracy-vs-n",
      title:
        "Benign vs harmful overfitting, \(Int((100 * noise).rounded()))% of the training labels flipped (k = \(Int(results.points.first?.real("k") ?? .nan)), d = \(Int(results.points.first?.real("d") ?? .nan)); Frei et al. 2023)",
      xLabel: "training points n", yLabel: "clean test accuracy", logX: true, series: [], xTicks: ns, legend: .below,
      caption:
        "Each panel is one noise level σ/‖μ‖. Gradient flow should stay on the Bayes curve while it fits every flipped label, until σ²/‖μ‖² reaches √d; the nearest-neighbour interpolator sits near 1 − the flipped share (dashed) at every σ: it overfits harmfully. The claim on gradient flow is judged at the smallest σ and largest n (within 0.05 of Bayes)."
    )
    figure.panels = panels
    figure.columns = 2
    return [figure]
  }
}
