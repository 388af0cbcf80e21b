import Figures
import Foundation
import Harness
import Numerics

// The figures of deng2020-pga-convergence: traces of the first restart, iterations, shares and the second-order
// test against s.

extension Deng2020 {
  static func pgaConvergenceFigures(_ results: Results) -> [Figure] {
    let scales = Deng2020.scales(results)
    let tol = Deng2020.parameter(results, "tol")
    var gradient: [Series] = []
    var loss: [Series] = []
    for s in scales {
      guard let p = results.points.filter({ $0.real("s") == s && $0.real("seed") == 0 }).first else { continue }
      let g = p.array("trace_relative_gradient_norm")
      let t = (0..<g.count).map(Double.init)
      gradient.append(Series(label: Deng2020.label(s), x: t.map { $0 + 1 }, y: g, style: .lines))
      loss.append(Series(label: Deng2020.label(s), x: t.map { $0 + 1 }, y: p.array("trace_loss"), style: .lines))
    }
    let maxT = gradient.compactMap { $0.x.last }.max() ?? 2
    let tolLine = Series.reference(
      "tolerance \(formatNumber(tol))", over: 1...max(maxT, 2), log: true, samples: 2
    ) { _ in tol }

    // Iterations to converge (converged restarts only) and the share of restarts converged, against s.
    var its: [[Double]] = []
    var notes: [Note] = []
    var share: [Double] = []
    var passShare: [Double] = []
    var eigenX: [Double] = []
    var eigenY: [Double] = []
    for s in scales {
      let points = results.points.filter { $0.real("s") == s }
      let survivors = points.flatMap { convergedRuns("iterations")($0) }
      let all = points.flatMap { $0.array("converged") }.count
      its.append(survivors)
      share.append(Statistics.mean(points.flatMap { $0.array("converged") }))
      passShare.append(Statistics.mean(points.flatMap { convergedRuns("second_order_pass")($0) }))
      let eig = points.flatMap { convergedRuns("top_tangent_eigenvalue")($0) }
      eigenX += eig.map { _ in s }
      eigenY += eig
      notes.append(
        Note(
          x: s, y: Statistics.quantile(survivors, 0.75), "\(survivors.count) of \(all)",
          color: survivors.count < all ? 1 : 0))
    }
    let restarts = Int(Deng2020.parameter(results, "restarts"))
    let seeds = results.distinctValues(of: "seed").count
    let sRange = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    let allConverged = results.points.flatMap { $0.array("converged") }
    let allMaxima = results.points.flatMap { $0.array("local_maximum") }
    let maximumShare = scales.map { s in
      Statistics.mean(results.points.filter { $0.real("s") == s }.flatMap { $0.array("local_maximum") })
    }
    let pooled = results.points.flatMap { convergedRuns("second_order_pass")($0) }
    let passed = pooled.filter { $0 == 1 }.count
    let eigenNegative = eigenY.filter { $0 < 0 }.count
    return [
      Figure(
        name: "gradient-norm-vs-iteration",
        title: "PGA: Riemannian gradient ‖g‖/‖∇ℓ‖ per iteration (seed 0, first restart)",
        xLabel: "PGA iteration t + 1", yLabel: "‖(I − δδ^{T}/ε²)∇ℓ‖ / ‖∇ℓ‖", logX: true, logY: true,
        series: gradient, references: [tolLine], legend: .outsideRight,
        caption:
          "A run converges where its curve reaches the tolerance line: within \(formatNumber(Statistics.median(its.first ?? []))) iterations (median) at the smallest s and \(formatNumber(Statistics.median(its.last ?? []))) at the largest; a curve that stays flat to the end of the budget is a restart that did not converge."
      ),
      Figure(
        name: "loss-vs-iteration", title: "PGA: adversarial loss ℓ(δ_{t}) per iteration (seed 0, first restart)",
        xLabel: "PGA iteration t + 1", yLabel: "ℓ(δ_{t}) = ½(f(x + δ_{t}) − y)²", logX: true, logY: true,
        series: loss, legend: .outsideRight,
        caption:
          "Descriptive, no claim: ℓ climbs to a plateau, its local maximum, at every s; a curve that runs on to the end of the budget belongs to a restart that did not converge."
      ),
      Figure(
        name: "iterations-vs-s",
        title:
          "Iterations to reach ‖g‖ ≤ tol·‖∇ℓ‖, over the restarts that converged (numbers: converged of \(restarts) restarts × \(seeds) seeds)",
        xLabel: "input scale s = ‖x‖", yLabel: "PGA iterations", logX: true, logY: true,
        series: [
          .median(
            "iterations of the converged restarts only", x: scales, samples: its, over: "converged restarts and seeds")
        ], xTicks: scales, legend: .below, notes: notes,
        caption:
          "Each point summarises only the restarts that converged, counted above it: where fewer than all converged (orange counts) the median is of the survivors, a lower bound on the typical cost."
      ),
      Figure(
        name: "convergence-vs-s",
        title:
          "Share of restarts converged within \(formatReal(Deng2020.parameter(results, "max_iter"))) iterations and ending at a local maximum: \(allConverged.filter { $0 == 1 }.count) and \(allMaxima.filter { $0 == 1 }.count) of \(allConverged.count)",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts (1 = all)", logX: true,
        series: [
          Series(label: "converged within the budget (all restarts, all seeds)", x: scales, y: share),
          Series(
            label: "local maximum: converged and passes the second-order test (all restarts)", x: scales,
            y: maximumShare, marker: 6),
          Series(
            label: "passes the second-order test (converged restarts only: the code check)", x: scales, y: passShare,
            style: .dashed, marker: 8),
        ],
        references: [
          .reference("claims: ≥ 99% of all restarts, pooled over s", over: sRange, log: true, samples: 2, color: 0) {
            _ in 0.99
          }
        ], xTicks: scales, legend: .below, yRange: -0.03...1.05,
        caption:
          "Both claims pool every s: at most 1% of all restarts may miss the tolerance or end off a local maximum; every converged restart passes the second-order test (the code check: \(passed) of \(pooled.count)). The wrong-regime control (normalised step 0.25) falls at s = 16, where it exceeds the maxima's stable range."
      ),
      Figure(
        name: "second-order-vs-s",
        title:
          "Second-order test at converged end points: largest tangent eigenvalue (\(eigenNegative) of \(eigenY.count) below 0)",
        xLabel: "input scale s = ‖x‖", yLabel: "λ_{max}(P(∇²ℓ − λI)P) · ε/‖∇ℓ‖ (dimensionless)", logX: true,
        series: [Series(label: "one converged restart", x: eigenX, y: eigenY, style: .points)],
        references: [
          .reference(
            "code check: < 0 (a strict local maximum) at every converged end point", over: sRange, log: true, color: 0
          ) { _ in 0 }
        ], xTicks: scales, legend: .below,
        caption:
          "Every point must lie below the zero line: the end points PGA converges to are strict local maxima, not saddles."
      ),
      stabilityFigure(results, scales: scales),
    ]
  }

