/// One outcome of a claim: the bound, what was observed, and whether it holds.
public struct Verdict: Sendable, Equatable {
  public var statement: String
  public var bound: String
  public var observed: String
  /// The observed number itself (a slope, a fraction, a ratio), for storage and tests.
  public var value: Double
  /// What `value` is, in words (stored beside it as `value_is`): set by each claim kind.
  public var valueIs: String
  public var holds: Bool
  /// The module's explanation when this claim is known not to hold at the paper preset.
  public var knownFailure: String?
  /// How far the verdict is from flipping, in units of the seed spread; nil when the kind does not say.
  public var margin: Margin?
  /// A regime map's four counts and cells (`Claim.regimeMap`); nil for every other kind.
  public var regimeMap: RegimeMap.Summary?

  public init(
    statement: String, bound: String, observed: String, value: Double, valueIs: String, holds: Bool,
    knownFailure: String? = nil, margin: Margin? = nil, regimeMap: RegimeMap.Summary? = nil
  ) {
    self.statement = statement
    self.bound = bound
    self.observed = observed
    self.value = value
    self.valueIs = valueIs
    self.holds = holds
    self.knownFailure = knownFailure
    self.margin = margin
    self.regimeMap = regimeMap
  }

  /// The margin as the tables show it: "+3.2σ", "+0.4σ fragile", "—" for none.
  public var marginText: String { margin?.text ?? "—" }

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
