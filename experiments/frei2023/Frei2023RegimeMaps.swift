import Foundation
import Harness

/// The regime maps of `frei2023-regime-correlation` over (k, d) (issue 26, item 6): the collapse radius·√k/‖μ‖ along
/// the universal direction (the claim's map) and under the generic attack (drawn), each against the premise measured
/// on the run (`premise_ratio` = max of the means' and the noise's ratios, `Frei2023RobustPremise.swift`).
extension Frei2023 {
  /// The premise's formula boundary at σ = ‖μ‖: the smallest d with both expected ratios ≤ 1. The means' ratio
  /// k·max_{j≠l}|cos(μⱼ, μₗ)| of k random unit vectors: the largest of the k(k − 1)/2 cosines, each ≈ N(0, 1/d), is
  /// ≈ √(2·ln(k(k − 1))/d), so ≤ 1 from d = 2k²·ln(k(k − 1)) (79, 515, 2,806, 14,128 at k = 4, 8, 16, 32); the
  /// noise's 2σ·√(k/d)/‖μ‖ ≤ 1 from d = 4k·σ²/‖μ‖² (smaller at every k ≥ 2).
  static func premiseBoundaryDimension(k: Double, noise: Double = 1) -> Double {
    max(2 * k * k * log(k * (k - 1)), 4 * k * noise * noise)
  }

  static func regimeMap(statistic: String, label: String) -> RegimeMap {
    RegimeMap(
      rows: "d", columns: "k", rowLabel: "input dimension d", columnLabel: "clusters k (one mean each)",
      statistic: statistic, statisticLabel: label, prediction: .within(collapseBand),
      premise: "premise_ratio",
      premiseLabel: "max(k·max|cos(μⱼ, μₗ)|, 2·√k·rms⟨ξ, u⟩/‖μ‖)",
      premiseHolds: .atMost(1),
      theoryBoundary: (
        "theory (σ = ‖μ‖): d = max(2k²·ln(k(k − 1)), 4k)", { premiseBoundaryDimension(k: $0) }
      ))
  }

  /// The claim's map: along the universal direction −y·u, the object of prediction 2.
  static let collapseMap = regimeMap(
    statistic: "prediction_collapse", label: "collapse radius along u·√k/‖μ‖ (median over seeds)")

  /// The generic attack's map (drawn, no claim: see the README's map section).
  static let attackCollapseMap = regimeMap(
    statistic: "prediction_collapse_attack", label: "attack's collapse radius·√k/‖μ‖ (median over seeds)")
}

extension Frei2023 {
  /// The map figure's caption, from its cells: the counterexample cells and the cells beyond the premise by name
  /// (the figure adds the four counts).
  static func regimeCaption(_ map: RegimeMap, _ results: Results) -> String {
    let cells = map.cells(results)
    func named(_ outcome: RegimeMap.Cell.Outcome) -> String {
      let those = cells.filter { $0.outcome == outcome }
      return those.isEmpty
        ? "none"
        : those.map { "(k = \(formatReal($0.column)), d = \(formatReal($0.row)))" }
          .joined(separator: ", ")
    }
    return
      "Cell colour: the median over seeds of each run's value. Counterexample cells: \(named(.counterexample)). Beyond the premise (the prediction holds, the measured premise does not): \(named(.beyondPremise)). Band \(formatNumber(collapseBand.lowerBound)) to \(formatNumber(collapseBand.upperBound))."
  }
}