  /// Converged runs' values of an array (pga-convergence's restarts; the others are not what a figure shows).
  static func convergedRuns(_ name: String) -> @Sendable (PointResult) -> [Double] {
    { p in zip(p.array(name), p.array("converged")).filter { $0.1 == 1 }.map(\.0) }
  }

  /// The most negative tangent eigenvalue κ at converged end points against s, with the stability limit −2 − 2/η of
  /// the module's step and of the control's step 0.25: a maximum below a step's line repels PGA at that step.
  static func stabilityFigure(_ results: Results, scales: [Double]) -> Figure {
    let step = Deng2020.parameter(results, "step")
    var (x, y): ([Double], [Double]) = ([], [])
    for p in results.points {
      let k = convergedRuns("bottom_tangent_eigenvalue")(p)
      x += k.map { _ in p.real("s") }
      y += k
    }
    let range = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    let steps = Array(Set([step, 0.25])).sorted()
    let below = steps.map { h in y.filter { $0 < -2 - 2 / h }.count }
    return Figure(
      name: "stability-vs-s",
      title: "Most negative tangent eigenvalue at the maxima reached, against the stable range of the normalised step",
      xLabel: "input scale s = ‖x‖", yLabel: "κ_{min} · ε/‖∇ℓ‖ (dimensionless)", logX: true,
      series: [Series(label: "one converged restart (step \(formatNumber(step)))", x: x, y: y, style: .points)],
      references: steps.enumerated().map { k, h in
        .reference(
          "stable only above −2 − 2/η, η = \(formatNumber(h))", over: range, log: true, samples: 2, color: k + 1
        ) {
          _ in -2 - 2 / h
        }
      }, xTicks: scales, legend: .below,
      caption:
        "Linearising the normalised step at a maximum: it is a fixed point of PGA only while κ > −2 − 2/η. Maxima below a line (\(zip(steps, below).map { "η = \(formatNumber($0.0)): \($0.1) of \(y.count)" }.joined(separator: ", "))) repel PGA at that step: at 0.25 (the wrong-regime control) it cycles there."
    )
  }
}
