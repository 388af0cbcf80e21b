import Foundation
import Harness
import SharedExperiments

/// The claims robust-accuracy and radius-vs-clusters share (issue 25, items 4 and 7): the near-KKT claims with their
/// wrong-regime controls, and the band of radius·√k/‖μ‖ with the control that breaks the premise on the means.
extension Frei2023 {
  /// `FlipStudy.nearKKT` with a wrong-regime control per claim (`FlipStudy+NearKKTControls.swift`, shared with
  /// vardi2022): one hidden unit (m = 1), and a large initialisation stopped at the first step with zero training
  /// error (init_scale = 1, target_margin = 10⁻³⁰⁰). The instrument check `max_steps=2` stays.
  static let nearKKT: [Claim] = FlipStudy.nearKKTWithControls(labels: "clusters of both labels")

  /// The band of radius·√k/‖μ‖ (`README.md`, "The collapse band"): from 0.75 to 2^{1/4} ≈ 1.19.
  static let collapseBand: ClosedRange<Double> = 0.75...pow(2, 0.25)

  static let collapseBandReason =
    "for orthogonal means a network whose units align with Σ_{y_j = ±1} μ_j (the gradient-flow solution) flips along −y·u at exactly ‖μ‖/√k, and no ℓ2 perturbation of a mean flips it earlier (u is the normal of its decision boundary): radius·√k/‖μ‖ = 1; with the means collapsed onto two directions it is √(k/2) instead (1.41 at k = 4, the smallest k where the two differ). Upper edge 2^{1/4} ≈ 1.19, half that factor in log, so the collapsed control fails at every k ≥ 4; lower edge 0.75: inside the premise the noise moves a point's flip along u by up to ½·‖μ‖/√k (rms) and an attack takes the low side, so 1 − ½·½. The paper preset's runs lie 0.87 to 1.02, seed SD ≤ 0.04"

  /// The band of (R's radius/trained radius)/(√k/2): R's radius/(‖μ‖/2) is 1 to 1.05 (its code check), so the trained
  /// band inverted times that at the top (1.05/0.75 = 1.4); the bottom 2^{−1/4} ≈ 0.84, the same half-log separation
  /// from the collapsed control's √(2/k) ≤ 0.71.
  static let gapBand: ClosedRange<Double> = pow(2, -0.25)...1.4

  /// The wrong-regime control of the collapse-radius claims.
  static let collapsedMeans =
    "the k means collapsed onto two directions, one per label (cosine 1 within a label, far outside the premise k·max|cos| ≤ 1): the flip needs ‖μ‖/√2 whatever k, so radius·√k/‖μ‖ ≈ √(k/2) ≥ 1.41 at k ≥ 4, above the band"

  /// "radius·√k/‖μ‖ is in the collapse band at every run inside the premise", for one radius of the record.
  static func collapseClaim(_ statement: String, reason: String, radius: String) -> Claim {
    insidePremise(
      .fraction(
        statement, reason: reason + "; " + collapseBandReason,
        of: { $0.scalar(radius) * $0.real("k").squareRoot() / $0.real("mu_norm") }, named: "radius·√k/‖μ‖",
        .within(collapseBand), atLeast: 1)
    ).wrongRegime(collapsedMeans, set: ["means=collapsed"])
  }
}
