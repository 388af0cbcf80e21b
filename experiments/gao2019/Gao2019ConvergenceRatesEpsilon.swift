import Figures
import Foundation
import Harness
import Numerics

// gao2019-convergence-rates, the iterations in ε (issue 25 item 8 b): from one run per R, the iterations to come
// within several ε of the run's best robust loss, and the exponent of that count in 1/ε. A shared file of the paper.
extension Gao2019 {
  /// The ε levels at which the iterations are counted: ε·(8, 4, 2, 1, ½), the preset's ε in the middle.
  static func epsilonLevels(_ epsilon: Double) -> [Double] { [8, 4, 2, 1, 0.5].map { $0 * epsilon } }

  /// The first iteration t with `best[t]` (min_{s≤t} L_A) ≤ reference + ε, at each ε of `levels` (NaN if never).
  static func iterationsToLevels(_ best: [Double], reference: Double, levels: [Double]) -> [Double] {
    levels.map { e in best.firstIndex { $0 <= reference + e }.map(Double.init) ?? .nan }
  }

  /// The log-log slope of the iterations against 1/ε (least squares over the levels); NaN when a count is missing or
  /// 0 (a log of 0: the run started within that ε, so the count has no rate).
  static func epsilonExponent(_ iterations: [Double], levels: [Double]) -> Double {
    guard iterations.allSatisfy({ $0 > 0 && $0.isFinite }) else { return .nan }
    return Statistics.linearFit(levels.map { -log($0) }, iterations.map { log($0) }).slope
  }

  /// The datasets of the ε levels, added to a convergence-rates record.
  static func recordEpsilonLevels(_ r: inout Record, best: [Double], reference: Double, epsilon: Double, radius: Double)
  {
    let levels = epsilonLevels(epsilon)
    let reach = iterationsToLevels(best, reference: reference, levels: levels)
    r.set("epsilon_levels", levels, "the ε levels of iterations_to_epsilon_levels: ε·(8, 4, 2, 1, 1/2)")
    r.set(
      "iterations_to_epsilon_levels", reach,
      "at each ε of epsilon_levels: the first t with min_{s ≤ t} L_A(W(s)) ≤ reference_robust_loss + ε (NaN if never)",
      units: "iterations", allowing: .nan)
    r.set(
      "epsilon_exponent", epsilonExponent(reach, levels: levels),
      "the log-log slope of iterations_to_epsilon_levels against 1/ε (the theorem's T ∝ 1/ε² bounds it by 2; NaN if a count is 0 or missing)",
      allowing: .nan)
    let t = reach[levels.count / 2]
    r.set(
      "scaled_iterations", t * epsilon * epsilon / (radius * radius),
      "iterations_to_epsilon·ε²/R²: the constant of the theorem's T ∝ R²/ε² (bounded if the rate holds)",
      allowing: .nan)
  }
}

extension Gao2019 {
  /// The wrong-regime control of the rate claims (README, `gao2019-convergence-rates`).
  static let rateControl = (
    description:
      "a narrow network, m = 6, far from lazy (its loss is not near-convex in the ball), with 4 starts defining the best robust loss in the ball: gradient descent from W(0) stops in a basin that other starts undercut by more than ε, so at some R no count to within ε exists and no bound T ≤ C·R²/ε² holds",
    set: ["m=6", "reference_starts=4"]
  )

  /// gao2019-convergence-rates' figure of the iterations against 1/ε, one curve per R (median over seeds), log-log,
  /// with the theorem's 1/ε² drawn through each R's largest ε.
  static func iterationsVersusEpsilon(_ results: Results) -> Figure {
    let radii = Set(results.points.map { $0.real("R") }).sorted()
    var series: [Series] = []
    var lines: [Series] = []
    let levels = results.points.first?.array("epsilon_levels") ?? []
    let inverse = levels.map { 1 / $0 }
    for (k, radius) in radii.enumerated() {
      let at = results.points.filter { $0.real("R") == radius }
      let counts = levels.indices.map { j in Statistics.median(at.map { $0.array("iterations_to_epsilon_levels")[j] }) }
      let exponent = Statistics.median(at.map { $0.scalar("epsilon_exponent") })
      series.append(
        Series(
          label: "R = \(formatNumber(radius)) (exponent \(formatNumber(exponent)))", x: inverse, y: counts, color: k,
          marker: k))
      if let first = counts.first, let x0 = inverse.first, let x1 = inverse.last, first > 0, k == radii.count - 1 {
        lines.append(
          .reference("1/ε²: the theorem's rate (through the largest R's largest ε)", over: x0...x1, log: true) {
            first * pow($0 / x0, 2)
          })
      }
    }
    return Figure(
      name: "iterations-vs-epsilon",
      title: "Iterations until min_{s≤t} L_{A} is within ε of the best robust loss, against 1/ε",
      xLabel: "1/ε (ε in units of the logistic loss)", yLabel: "iterations (median over seeds)", logX: true, logY: true,
      series: series, references: lines, xTicks: inverse, legend: .below,
      caption:
        "Claimed: at every R the exponent of the iterations in 1/ε (legend) is below the theorem's 2 (the dashed 1/ε² line); the counts come from one run per R and seed."
    )
  }
}

extension Gao2019 {
  /// gao2019-convergence-rates' other starts (`reference_starts` − 1 of them): projected adversarial training for
  /// `iterations` steps from W(0) + R·U/‖U‖_F (U from `rates start <k>`, projected onto the ball), each returning its
  /// lowest L*; none when reference_starts = 1 (the presets). A narrow network's start from W(0) can stop in a basin
  /// that another start undercuts: then no count to within ε exists.
  static func otherStarts(
    _ p: Point, network net: TwoLayerNetwork, data: SphereData, delta: Double, iterations t: Int, schedule: [Int],
    rng: RandomSource
  ) throws -> [Double] {
    guard p.int("reference_starts") > 1 else { return [] }
    let configuration = Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta)
    return try (1..<p.int("reference_starts")).map { k in
      var draw = rng.derived("rates start \(k)")
      let u = draw.normalMatrix(net.width, net.inputDimension)
      var start = net.weights
      axpy(p.real("R") / u.squaredNorm.squareRoot(), u.storage, &start.storage)
      configuration.ball.project(&start, around: net.weights, radius: p.real("R"))
      return try Gao2019.train(
        p, network: net, data: data, configuration: configuration, iterations: t, schedule: schedule,
        rng: rng.derived("rates training \(k)"), start: start
      ).robust.min() ?? .nan
    }
  }
}
