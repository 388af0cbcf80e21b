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
  /// The run on which the prediction must not hold (see `Control`); nil only for code checks.
  public private(set) var control: Control?
  /// A prediction of the paper, or a check of the code (a theorem or identity the code must satisfy).
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

  /// The same claim with its negative control: `description` says what the run is and why the prediction
  /// must fail there; `overrides` are `--set name=value` strings applied over the quick preset.
  public func control(_ description: String, set overrides: [String]) -> Claim {
    var copy = self
    copy.control = Control(description: description, overrides: overrides)
    return copy
  }

  /// The same claim, labelled as a check of the code (a theorem or an identity: it fails only when the
  /// code is wrong), not as a reproduced prediction. `why` is shown with it.
  public func codeCheck(_ why: String) -> Claim {
    var copy = self
    copy.role = .codeCheck(why)
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
          meaning: "NaN: there was nothing to evaluate", holds: false)
      ]
    }
    return verdicts.map { v in
      var v = v
      v.knownFailure = knownFailure
      return v
    }
  }
}

/// A negative control: a run of the same module, at its quick preset with other parameters, on which
/// the claim's prediction must not hold (an under-trained network, the attack replaced by a random
/// direction, s large instead of small). A claim that also holds there proves nothing.
public struct Control: Sendable, Equatable {
  public let description: String
  public let overrides: [String]

  public init(description: String, overrides: [String]) {
    self.description = description
    self.overrides = overrides
  }

  /// "max_steps=2 direction=random": the parameters, as a user would type them after --set.
  public var settings: String { overrides.joined(separator: " ") }

  /// A directory name for the control's results: "max_steps-2_direction-random".
  public var slug: String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._")
    return String(
      overrides.joined(separator: "_").map { allowed.contains($0) ? $0 : "-" })
  }
}

/// What a claim is: a prediction of the paper (it needs a control), or a check of the code.
public enum ClaimRole: Sendable, Equatable {
  case prediction
  /// A theorem or identity the implementation must satisfy, with why it is not a prediction.
  case codeCheck(String)

  public var label: String {
    switch self {
    case .prediction: return "prediction"
    case .codeCheck: return "code check"
    }
  }
}

/// One outcome of a claim: the bound, what was observed, and whether it holds.
public struct Verdict: Sendable, Equatable {
  public var statement: String
  public var bound: String
  public var observed: String
  /// The observed number itself (a slope, a fraction, a ratio), for storage and tests.
  public var value: Double
  /// What `value` is, in words (stored beside it as `value_is`): set by each claim kind.
  public var valueMeaning: String
  public var holds: Bool
  /// The module's explanation when this claim is known not to hold at the paper preset.
  public var knownFailure: String?

  public init(
    statement: String, bound: String, observed: String, value: Double, meaning: String, holds: Bool,
    knownFailure: String? = nil
  ) {
    self.statement = statement
    self.bound = bound
    self.observed = observed
    self.value = value
    self.valueMeaning = meaning
    self.holds = holds
    self.knownFailure = knownFailure
  }

  /// As expected: holds, or fails and is known to fail.
  public var asExpected: Bool { holds == (knownFailure == nil) }

  /// "holds", "FAILS", "fails (known)", "HOLDS (expected to fail)".
  public var status: String {
    switch (holds, knownFailure == nil) {
    case (true, true): return "holds"
    case (false, true): return "FAILS"
    case (false, false): return "fails (known)"
    case (true, false): return "HOLDS, though marked known to fail"
    }
  }
}

/// Numbers in claims: 3 significant digits, no exponent for ordinary sizes.
public func formatNumber(_ x: Double) -> String {
  guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
  if x != 0 && (abs(x) >= 1e5 || abs(x) < 1e-3) { return String(format: "%.3g", x) }
  var s = String(format: "%.3g", x)
  if s.contains("e") { s = String(format: "%.4f", x) }
  return s
}
