import Figures
import Foundation
import Harness
import Numerics

// The figures of deng2020-landscape (`landscape.swift`): the summaries against s, and the 2-D slices of ℓ. A
// shared file of the paper (it names no module, so it may sit beside them): the module's `figures` calls it.
extension Deng2020 {
  /// The figures of deng2020-landscape: its `figures` is this.
  static func landscapeFigures(_ results: Results) throws -> [Figure] {
    let scales = Deng2020.scales(results)
    let seeds = results.distinctValues(of: "seed").count
    /// Median over seeds at each s, bars: quartiles over seeds.
    func summary(_ name: String, _ label: String, style: Series.Style = .linesPoints, color: Int? = nil) -> Series {
      .median(
        label, x: scales,
        samples: scales.map { s in results.points.filter { $0.real("s") == s }.map { $0.scalar(name) } },
        over: "\(seeds) seeds", style: style, color: color, marker: color)
    }
    func parameter(_ name: String) -> Double { Deng2020.parameter(results, name) }
    func degrees(_ cosine: Double) -> String { "\(formatNumber((acos(cosine) * 180 / .pi * 10).rounded() / 10))°" }
    let sRange = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    func first(_ series: Series) -> Double { series.y.first ?? .nan }
    /// The growth claims' bar: `factor` × the median at the smallest s, in the series' colour.
    func claimLine(_ series: Series, _ factor: Double, color: Int, _ what: String) -> Series {
      .reference(
        factor == 1
          ? "claim: \(what) above this (its value at the smallest s) at the largest s, never falling"
          : "claim: \(what) at least \(formatNumber(factor)) × its value at the smallest s, at the largest s",
        over: sRange, log: true, color: color
      ) { _ in factor * first(series) }
    }
    let restarts = parameter("restarts")
    let coarse = summary(
      "distinct_maxima_coarse",
      "maxima closer than \(degrees(parameter("coarse_merge_cos"))) merged (the claim's count)",
      color: 0)
    var fine = summary(
      "distinct_maxima", "maxima closer than \(degrees(parameter("merge_cos"))) merged", style: .points, color: 1)
    fine.marker = 6
    var linear = summary("linear_model_maxima", "linear model f(x) + ∇f(x)·δ", style: .points, color: 2)
    (linear.low, linear.high) = (nil, nil)
    linear.label = "maxima of the linear model f(x) + ∇f(x)·δ (median over seeds)"
    let smallest = Deng2020.atSmallestScale(results)
    let ones = smallest.filter { $0.scalar("distinct_maxima") == 1 }.count
    let spread = summary("value_spread", "relative spread of the maxima's values", color: 0)
    let condition = summary("tangent_condition_median", "condition number at the local maxima", color: 0)
    let matched = summary(
      "matched_iterations_median", "step η = C/(1 + κ) matched to the local smoothness (descriptive)", color: 0)
    let missed = Series.median(
      "share of restarts that end below the best maximum found", x: scales,
      samples: scales.map { s in results.points.filter { $0.real("s") == s }.map { 1 - $0.scalar("best_share") } },
      over: "\(seeds) seeds", style: .linesPoints, color: 0, marker: 0)
    let fixed = summary(
      "iterations_median", "fixed step η = \(formatNumber(parameter("step"))) (descriptive)", color: 1)
    let top = summary("top_tangent_eigenvalue_median", "least negative (slowest direction)", color: 0)
    let bottom = summary("bottom_tangent_eigenvalue_median", "most negative (sharpest direction)", color: 1)
    let large = summary("large_step_nonconverged_share", "share of restarts not converged", color: 0)
    let curvature = summary("curvature_ratio", "κ at the clean input", color: 0)
    var figures = [
      Figure(
        name: "distinct-maxima-vs-s",
        title: "Distinct local maxima found by \(formatNumber(restarts)) PGA restarts per input",
        xLabel: "input scale s = ‖x‖", yLabel: "distinct local maxima", logX: true, logY: true,
        series: [fine, linear, coarse],
        references: [
          claimLine(coarse, 3, color: 0, "the count"),
          .reference("all restarts at different maxima (the most countable)", over: sRange, log: true) { _ in
            restarts
          },
        ], xTicks: scales, legend: .below,
        notes: smallest.first.map { p in
          [Note(x: p.real("s"), y: 1, "\(ones) of \(smallest.count) seeds at 1 (claim: all)", color: 1, align: .left)]
        } ?? [],
        caption:
          "The claim's count (blue) stays at one maximum up to moderate s and must reach the blue dashed line, three times its value at the smallest s, at the largest s; a linear model (green) has at most two."
      ),
      Figure(
        name: "value-spread-vs-s", title: "Relative spread of the local maxima's values, (max − min)/max",
        xLabel: "input scale s = ‖x‖", yLabel: "relative spread of ℓ at the local maxima (1 = 100%)", logX: true,
        series: [spread], references: [claimLine(spread, 1, color: 0, "the spread")], xTicks: scales,
        legend: .below,
        caption:
          "With one maximum the spread is 0; it must end above its value at the smallest s (the dashed line) and never fall along s."
      ),
      Figure(
        name: "tangent-condition-vs-s",
        title: "Conditioning at the local maxima: most / least negative eigenvalue of the tangent Hessian P(∇²ℓ − λI)P",
        xLabel: "input scale s = ‖x‖", yLabel: "condition number (dimensionless)", logX: true, logY: true,
        series: [condition],
        references: [
          claimLine(condition, 2, color: 0, "the condition number"),
          .reference("1: linear model (tangent Hessian −λI)", over: sRange, log: true) { _ in 1 },
        ], xTicks: scales, legend: .below,
        caption:
          "The condition number starts at the linear model's 1 and must end above the dashed line, twice its value at the smallest s: the maxima get worse conditioned as s grows."
      ),
      Figure(
        name: "tangent-eigenvalues-vs-s",
        title: "Tangent Hessian at the local maxima: its extreme eigenvalues in units of the sphere's curvature ‖∇ℓ‖/ε",
        xLabel: "input scale s = ‖x‖", yLabel: "tangent eigenvalue · ε/‖∇ℓ‖ (dimensionless)", logX: true,
        series: [top, bottom],
        references: [.reference("−1: linear model", over: sRange, log: true) { _ in -1 }], xTicks: scales,
        legend: .below,
        caption:
          "Descriptive, no claim: the sharpest direction (orange) steepens steadily with s while the slowest (blue) flattens and recovers, which is what sets the fixed-step iteration counts."
      ),
      Figure(
        name: "iterations-vs-s",
        title:
          "PGA iterations to converge (median over restarts, a restart that does not converge counts as +∞), then over seeds",
        xLabel: "input scale s = ‖x‖", yLabel: "PGA iterations", logX: true, logY: true, series: [matched, fixed],
        xTicks: scales, legend: .below, caption: Deng2020.matchedStepCaption(results, scales: scales)
      ),
      Figure(
        name: "best-share-vs-s",
        title: "Restarts that end below the best local maximum found (of \(formatNumber(restarts)) per input)",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts below the best maximum (1 = all)", logX: true,
        series: [missed], references: [claimLine(missed, 1, color: 0, "the share")], xTicks: scales,
        legend: .below, yRange: -0.05...1.05,
        caption:
          "The claim that replaces the matched-step count: on a landscape with one maximum every restart reaches it (0); the share must end above its value at the smallest s (dashed) and never fall along s."
      ),
      Figure(
        name: "large-step-vs-s",
        title:
          "Share of restarts that do not converge at one fixed large step η = \(formatNumber(parameter("large_step"))) (a fraction of ε)",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts not converged (1 = all)", logX: true,
        series: [large], references: [claimLine(large, 1, color: 0, "the share")], xTicks: scales, legend: .below,
        yRange: -0.05...1.05,
        caption:
          "A step that settles on the near-linear landscape of small s fails more often as s grows: the share must end above its value at the smallest s (dashed) and never fall."
      ),
      Figure(
        name: "curvature-vs-s", title: "Nonlinearity of f over the ball: κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ at the clean input x",
        xLabel: "input scale s = ‖x‖", yLabel: "κ (dimensionless)", logX: true, logY: true, series: [curvature],
        references: [
          .reference("κ = 1: curvature as large as the slope over the ball", over: sRange, log: true) { _ in 1 }
        ], xTicks: scales, legend: .below,
        caption:
          "Descriptive, no claim: κ grows with s and passes 1 inside the sweep, where the landscape stops looking linear."
      ),
    ]
    if let slices = slices(results, scales: scales) { figures.append(slices) }
    return figures
  }

