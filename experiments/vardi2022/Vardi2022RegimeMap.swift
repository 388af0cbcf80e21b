import Figures
import Foundation
import Harness
import Numerics

/// vardi2022-regime-orthogonality's map (issue 26, item 5): over (n, d), the median over seeds of each run's
/// `prediction_relative_radius` against the band `constantBand`, and the premise `premise_ratio_median` (the median
/// training point's n·max_{j≠i}|⟨x_i, x_j⟩|/‖x_i‖², measured on the drawn points) at most 1 (the project's constant,
/// `Vardi2022Premise.swift`); the theory's boundary d = c_n²·n² (`theoryBoundaryN`) drawn dashed.
extension Vardi2022 {
  static let regimeMap = RegimeMap(
    rows: "n", columns: "d", rowLabel: "training points n", columnLabel: "input dimension d",
    statistic: "prediction_relative_radius",
    statisticLabel: "median flip radius·√n/‖x‖ along −y·u (dimensionless; 1 predicted)",
    prediction: .within(constantBand), premise: "premise_ratio_median",
    premiseLabel: "median premise ratio n·max|⟨xᵢ, xⱼ⟩|/‖xᵢ‖² (dimensionless)", premiseHolds: .atMost(1),
    theoryBoundary: (theoryBoundaryLabel, { theoryBoundaryN(atD: $0) }))

  /// The map claim with its wrong-regime controls: two networks the theorem does not cover, on the same data (so the
  /// same cells are inside the measured premise), on which the law must fail inside it.
  static let regimeMapClaim = Claim.regimeMap(
    "Where the drawn points are nearly orthogonal, the flip radius along −y·u is ‖x‖/√n: radius·√n/‖x‖ within 1/1.25 to 1.25 in every cell inside the premise but one, and not in some cell outside it",
    reason:
      constantReason
      + "; a cell is inside when the median over its seeds of the median point's premise ratio is ≤ 1 (the project's constant, the weakest reading). One inside cell may fail by the seeds' noise: the cells at the premise boundary (ratio 0.9–1) have seed spreads up to 0.9 (paper preset, n = 5, d = 125: one seed of three at 2.7)",
    map: regimeMap, allowedInsideFailures: 1
  ).wrongRegime(
    robustObject
      + "its radius along −y·u is ≈ ‖x‖·√n/2, so radius·√n/‖x‖ ≈ n/2 (2.5 to 40 here) in every cell, inside the premise too",
    set: robustObjectSettings, preset: .paper
  ).wrongRegime(
    stoppedAtFitNetwork
      + "not near a KKT point (residual ≈ 1), so nothing holds its flip radius to ‖x‖/√n: inside the premise radius·√n/‖x‖ scatters from ≈ 1 to 3",
    set: stoppedAtFit, preset: .paper)

  /// The heat map, its caption computed from the cells: where the law fails, against d/n.
  static func regimeMapFigure(_ results: Results) -> Figure {
    let cells = regimeMap.cells(results)
    let failing = cells.filter { !$0.predictionHolds && $0.median.isFinite }
    func ratio(_ c: RegimeMap.Cell) -> Double { c.column / c.row }
    let seeds = cells.map(\.seeds).max() ?? 0
    var caption =
      "Each cell: the median over \(seeds) seeds of each run's median over its training points of the flip radius along −y·u times √n/‖x‖."
    if let worst = failing.map(ratio).max() {
      let above = cells.filter { ratio($0) > worst }
      caption +=
        " The law fails only at cells with d/n ≤ \(formatNumber(worst)); above that it holds at \(above.filter(\.predictionHolds).count) of \(above.count) cells, \(above.filter { !$0.premiseHolds }.count) of them outside the premise."
    }
    return regimeMap.figure(
      results, name: "regime-map",
      title: "Where the flip radius is ‖x‖/√n, against the near-orthogonality measured on the drawn points (n, d)",
      caption: caption)
  }
}
