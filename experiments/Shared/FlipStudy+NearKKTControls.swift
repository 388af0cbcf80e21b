import Harness

/// Wrong-regime controls of the near-KKT claims (`FlipStudy.nearKKT`), shared by vardi2022 and frei2023, whose
/// networks are the same two-layer ReLU networks trained by the same flow. Two networks the theorem does not cover:
/// - a **single hidden unit** (m = 1): N(x) = v·relu(w·x) has one sign, so it cannot fit labels of both signs; the
///   max-margin problem has no feasible point and no KKT point exists;
/// - a **large initialisation stopped at zero training error** (init_scale = 1, `target_margin` = 10⁻³⁰⁰: training
///   stops at the first step with every margin y_i N(x_i) > 0). From init_scale 1 the random features fit the data
///   within a few steps (the kernel, or lazy, regime), and the network is stopped there: Lyu & Li (2020) put the
///   direction of θ at a KKT point only in the limit of training, and here it has not moved from the random
///   initial direction (the KKT residual ≈ 1, the normalised margin still changing by far more than 1%).
extension FlipStudy {
  /// The overrides of the large-initialisation network stopped at zero training error.
  package static let stoppedAtFit = ["init_scale=1", "target_margin=1e-300"]

  /// What that network is, for the descriptions of its controls.
  package static let stoppedAtFitNetwork =
    "init_scale = 1 (the kernel regime), stopped at the first step with zero training error (target_margin = 1e-300): "

  /// `nearKKT` with a wrong-regime control per claim (the instrument check `max_steps=2` stays); `labels` says what
  /// one unit cannot fit ("random ±1 labels", "clusters of both labels").
  package static func nearKKTWithControls(labels: String) -> [Claim] {
    nearKKT.map { claim in
      switch claim.statement {
      case "Training fits every training point":
        return claim.wrongRegime(
          "one hidden unit (m = 1): N = v·relu(w·x) has one sign and cannot fit \(labels), so the max-margin problem has no KKT point",
          set: ["m=1"])
      case "The normalised margin has converged":
        return claim.wrongRegime(
          stoppedAtFitNetwork
            + "the direction of θ has not converged (Lyu & Li: only in the limit), so γ still moves by far more than 1%",
          set: stoppedAtFit)
      default:
        return claim.wrongRegime(
          stoppedAtFitNetwork
            + "θ keeps its random initial direction, far from the KKT form Σ λ_i y_i ∇N(x_i) (residual ≈ 1)",
          set: stoppedAtFit)
      }
    }
  }
}
