import Harness

// deng2020-landscape's wrong-regime control shared by its growth claims (`landscape.swift`). A shared file of the
// paper (it names no module).
extension Deng2020 {
  /// The wrong-regime control shared by the claims that some effect of σ's curvature grows with s, at the paper
  /// preset: the quick preset stops at s = 4, where the setting's own network still has one maximum, so a control
  /// there would fail for the smaller sweep, not for the missing curvature.
  static let landscapeLinearRegime = Control(
    description:
      "the same networks with σ_w = 0.001, paper preset (s up to 16): pre-activations |w_r·x| ≈ 0.001·s stay in tanh's linear range at every s, so f is a linear model over every ball (κ ≈ 0: one maximum, tangent Hessian −λI) and nothing that comes from σ's curvature can grow with s",
    overrides: ["weight_scale=0.001"], kind: .wrongRegime, preset: .paper
  )

  /// `claim` with `landscapeLinearRegime` as its wrong-regime control.
  static func inLandscapeLinearRegime(_ claim: Claim) -> Claim {
    claim.wrongRegime(
      landscapeLinearRegime.description, set: landscapeLinearRegime.overrides, preset: landscapeLinearRegime.preset)
  }
}
