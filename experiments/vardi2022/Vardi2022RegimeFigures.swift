import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// The regime map's conventional figures (issue 26, item 5), beside the heat map: the statistic against d, one
/// line per n; each run's statistic against its measured premise; and the ratio to R's certified radius.
extension Vardi2022 {
  static func regimeFigures(_ results: Results) -> [Figure] {
    let ns = results.ascendingValues(of: "n")
    let ds = results.ascendingValues(of: "d")
    let dRange = (ds.first ?? 1)...(max(ds.last ?? 2, (ds.first ?? 1) * 1.01))
    let m = results.points.first?.real("m") ?? .nan
    let band = constantBand
    var relative: [Series] = []
    var overRobust: [Series] = []
    var predicted: [Series] = []
    var byPremise: [Series] = []
    for (k, n) in ns.enumerated() {
      let at = results.points.filter { $0.real("n") == n }
      func perD(_ name: String) -> [[Double]] {
        ds.map { d in at.filter { $0.real("d") == d }.map { $0.scalar(name) } }
      }
      relative.append(
        .median("n = \(Int(n))", x: ds, samples: perD("prediction_relative_radius"), over: "seeds", color: k, marker: k)
      )
      overRobust.append(
        .median("n = \(Int(n))", x: ds, samples: perD("prediction_over_robust"), over: "seeds", color: k, marker: k))
      predicted.append(.reference("2/√n, n = \(Int(n))", over: dRange, log: true, color: k) { _ in 2 / n.squareRoot() })
      byPremise.append(
        Series(
          label: "n = \(Int(n)) (each run)", x: at.map { $0.scalar("premise_ratio_median") },
          y: at.map { $0.scalar("prediction_relative_radius") }, style: .points, color: k, marker: k))
    }
    let runs = results.points
    let inside = runs.filter { $0.scalar("premise_ratio_median") <= 1 }
    let outside = runs.filter { !($0.scalar("premise_ratio_median") <= 1) }
    func inBand(_ set: [PointResult]) -> String {
      FlipStudy.countPhrase(set.filter { band.contains($0.scalar("prediction_relative_radius")) }.count, of: set.count)
    }
    let bandLines: (ClosedRange<Double>) -> [Series] = { range in
      [
        .reference("prediction: 1", over: range, log: true, color: 0) { _ in 1 },
        .reference(
          "band \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound))", over: range, log: true, color: 4
        ) { _ in band.lowerBound },
        .reference("", over: range, log: true, color: 4) { _ in band.upperBound },
      ]
    }
    let qs = runs.map { $0.scalar("premise_ratio_median") }.filter { $0 > 0 && $0.isFinite }
    let qRange = (qs.min() ?? 0.1)...(max(qs.max() ?? 10, (qs.min() ?? 0.1) * 1.01))
    let setting = "m = \(Int(m)), median over each run's training points"
    return [
      Figure(
        name: "relative-radius-vs-d",
        title: "Flip radius·√n/‖x‖ along −y·u against d, one line per n (Vardi et al. 2022, prediction 1; \(setting))",
        xLabel: "input dimension d", yLabel: "median flip radius · √n / ‖x‖ (dimensionless)", logX: true, logY: true,
        series: relative, references: bandLines(dRange), xTicks: ds, legend: .below,
        caption:
          "In the band: \(inBand(inside)) inside the premise (median premise ratio ≤ 1), \(inBand(outside)) outside it."
      ),
      Figure(
        name: "relative-radius-vs-premise",
        title: "Each run's flip radius·√n/‖x‖ against its measured premise ratio (\(setting))",
        xLabel: "median premise ratio n·max_{j≠i}|⟨x_{i}, x_{j}⟩| / ‖x_{i}‖² (dimensionless; inside ≤ 1)",
        yLabel: "median flip radius · √n / ‖x‖ (dimensionless)", logX: true, logY: true,
        series: byPremise, references: bandLines(qRange), legend: .below, marks: [.x(1, "premise boundary")],
        caption:
          "Left of the premise boundary \(inBand(inside)) lie in the band, right of it \(inBand(outside)); the largest premise ratio in the band is \(formatNumber(runs.filter { band.contains($0.scalar("prediction_relative_radius")) }.map { $0.scalar("premise_ratio_median") }.max() ?? .nan))."
      ),
      Figure(
        name: "radius-over-robust-vs-d",
        title: "The trained network's flip radius over R's certified radius, against d (\(setting))",
        xLabel: "input dimension d", yLabel: "median flip radius / R's median certified radius (dimensionless)",
        logX: true, logY: true, series: overRobust, references: predicted, xTicks: ds, legend: .below,
        caption:
          "Dashed: 2/√n, where radius ‖x‖/√n meets R's ‖x‖/2; gaps where R certifies nothing (\(runs.filter { $0.scalar("prediction_over_robust").isNaN }.count) of \(runs.count) runs)."
      ),
    ]
  }
}
