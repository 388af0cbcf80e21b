import Harness
import SharedExperiments

/// vardi2022's near-KKT claims with their wrong-regime controls (`FlipStudy+NearKKTControls.swift`, shared with
/// frei2023): one hidden unit (m = 1), and a large initialisation stopped at zero training error.
extension Vardi2022 {
  /// The overrides of the large-initialisation network stopped at zero training error.
  static let stoppedAtFit = FlipStudy.stoppedAtFit

  /// What that network is, for the descriptions of its controls.
  static let stoppedAtFitNetwork = FlipStudy.stoppedAtFitNetwork

  /// `FlipStudy.nearKKT` with a wrong-regime control per claim (the instrument check `max_steps=2` stays).
  static let nearKKT: [Claim] = FlipStudy.nearKKTWithControls(labels: "random ±1 labels")
}
