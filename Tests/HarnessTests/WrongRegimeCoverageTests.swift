import Experiments
import Testing

@testable import Harness

/// Issue 24's rule, held per paper as the papers are converted: every prediction of a converted paper has at least
/// one wrong-regime control (a run that breaks the theory's premise, or measures a network the theory does not
/// cover), so none of its verdicts rests on instrument checks alone. A statement the theory implies that holds on
/// networks it does not cover too is no prediction: it is declared a consistency check (`.consistencyCheck(why)`),
/// which needs no wrong-regime control but must say why it does not discriminate, with what was measured. Since
/// issue 25 every paper is converted, and `ControlOutcome.acceptable` no longer accepts `instrument-only`.
@Suite struct WrongRegimeCoverageTests {
  static let converted: Set<String> = ["vardi2022", "deng2020", "frei2023", "gao2019"]

  @Test func everyPredictionOfAConvertedPaperHasAWrongRegimeControl() {
    var missing: [String] = []
    for experiment in allExperiments where Self.converted.contains(experiment.paper) {
      for claim in experiment.claims where claim.role == .prediction {
        if !claim.controls.contains(where: { $0.kind == .wrongRegime }) {
          missing.append("\(experiment.id): \(claim.statement)")
        }
      }
    }
    #expect(missing.isEmpty, "predictions with no wrong-regime control:\n\(missing.joined(separator: "\n"))")
  }

  /// A consistency check says why it does not discriminate: which networks outside the theory satisfy it too, with
  /// the numbers measured on them (so the reason has at least one digit), in a sentence, not a word.
  @Test func everyConsistencyCheckSaysWhyItDoesNotDiscriminate() {
    var unexplained: [String] = []
    for experiment in allExperiments {
      for claim in experiment.claims {
        guard case .consistencyCheck(let why) = claim.role else { continue }
        if why.count < 60 || !why.contains(where: \.isNumber) {
          unexplained.append("\(experiment.id): \(claim.statement): \(why)")
        }
      }
    }
    #expect(
      unexplained.isEmpty, "consistency checks without a measured reason:\n\(unexplained.joined(separator: "\n"))")
  }

  /// vardi2022-width's flatness in m is the first consistency check (issue 24): it stays one on purpose.
  @Test func widthFlatnessIsAConsistencyCheck() throws {
    let width = try #require(allExperiments.first { $0.id == "vardi2022-width" })
    let claim = try #require(width.claims.first { $0.statement == "The flip radius does not depend on the width m" })
    guard case .consistencyCheck = claim.role else {
      Issue.record("expected a consistency check, got \(claim.role.label)")
      return
    }
  }

  @Test func theConvertedPapersHaveModules() {
    for paper in Self.converted { #expect(allExperiments.contains { $0.paper == paper }, "\(paper)") }
  }
}
