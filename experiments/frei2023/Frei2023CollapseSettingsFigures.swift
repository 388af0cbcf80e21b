import Figures
import Foundation
import Harness

/// frei2023-collapse-settings' figure: each run's median flip radius·√k/‖μ‖ against the width, one series per
/// (means, σ), along the universal direction and under the generic attack, with the prediction 1 and the claim's band.
extension Frei2023 {
  /// frei2023-collapse-settings' figures (a namespace in a shared file of the paper: the module names it).
  enum CollapseSettingsFigures {
    static func relative(_ p: PointResult, _ name: String) -> Double {
      p.scalar(name) * p.real("k").squareRoot() / p.real("mu_norm")
    }

    static func figures(_ results: Results) throws -> [Figure] {
      let ms = results.ascendingValues(of: "m")
      let mRange = (ms.first ?? 1)...(ms.last ?? 2)
      let band = Frei2023.collapseBand
      let first = results.points.first
      let (k, d) = (first?.real("k") ?? .nan, first?.real("d") ?? .nan)
      let seeds = results.distinctValues(of: "seed").count
      let outside = results.points.filter { !Frei2023.isInsidePremise($0) }
      let outsideText =
        outside.isEmpty
        ? "every run is inside the premise measured on its draw"
        : "\(outside.count) of \(results.points.count) runs outside the premise measured on their draw (reported, not judged): "
          + Set(outside.map { "\($0.value("means")?.description ?? "?") means, σ = \(formatReal($0.real("sigma")))" })
          .sorted().joined(
            separator: "; ")
      var panels: [Figure] = []
      for (name, label) in [("flip_radius_median", "along u"), ("attack_radius_median", "generic attack")] {
        var series: [Series] = []
        for (c, group) in results.grouped(by: ["means", "sigma"]).enumerated() {
          let p = group.points[0]
          let samples = ms.map { m in group.points.filter { $0.real("m") == m }.map { relative($0, name) } }
          series.append(
            Series.median(
              "\(p.value("means")?.description ?? "?") means, σ/‖μ‖ = \(formatReal(p.real("sigma")))", x: ms,
              samples: samples,
              over: "\(seeds) seeds", color: c, marker: c))
        }
        panels.append(
          Figure(
            name: name == "flip_radius_median" ? "universal" : "attack",
            title: "\(label) (each run's median)",
            xLabel: "hidden width m", yLabel: "flip radius·√k/‖μ‖", logX: true, series: series,
            references: [
              .reference("prediction 1 (radius ‖μ‖/√k)", over: mRange, log: true, samples: 2, color: 7) { _ in 1 },
              .reference(
                "claim: \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound)) inside the premise",
                over: mRange, log: true, samples: 2, color: 8
              ) { _ in band.lowerBound },
              .reference("", over: mRange, log: true, samples: 2, color: 8) { _ in band.upperBound },
              .reference("√(k/2): the means collapsed onto two directions", over: mRange, log: true, samples: 2) { _ in
                (k / 2).squareRoot()
              },
            ], xTicks: ms, legend: .below, yRange: 0.5...max(1.6, (k / 2).squareRoot() * 1.05)))
      }
      var figure = Figure(
        name: "collapse-vs-width",
        title:
          "Flip radius·√k/‖μ‖ against the width, k = \(Int(k)), d = \(Int(d)) (Frei et al. 2023, prediction 2)",
        xLabel: "hidden width m", yLabel: "flip radius·√k/‖μ‖", logX: true, series: [], xTicks: ms, legend: .below,
        caption:
          "Each run's median flip radius over its test points, along the universal direction u (left) and under the generic minimal-flip attack (right); every width is trained on the same data (paired). The prediction is flat in m at 1; the claim's band is drawn, and √(k/2), where the collapsed-means control sits. \(outsideText)."
      )
      figure.panels = panels
      figure.columns = 2
      return [figure]
    }
  }
}