  /// One panel per input scale (seed 0): ℓ on the plane through the centre and the best and the farthest
  /// maxima found, rescaled per panel to [0, 1] over the disk, clipped to the sphere; the maxima on the
  /// plane, the others projected onto it, and PGA paths.
  static func slices(_ results: Results, scales: [Double]) -> Figure? {
    var panels: [Figure] = []
    let circle = Series(
      label: "sphere ‖δ‖ = ε", x: (0...128).map { cos(2 * Double.pi * Double($0) / 128) },
      y: (0...128).map { sin(2 * Double.pi * Double($0) / 128) }, style: .dashed, color: 6)
    for s in scales {
      guard let p = results.points.first(where: { $0.real("s") == s && $0.real("seed") == 0 }),
        let slice = p.arrays["slice_loss"], slice.rank == 2
      else { continue }
      let c = p.array("slice_coordinate")
      let z = rescaledOnDisk(slice.values, coordinates: c)
      var series = [circle]
      var k = 0
      while let u = p.arrays["path\(k)_u"]?.values, let v = p.arrays["path\(k)_v"]?.values {
        series.append(
          Series(
            label: k == 0 ? "PGA paths into those maxima (projected)" : "", x: u, y: v, style: .lines, color: 5))
        k += 1
      }
      let (mu, mv, off) = (p.array("maxima_u"), p.array("maxima_v"), p.array("maxima_off_plane"))
      let on = mu.indices.filter { $0 < off.count && off[$0] < 0.05 }
      series.append(
        Series(
          label: "local maxima found that lie on this plane", x: on.map { mu[$0] }, y: on.map { mv[$0] },
          style: .points, color: 1,
          marker: 0))
      let u2 = p.notes["slice_u2"] ?? "?"
      let how = u2 == "second maximum" ? "" : u2 == "gradient" ? "; u₂ from ∇f" : "; u₂ random"
      var panel = Figure(
        name: "s\(formatReal(s))",
        title: mu.count == 1
          ? "\(Deng2020.label(s)): 1 maximum\(how)"
          : "\(Deng2020.label(s)): \(mu.count) maxima, \(on.count) on the plane\(how)",
        xLabel: "δ·u_{1} / ε", yLabel: "δ·u_{2} / ε", series: series,
        heatMap: HeatMap(
          x: c, y: c, z: z, label: "ℓ per panel: 0 = median on the disk, 1 = max", zRange: 0...1,
          disk: 1), legend: s == scales.last ? "top left" : .off, xRange: -1.08...1.08, yRange: -1.08...1.08)
      panel.equalAxes = true
      panels.append(panel)
    }
    guard !panels.isEmpty else { return nil }
    return Figure.smallMultiples(
      name: "slices-vs-s",
      title:
        "ℓ(δ) = ½(f(x + δ) − y)² on the ball ‖δ‖ ≤ ε = \(formatNumber(scales.isEmpty ? .nan : results.points[0].real("r")))·s, seed 0, on the plane through its centre and the maxima PGA found: u₁ = the best maximum's direction, u₂ ⊥ u₁ in the plane of the best and the farthest other maximum (of ∇f(x) when there is only one)",
      panels: panels, columns: 4,
      caption:
        "At small s the disk is brightest at a single point of the circle, the one maximum; at the largest s the plane through two of the maxima found shows two bright peaks on the circle with a darker valley between them, and the other maxima lie off the plane: the multi-modality the distinct-maxima claim counts."
    )
  }

  /// A g × g slice (row b, column a, both `coordinates`) rescaled for a heat map: 0 at the median of the finite
  /// values at cells whose centre lies in the unit disk (the lower half is the darkest colour), 1 at their
  /// maximum, so the colours spend their range on the upper half of ℓ, where the maxima and the valleys between
  /// them are.
  static func rescaledOnDisk(_ values: [Double], coordinates c: [Double]) -> [[Double]] {
    let g = c.count
    var inside: [Double] = []
    for i in 0..<g {
      for j in 0..<g where c[i] * c[i] + c[j] * c[j] <= 1 && values[i * g + j].isFinite {
        inside.append(values[i * g + j])
      }
    }
    let (low, high) = (Statistics.median(inside), inside.max() ?? 1)
    let span = high > low ? high - low : 1
    return (0..<g).map { i in (0..<g).map { j in (values[i * g + j] - low) / span } }
  }
}
