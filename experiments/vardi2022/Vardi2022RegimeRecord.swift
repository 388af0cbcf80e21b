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

  /// The theory's boundary drawn on the map: the premise n·max_{j≠i}|⟨x_i, x_j⟩| ≤ ‖x_i‖² with this project's
  /// constant 1, for random points on the sphere of radius √d, whose largest cross term with n − 1 others is
  /// typically √(2d·ln 2n): the premise holds while d ≥ 2n²·ln 2n (d ~ n², up to the logarithm). The row n at a
  /// column d: the root of 2n²·ln 2n = d, by bisection on ln n (n ≥ 1).
  static func theoryBoundaryN(atD d: Double) -> Double {
    var (low, high) = (0.0, log(max(d, 2)))
    for _ in 0..<60 {
      let mid = (low + high) / 2
      let n = exp(mid)
      if 2 * n * n * log(2 * n) < d { low = mid } else { high = mid }
    }
    return exp((low + high) / 2)
  }

  /// How the theory's boundary is labelled and stated (README, the map's section).
  static let theoryBoundaryLabel = "theory: d = 2n²·ln 2n (premise constant 1, typical largest cross term √(2d·ln 2n))"
}
