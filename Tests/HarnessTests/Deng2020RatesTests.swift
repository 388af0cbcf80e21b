import Foundation
import Testing

@testable import Deng2020Experiments
@testable import Experiments
@testable import Harness

/// deng2020-adv-training's linear-model explanation (`Deng2020AdvTrainingRates.swift`) and the controls' kinds of
/// the two modules issue 24 item 8 and 9 converted.
@Suite struct Deng2020RatesTests {
  /// (1 − x)^10 at known points: no step, GD's 1/L step (one mode gone in one epoch), half of it, and the
  /// oscillating step 2 (the mode's residual flips sign each epoch, the loss stays).
  @Test func linearModelRatioAtKnownSteps() {
    #expect(Deng2020.linearModelRatio5(effectiveStep: 0) == 1)
    #expect(Deng2020.linearModelRatio5(effectiveStep: 1) == 0)
    #expect(Deng2020.linearModelRatio5(effectiveStep: 0.5) == 1.0 / 1024)
    #expect(Deng2020.linearModelRatio5(effectiveStep: 2) == 1)
    // The paper preset's s = 0.25, seed 0: η·λ_max = 0.02875 gives 0.7470 (observed L_5/L_0: 0.7497).
    #expect(abs(Deng2020.linearModelRatio5(effectiveStep: 0.02875) - exp(10 * log1p(-0.02875))) < 1e-15)
  }

  /// The landscape's controls run at the paper preset (the quick sweep stops before the setting's own network has
  /// two maxima); that every prediction has a wrong-regime control is `WrongRegimeCoverageTests`'.
  @Test func controlPresetsAndTheClaimThatCounts() {
    #expect(Deng2020Landscape.claims.allSatisfy { $0.controls.allSatisfy { $0.preset == .paper } })
    // The shared rate is the claim that counts, and it is the one known to fail.
    #expect(Deng2020AdvTraining.claims[0].statement.contains("shared rate"))
    #expect(Deng2020AdvTraining.claims[0].knownFailure != nil)
    #expect(Deng2020AdvTraining.claims.dropFirst().allSatisfy { $0.knownFailure == nil })
  }
}
