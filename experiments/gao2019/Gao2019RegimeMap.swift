import Figures
import Foundation
import Harness

/// gao2019-regime-width's map (issue 26): rows R, columns m, at δ ratio 0.5 and ε = 0.01.
///
/// The prediction: a cell's median gap (min_t L_A − reference)/ε is at most 1. The premise, measured on each run:
/// the lazy regime, as the linearisation error at W(T) on the training inputs, at most ε: the logistic loss is
/// 1-Lipschitz in the margin, so there the run's loss is within ε of the loss of the network's linearisation, a
/// convex function of W (the convexity the NTK proof needs). The theory's boundary: with σ the quadratic ReLU
/// (σ'' ∈ [0, 1]) and ‖x_i‖ = 1, |f − f_lin| ≤ ‖W − W(0)‖_F²/(2√m) ≤ R²/(2√m), so the premise is guaranteed where
/// R²/(2√m) ≤ ε, i.e. R ≤ √(2ε)·m^{1/4} (the theorem's m ≥ poly(R, 1/ε) in its worst-case form, m ≥ R⁴/(4ε²)).
extension Gao2019 {
  /// ε of the map's conditions: the presets' `epsilon` (a cell is taken at it: `fixed`).
  static let regimeEpsilon = 0.01

  static let regimeMap = RegimeMap(
    rows: "R", columns: "m", rowLabel: "ball radius R (‖W − W(0)‖_{F} ≤ R)",
    columnLabel: "hidden width m (neurons)",
    statistic: "prediction_gap", statisticLabel: "(min_{t} L_{A} − reference L*) / ε, median over seeds (units of ε)",
    prediction: .atMost(1),
    premise: "premise_linearization_error",
    premiseLabel: "max_{i} |f(W_{T}, x_{i}) − f_{lin}(x_{i})| (output units), against ε",
    premiseHolds: .atMost(regimeEpsilon),
    theoryBoundary: (
      "theory: R²/(2√m) = ε = \(formatNumber(regimeEpsilon)), the worst-case linearisation error (premise guaranteed below)",
      { m in (2 * Gao2019.regimeEpsilon).squareRoot() * pow(m, 0.25) }
    ),
    fixed: ["delta_ratio": 0.5, "epsilon": regimeEpsilon])

  /// The map claim's wrong-regime control: the theorem's step budget broken, off the map's axes.
  static let regimeBudgetControl =
    "a step budget far below the theorem's T ∝ R²/ε² (iterations_at_8 = 10: 10 steps at R ≤ 8, the reference search keeping 4 × 600 steps), at widths 64 and 256 and R = 1, 2: the network stays lazy (the measured premise holds where it did), but the online-learning bound's regret term R²/(ηT) is no longer below ε, so at R = 2 the run stops more than ε above the best robust loss in the ball"
  static let regimeBudgetOverrides = ["iterations_at_8=10", "reference_multiple=60", "m=64,256", "R=1,2"]

  /// The map figure, its caption computed from the cells.
  static func regimeMapFigure(_ results: Results) -> Figure {
    let cells = regimeMap.cells(results)
    let failing = cells.filter { !$0.predictionHolds }
    let narrowestHolding = Set(cells.map(\.column)).sorted().first { m in
      cells.filter { $0.column == m }.allSatisfy(\.predictionHolds)
    }
    let worst = cells.map(\.median).filter(\.isFinite).max() ?? .nan
    let fails =
      failing.isEmpty
      ? "The gap is within ε in every cell."
      : "The gap exceeds ε in \(failing.count) cells, all at m ≤ \(formatNumber(failing.map(\.column).max() ?? .nan)) and R ≥ \(formatNumber(failing.map(\.row).min() ?? .nan)) (up to \(formatNumber(worst)) ε); every R holds from m = \(narrowestHolding.map(formatNumber) ?? "none") on."
    return regimeMap.figure(
      results, name: "regime-map",
      title:
        "Where adversarial training ends within ε of the best robust loss in the ball: width m against ball radius R",
      caption:
        "\(fails) The premise (the network within ε of its linearisation at W(0)) holds in the lower right, right of the solid line; the dashed line is the worst-case bound's boundary."
    )
  }
}
