import Foundation
import Harness
import Numerics

/// The regime map's per-run statistics (issue 26, item 5), beside the radii and the premise every flip module
/// records: the prediction's statistic `prediction_relative_radius` (the median flip radius along −y·u over the
/// training points, times √n/‖x‖: 1 on orthogonal data, README "The constant") and its ratio to R's certified
/// radius `prediction_over_robust` (≈ 2/√n where both laws hold). The premise the map reads is
/// `premise_ratio_median` (`Vardi2022Premise.swift`): measured on the drawn points, not a formula.
extension Vardi2022 {
  /// Records `prediction_relative_radius` and `prediction_over_robust` from the per-point `radii` along −y·u.
  static func recordRegimeStatistics(_ r: inout Record, data: TrainingSet, radii: [Double]) {
    let median = Statistics.median(radii)
    r.set(
      "prediction_relative_radius", median * Double(data.count).squareRoot() / data.meanNorm,
      "the median over the training points of the flip radius along −y·u, times √n/‖x‖ (‖x‖ the mean input norm): 1 predicted (flip radius ‖x‖/√n); NaN if some point has no flip within 10‖x‖",
      units: "dimensionless", allowing: .nan)
    let certified = Statistics.median(data.robustReferenceRadii)
    r.set(
      "prediction_over_robust", certified > 0 ? median / certified : .nan,
      "the median flip radius along −y·u over R's median certified radius: ≈ 2/√n where both laws hold (the measured network is √n/2 times less robust than R); NaN where R certifies nothing (median certificate ≤ 0, far from orthogonal data) or a point has no flip",
      units: "dimensionless", allowing: .nan)
  }

  /// The theory's boundary drawn on the map (d ~ n²): the premise n·max_{j≠i}|⟨x_i, x_j⟩| ≤ ‖x_i‖² with this project's
  /// constant 1, for random points on the sphere of radius √d, whose cross terms ⟨x_i, x_j⟩/√d are ≈ N(0, 1): the
  /// median point's largest of n − 1 is c_n = √2·erf⁻¹(2^{−1/(n−1)}) (the median of the largest of n − 1 half-normal
  /// draws: 1.41 at n = 5, 2.37 at n = 40, 2.62 at n = 80, below the looser √(2 ln 2n)), so the median premise ratio is
  /// ≈ n·c_n/√d and the premise holds while d ≥ c_n²·n². The row n at a column d: the root of n·c_n = √d.
  static func theoryBoundaryN(atD d: Double) -> Double {
    var (low, high) = (log(2.0), log(max(d, 4)))
    for _ in 0..<60 {
      let mid = (low + high) / 2
      let n = exp(mid)
      if n * medianLargestCrossTerm(n) < d.squareRoot() { low = mid } else { high = mid }
    }
    return exp((low + high) / 2)
  }

  /// c_n: the median of the largest of n − 1 independent |N(0, 1)| draws, the root of erf(c/√2)^{n−1} = ½ (n > 1;
  /// by bisection, to 10⁻¹²).
  static func medianLargestCrossTerm(_ n: Double) -> Double {
    let target = pow(0.5, 1 / (n - 1))
    var (low, high) = (0.0, 40.0)
    for _ in 0..<80 {
      let mid = (low + high) / 2
      if erf(mid / 2.0.squareRoot()) < target { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }

  /// How the theory's boundary is labelled (README, the map's section).
  static let theoryBoundaryLabel =
    "theory: d = cₙ²·n² (premise constant 1; cₙ the median largest of n − 1 cross terms/√d)"
}
