import Figures
import Foundation
import Harness

/// The regime map's conventional figures (`regime-correlation.swift`): the statistic against k per dimension, the
/// statistic against the measured premise ratio per run, and the clean accuracy against k per dimension.
extension Frei2023 {
  static func regimeFigures(_ results: Results) -> [Figure] {
    let ks = results.ascendingValues(of: "k")
    let ds = results.ascendingValues(of: "d")
    let kRange = (ks.first ?? 1)...(ks.last ?? 2)
    let band = collapseBand
    let m = results.points.first?.real("m") ?? .nan
    let setting = "random means, m = \(Int(m)), σ = ‖μ‖"
    func perD(_ name: String) -> [Series] {
      ds.enumerated().map { i, d in
        let at = results.points.filter { $0.real("d") == d }
        return Series.median(
          "d = \(Int(d))", x: ks, samples: ks.map { k in at.filter { $0.real("k") == k }.map { $0.scalar(name) } },
          over: "seeds", color: i, marker: i)
      }
    }
    let bandLines: [Series] = [
      .reference(
        "claim band \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound))", over: kRange, log: true
      ) {
        _ in band.lowerBound
      },
      .reference("", over: kRange, log: true) { _ in band.upperBound },
    ]
    let ratios = results.points.map { $0.scalar("premise_ratio") }.filter { $0.isFinite && $0 > 0 }
    let ratioRange = (ratios.min() ?? 0.1)...(ratios.max() ?? 10)
    let perK: [Series] = ks.enumerated().map { i, k in
      let at = results.points.filter { $0.real("k") == k }
      return Series(
        label: "k = \(Int(k)) (one point per run)", x: at.map { $0.scalar("premise_ratio") },
        y: at.map { $0.scalar("prediction_collapse") }, style: .points, color: i, marker: i)
    }
    let inside = results.points.filter { $0.scalar("premise_ratio") <= 1 }
    let inBand = inside.filter { band.contains($0.scalar("prediction_collapse")) }.count
    let outside = results.points.filter { !($0.scalar("premise_ratio") <= 1) }
    let outBand = outside.filter { band.contains($0.scalar("prediction_collapse")) }.count
    return [
      Figure(
        name: "collapse-vs-k",
        title:
          "Collapse radius·√k/‖μ‖ along the universal direction against k, one curve per d (Frei et al. 2023; \(setting))",
        xLabel: "clusters k", yLabel: "collapse radius·√k/‖μ‖ (1: the prediction)", logX: true,
        series: perD("prediction_collapse"),
        references: [.reference("prediction 1", over: kRange, log: true, color: 0) { _ in 1 }] + bandLines,
        xTicks: ks, legend: .below,
        caption:
          "Each point is the median over seeds of the run's collapse radius along −y·u (where the share of test points not flipped within ε falls to ½) in units of ‖μ‖/√k; the band is the robust modules' collapse band from \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound))."
      ),
      Figure(
        name: "collapse-vs-premise",
        title:
          "Collapse radius·√k/‖μ‖ along u against the premise ratio measured on each run (Frei et al. 2023; \(setting))",
        xLabel: "premise ratio max(k·max|cos(μⱼ, μₗ)|, 2·√k·rms⟨ξ, u⟩/‖μ‖) (inside: ≤ 1)",
        yLabel: "collapse radius·√k/‖μ‖", logX: true, series: perK,
        references: [
          .reference("claim band", over: ratioRange, log: true) { _ in band.lowerBound },
          .reference("", over: ratioRange, log: true) { _ in band.upperBound },
        ], legend: .below, marks: [.x(1, "premise boundary (ratio 1)")],
        caption:
          "Inside the premise \(inBand) of \(inside.count) runs lie in the band; outside it \(outBand) of \(outside.count)."
      ),
      Figure(
        name: "accuracy-vs-k",
        title: "Clean test accuracy against k, one curve per d (Frei et al. 2023; \(setting))",
        xLabel: "clusters k", yLabel: "clean test accuracy (share of test points)", logX: true,
        series: perD("prediction_accuracy"), xTicks: ks, legend: .below,
        caption: "The network's clean accuracy at the same runs: where it falls the collapse radius falls with it."
      ),
    ]
  }
}
