import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// frei2023-robust-accuracy's figures: robust accuracy against the radius per k (with 1/√k, the claim's band, R's
/// band and the best robust radius 1/√2 for orthonormal means), the collapse radii against k, and the gap.
extension Frei2023 {
  /// frei2023-robust-accuracy's figures (a namespace in a shared file of the paper: the module names it).
  enum RobustAccuracyFigures {
    /// A radius in units of ‖μ‖.
    static func relative(_ p: PointResult, _ name: String) -> Double { p.scalar(name) / p.real("mu_norm") }

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
        let band = Frei2023.collapseBand
        let curves = [
          "robust_accuracy_universal", "robust_accuracy_attack", "robust_accuracy_pgd", "robust_accuracy_reference",
          "robust_accuracy_reference_universal",
        ].map(mean)
        // The x range fitted to the data: to the radius where the last collapsing curve reaches 0 (R along u never
        // collapses on the grid: left out), and 1/√2 (drawn).
        let lastAbove = x.indices.last { i in curves.prefix(4).contains { $0[i] > 0 } } ?? (x.count - 1)
        let right = max(x[min(x.count - 1, lastAbove + 1)], 1 / 2.0.squareRoot()) * 1.04
        let measured = [("attack", "collapse_radius_attack"), ("R", "collapse_radius_reference")].map { name, key in
          "\(name) \(formatNumber(Statistics.median(group.map { Self.relative($0, key) })))"
        }.joined(separator: ", ")
        let headline =
          k == 4
          ? "k = 4 clusters: 1/√k = 1/2, so the trained network (near ‖μ‖/√k) and R (near ‖μ‖/2) are predicted to collapse together"
          : "k = \(Int(k)) clusters: the trained network collapses near ‖μ‖/√k, R near ‖μ‖/2"
        figures.append(
          Figure(
            name: "robust-accuracy-k\(Int(k))",
            title:
              "\(headline) (Frei et al. 2023; \(setting); mean over \(seeds) seeds)",
            xLabel: "perturbation radius / ‖μ‖", yLabel: "robust accuracy on test points (y·f ≤ 0 is an error)",
            series: [
              Series(label: "trained, universal direction", x: x, y: curves[0], color: 0),
              Series(
                label: "trained, ℓ2 attack (PGD with the universal start)", x: x, y: curves[1], color: 5, marker: 5),
              Series(
                label: "trained, ℓ2 attack (PGD without it)", x: x, y: curves[2], style: .points, color: 0, marker: 6),
              Series(label: "R, ℓ2 attack", x: x, y: curves[3], color: 1),
              Series(label: "R, universal direction", x: x, y: curves[4], style: .points, color: 4, marker: 4),
            ], legend: .below, xRange: 0...right, yRange: -0.03...1.05,
            marks: [
              .y(0.5, "collapse: robust accuracy ½"),
              .x(r, "prediction for the trained network: 1/√k = \(formatNumber(r))", color: 5),
              .x(
                band.lowerBound * r,
                "claim: the trained network collapses between \(formatNumber(band.lowerBound))/√k and \(formatNumber(band.upperBound))/√k",
                color: 0),
              .x(band.upperBound * r, "", color: 0),
              .x(0.4, "code check: R collapses between 0.8 and 1.05 × 1/2", color: 1),
              .x(0.525, "", color: 1),
              .x(1 / 2.0.squareRoot(), "best robust radius for orthonormal means: 1/√2", color: 4),
            ],
            caption:
              "The blue curves must cross the accuracy-½ line between the two blue marks around 1/√k, R's vermillion curve between the two vermillion marks just below 1/2; measured collapse radii / ‖μ‖ (median over seeds): \(measured), against 1/√k = \(formatNumber(r))."
          ))
      }
      func perRun(_ value: (PointResult) -> Double) -> [[Double]] {
        ks.map { k in results.points.filter { $0.real("k") == k }.map(value) }
      }
      let kRange = (ks.first ?? 1)...(ks.last ?? 2)
      let band = Frei2023.collapseBand
      let gap = Frei2023.gapBand
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
            .reference(
              "claim: trained from \(formatNumber(band.lowerBound))/√k to \(formatNumber(band.upperBound))/√k",
              over: kRange, log: true, color: 5
            ) { band.lowerBound / $0.squareRoot() },
            .reference("", over: kRange, log: true) { band.upperBound / $0.squareRoot() },
            .reference("code check: R from 0.8 to 1.05 × 1/2", over: kRange, log: true, color: 1) { _ in 0.4 },
            .reference("", over: kRange, log: true) { _ in 0.525 },
            .reference("best robust radius for orthonormal means: 1/√2", over: kRange, log: true, color: 4) { _ in
              1 / 2.0.squareRoot()
            },
          ], xTicks: ks, legend: .below,
          caption:
            "The trained network's collapse radius follows 1/√k inside its band while R's stays at ‖μ‖/2 inside its narrow band, below the best robust radius 1/√2 for orthonormal means: the gap between them grows like √k."
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
            .reference(
              "claim: from \(formatNumber(gap.lowerBound)) to \(formatNumber(gap.upperBound)) at every run",
              over: kRange, log: true, samples: 2
            ) { _ in gap.lowerBound },
            .reference("", over: kRange, log: true, samples: 2) { _ in gap.upperBound },
          ], xTicks: ks, legend: .below,
          caption:
            "The ratio must stay between the claim lines at \(formatNumber(gap.lowerBound)) and \(formatNumber(gap.upperBound)): R's advantage grows like √k/2."
        ))
      figures.append(FlipStudy.trainingFigure(results, along: "k", xLabel: "clusters k", setting: setting))
      return figures
    }
  }
}
