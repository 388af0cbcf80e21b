import Foundation

/// A statement of the paper, checked against an experiment's own results.
///
/// A claim is declared in the module with its threshold and the reason the
/// threshold is what it is; `evaluate` computes the observed value from the
/// result file. One claim may give several verdicts (one per value of a
/// grouping parameter, e.g. one slope per n).
public struct Claim: Sendable {
  /// The prediction, in the paper's terms.
  public let statement: String
  /// Where the threshold comes from (one line).
  public let reason: String
  /// Set when the claim is known not to hold at the paper preset: why (the science, not a threshold).
  /// The verdict is still computed and shown as failing; `repro check` then fails only if it changes.
  public private(set) var knownFailure: String?
  /// The runs on which the prediction must not hold (see `Control`), in the order declared; empty only for code
  /// checks (and, until issues 24/25 are done, for predictions that declare none: `CANNOT FAIL`).
  public private(set) var controls: [Control] = []
  /// The control the one-line summaries name: the first wrong-regime control if any, else the first control.
  public var control: Control? { controls.first { $0.kind == .wrongRegime } ?? controls.first }
  /// A prediction of the paper, a consistency check (implied by the theory, not specific to it), or a check of the
  /// code (a theorem or identity the code must satisfy).
  public private(set) var role: ClaimRole = .prediction
  var evaluator: @Sendable (Results) -> [Verdict]

  public init(statement: String, reason: String, evaluate: @escaping @Sendable (Results) -> [Verdict]) {
    self.statement = statement
    self.reason = reason
    self.evaluator = evaluate
  }

  /// The same claim, marked as known to fail at the paper preset, with the explanation the report shows.
  public func knownToFail(because explanation: String) -> Claim {
    var copy = self
    copy.knownFailure = explanation
    return copy
  }

  /// The same claim with one more negative control, an **instrument check** at the quick preset: `description`
  /// says what the run is and why the prediction must fail there; `overrides` are `--set name=value` strings
  /// applied over the quick preset. The same as `.instrumentCheck(description, set: overrides)`: a claim declared
  /// with `.control` alone has no wrong-regime control (status `instrument-only`); use `.wrongRegime` for a run
  /// that breaks the theory's premise.
  public func control(_ description: String, set overrides: [String]) -> Claim {
    instrumentCheck(description, set: overrides)
  }

  /// The same claim with one more **wrong-regime** control: a run where the theory's premise is broken (or the
  /// object is a network the theory does not cover), on which the prediction must fail for the reason the theory
  /// gives. `description` says what is broken and why the prediction fails; `overrides` apply over `preset` (the
  /// paper preset when the quick one would leave the control's interval wider than the claim's band).
  public func wrongRegime(_ description: String, set overrides: [String], preset: Preset = .quick) -> Claim {
    adding(Control(description: description, overrides: overrides, kind: .wrongRegime, preset: preset))
  }

  /// The same claim with one more **instrument check**: a run that shows only that the instrument is wired (an
  /// untrained network, `max_steps=2`, a search that finds nothing). Never a prediction's only control.
  public func instrumentCheck(_ description: String, set overrides: [String], preset: Preset = .quick) -> Claim {
    adding(Control(description: description, overrides: overrides, kind: .instrument, preset: preset))
  }

  private func adding(_ control: Control) -> Claim {
    var copy = self
    copy.controls.append(control)
    return copy
  }

  /// The same claim, labelled as a check of the code (a theorem or an identity: it fails only when the
  /// code is wrong), not as a reproduced prediction. `why` is shown with it.
  public func codeCheck(_ why: String) -> Claim {
    var copy = self
    copy.role = .codeCheck(why)
    return copy
  }

  /// The same claim, labelled as a **consistency check**: a statement the theory implies that also holds for
  /// networks the theory does not cover, so it cannot support a "reproduced" verdict on its own. It keeps its
  /// verdict, value and margin and needs no wrong-regime control; `why` says why it does not discriminate, with
  /// what was measured.
  public func consistencyCheck(_ why: String) -> Claim {
    var copy = self
    copy.role = .consistencyCheck(why)
    return copy
  }

  /// The same claim about the points at the largest value of parameter `name` only (e.g. "at the largest
  /// n"); the statement should say so. The largest value is the run's, so a control at another preset is
  /// judged at its own largest value.
  public func atLargest(_ name: String) -> Claim {
    let inner = evaluator
    var copy = self
    copy.evaluator = { results in
      let top = results.points.map { $0.real(name) }.filter { !$0.isNaN }.max()
      return inner(results.restricted { $0.real(name) == top })
    }
    return copy
  }

  /// The verdicts on these results as `evaluate` gives them, or a one-line error when the claim reads a name the
  /// results do not have: a misspelt name is a mistake in the module, never a failed prediction. The harness
  /// judges every claim through this.
  public func verdicts(on results: Results) throws(ReproError) -> [Verdict] {
    let reading = results.readingAfresh()
    let verdicts = evaluate(reading)
    try reading.requireKnownNames(readBy: "the claim '\(statement)'")
    return verdicts
  }

  /// The verdicts on these results; a claim that cannot be evaluated (no data) fails, saying why.
  public func evaluate(_ results: Results) -> [Verdict] {
    var verdicts = evaluator(results)
    if verdicts.isEmpty {
      verdicts = [
        Verdict(
          statement: statement, bound: "—", observed: "no data to evaluate", value: .nan,
          valueIs: "NaN: there was nothing to evaluate", holds: false)
      ]
    }
    return verdicts.map { v in
      var v = v
      v.knownFailure = knownFailure
      return v
    }
  }
}
