import Harness

/// The wrong-regime controls of `vardi2022-kkt`'s predictions (the balancedness claim is a code check: a
/// conservation law of the flow, for any loss).
extension Vardi2022 {
  /// The wrong-regime control of the claims about what happens after the fit: the squared loss, which the
  /// theorem excludes (it needs an exponentially tailed loss). Its flow ends at a finite interpolant with every
  /// y_i N(x_i) near 1, where the gradient vanishes: θ does not grow, so nothing drives its direction toward the
  /// max-margin problem's KKT points after the fit (Lyu & Li's monotone normalised margin needs the loss's tail).
  static func kktSquaredLoss(_ claim: Claim) -> Claim {
    claim.wrongRegime(
      "squared loss, which the theorem excludes: the flow stops at a finite interpolant, with no drift toward the max-margin direction after the fit",
      set: ["loss=squared"])
  }

  /// The wrong-regime control of the claims about the end point: a network the theorem does not cover, from a
  /// large initialisation and stopped at zero training error (`Vardi2022.stoppedAtFit`).
  static func kktStoppedAtFit(_ claim: Claim, _ why: String) -> Claim {
    claim.wrongRegime(stoppedAtFitNetwork + why, set: stoppedAtFit)
  }
}
