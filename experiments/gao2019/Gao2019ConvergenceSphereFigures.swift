import Figures
import Foundation
import Harness
import Numerics

// gao2019-convergence-sphere's figures: the final gap in units of ε per d and seed, and the check of the strong
// estimate (the rise of L* under an estimate 4 times stronger) per d and seed. A shared file of the paper.
extension Gao2019 {
  static func sphereFigures(_ results: Results) throws -> [Figure] {
    let dims = Set(results.points.map { $0.real("d") }).sorted()
    guard let low = dims.first, let high = dims.last else { return [] }
    let epsilon = results.points.first?.real("epsilon") ?? .nan
    let span = (low * 0.9)...(high * 1.1)
    func perSeed(_ value: @escaping (PointResult) -> Double) -> [Series] {
      results.distinctValues(of: "seed").map { seed in
        let points = results.points(where: ["seed": seed]).sorted { $0.real("d") < $1.real("d") }
        return Series(label: "seed \(seed)", x: points.map { $0.real("d") }, y: points.map(value))
      }
    }
    let gaps = results.points.map { ($0.scalar("best_surrogate_loss") - $0.scalar("reference_robust_loss")) / epsilon }
    let shifts = results.points.map { $0.scalar("estimate_shift") / epsilon }
    let gapLow = min(-0.5, (gaps.min() ?? 0) - 0.25)
    return [
      Figure(
        name: "gap-vs-d",
        title:
          "min_{t} L_{A} − reference robust loss, in units of ε = \(formatNumber(epsilon)), on the sphere (per seed)",
        xLabel: "input dimension d", yLabel: "(min_{t} L_{A}(W_{t}) − reference L*) / ε  (linear)", logX: true,
        series: perSeed { ($0.scalar("best_surrogate_loss") - $0.scalar("reference_robust_loss")) / epsilon },
        references: [
          .reference("claim: < 1 (within ε) at every d and seed", over: span, log: true, samples: 2) { _ in 1 },
          .reference("0: the surrogate loss at the reference", over: span, log: true, samples: 2) { _ in 0 },
        ], xTicks: dims, legend: .below, yRange: gapLow...max(2, (gaps.max() ?? 0) + 0.5),
        caption:
          "Every point must lie under the line at 1; measured \(formatNumber(gaps.min() ?? .nan)) to \(formatNumber(gaps.max() ?? .nan)) ε (below 0: the surrogate loss ended under the lowest robust loss found in the ball)."
      ),
      Figure(
        name: "estimate-check-vs-d",
        title: "The rise of L* at the runs' final W under an estimate 4 times stronger, in units of ε (per seed)",
        xLabel: "input dimension d", yLabel: "(L* stronger − L* preset) / ε  (largest of the two runs)", logX: true,
        series: perSeed { $0.scalar("estimate_shift") / epsilon },
        references: [
          .reference("claim: < 0.1 ε (near-exact)", over: span, log: true, samples: 2) { _ in 0.1 },
          .reference("0: no change", over: span, log: true, samples: 2) { _ in 0 },
        ], xTicks: dims, legend: .below,
        yRange: min(-0.02, (shifts.min() ?? 0) * 1.5)...max(0.15, (shifts.max() ?? 0) * 1.5),
        caption:
          "The stronger estimate moves L* by \(formatNumber(shifts.min() ?? .nan)) to \(formatNumber(shifts.max() ?? .nan)) ε; the claim's line is at 0.1 ε."
      ),
    ]
  }
}
