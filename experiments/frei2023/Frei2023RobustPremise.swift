import Foundation
import Harness
import Numerics

/// The premise of the non-robustness prediction, measured run by run on the drawn means and test points (issue 25,
/// item 3). Only the abstract is at hand ("clusters whose means have small correlations"), so the conditions are this
/// project's weakest readings of the setting (`README.md`, "The premise"), each recorded as a ratio that is ≤ 1 inside:
/// - **means**: k·max_{j≠l}|cos(μ_j, μ_l)| ≤ 1. Then the k − 1 cross terms of ⟨μ_j, Σ_l y_l μ_l⟩ sum to less than the
///   own term ‖μ‖², so every cluster's mean is pushed towards the other label by −y·u (as for orthogonal means, where
///   the push is exactly ‖μ‖/√k per unit length). Collapsed means (cosine 1 within a label) are far outside.
/// - **noise**: 2·√k·rms_i|⟨ξ_i, u⟩|/‖μ‖ ≤ 1 over the test points (ξ_i = x_i − μ_{c(i)}): the noise moves a point's flip
///   along u by less than half the predicted radius ‖μ‖/√k. Its expected value is 2σ·√(k/d)/‖μ‖ (0.5 at k = 64,
///   d = 1000, σ = ‖μ‖: the paper preset's largest k is at the edge's middle, not beyond it).
/// A run is inside the premise when both hold (`premise_inside` = 1).
extension Frei2023 {
  /// The means' ratio k·max_{j≠l}|cos(μ_j, μ_l)| (inside: ≤ 1).
  static func meansPremiseRatio(_ mixture: ClusterMixture) -> Double {
    Double(mixture.clusters) * mixture.maxAbsCosine
  }

  /// The noise's ratio 2·√k·rms_i|⟨x_i − μ_{c(i)}, u⟩|/‖μ‖ over `points` drawn from clusters `cluster` (inside: ≤ 1).
  static func noisePremiseRatio(_ mixture: ClusterMixture, _ points: TrainingSet, cluster: [Int]) -> Double {
    let u = mixture.universalDirection
    let uMeans = (0..<mixture.clusters).map { dot(mixture.means.row($0), u) }
    var sum = 0.0
    for i in 0..<points.count {
      let along = dot(points.x.row(i), u) - uMeans[cluster[i]]
      sum += along * along
    }
    let rms = (sum / Double(max(1, points.count))).squareRoot()
    return 2 * Double(mixture.clusters).squareRoot() * rms / mixture.meanNorm
  }

  /// Records the premise of the run: both ratios and whether the run is inside it.
  static func recordPremise(_ r: inout Record, mixture: ClusterMixture, test: TrainingSet, cluster: [Int]) {
    let means = meansPremiseRatio(mixture)
    let noise = noisePremiseRatio(mixture, test, cluster: cluster)
    r.set(
      "premise_means_ratio", means,
      "k·max_{j≠l}|cos(μ_j, μ_l)|: the means' correlations; inside the premise (every mean pushed towards the other label by −y·u) when ≤ 1"
    )
    r.set(
      "premise_noise_ratio", noise,
      "2·√k·rms_i|⟨ξ_i, u⟩|/‖μ‖ over the test points (ξ_i = x_i − μ_{c(i)}): inside the premise (the noise moves a flip along u by less than half of ‖μ‖/√k) when ≤ 1"
    )
    r.setCount(
      "premise_inside", means <= 1 && noise <= 1 ? 1 : 0,
      "1 when the run is inside the premise (premise_means_ratio ≤ 1 and premise_noise_ratio ≤ 1), else 0")
  }

  /// Whether a run is inside the premise.
  static let isInsidePremise: @Sendable (PointResult) -> Bool = { $0.scalar("premise_inside") == 1 }

  /// `claim` judged on the runs inside the premise, the runs outside it named in the observed text (reported apart,
  /// not dropped). A result with no run inside (a wrong-regime control that breaks the premise on purpose) is judged
  /// on all its runs, and the observed text says so.
  static func insidePremise(_ claim: Claim) -> Claim {
    Claim(statement: claim.statement, reason: claim.reason) { results in
      let kept = results.restricted(to: isInsidePremise)
      let out = results.points.count - kept.points.count
      guard !kept.points.isEmpty else {
        return claim.evaluate(results).map { v in
          var v = v
          v.observed += "; every run outside the premise (judged on all of them)"
          return v
        }
      }
      return claim.evaluate(kept).map { v in
        var v = v
        if out > 0 {
          v.observed += "; \(out) of \(results.points.count) runs outside the premise, reported apart"
        }
        return v
      }
    }
  }
}
