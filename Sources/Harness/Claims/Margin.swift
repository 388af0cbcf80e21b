import Foundation

/// How far a verdict is from flipping, in units of the seed spread: the statistic the verdict turns on (a mean
/// slope, the critical value of a share, the smallest step of an ordering), the threshold it is held against, and
/// the spread of that statistic over seeds. A verdict within one spread of its threshold is **fragile**: its own
/// seed noise could flip it. A NaN statistic (a missing value) or a NaN spread (one seed) gives NaN sigmas,
/// shown as such, never dropped.
public struct Margin: Sendable {
  /// Which side of the threshold the verdict passes on.
  public enum Side: String, Sendable {
    case above, below
  }

  public var statistic: Double
  public var threshold: Double
  public var spread: Double
  /// The side of `threshold` on which the verdict holds.
  public var passes: Side
  /// In words: which statistic, which spread (e.g. "the mean slope against the nearer band edge 0.4; spread: the SD
  /// of the 3 per-seed slopes").
  public var what: String

  public init(statistic: Double, threshold: Double, spread: Double, passes: Side, what: String) {
    self.statistic = statistic
    self.threshold = threshold
    self.spread = spread
    self.passes = passes
    self.what = what
  }

  /// The signed distance of the statistic from the threshold in units of the spread, positive on the passing side.
  /// With no spread at all (every seed the same): ±∞ off the threshold, 0 on it (not NaN, which means missing).
  public var sigmas: Double {
    let distance = passes == .above ? statistic - threshold : threshold - statistic
    return spread == 0 && distance == 0 ? 0 : distance / spread
  }

  /// The statistic sits exactly on its threshold and every seed gives the same value (spread exactly 0), e.g. a
  /// count that is 1 at every level for every seed: no seed-sized change can move it, so it is shown as such, not
  /// as 0σ (`sigmas` stays 0; it is not fragile).
  public var exact: Bool { spread == 0 && statistic == threshold }

  /// The verdict is inside its own seed noise of flipping: |sigmas| < 1 (false for NaN, which is shown as NaN, and
  /// for an exact tie with no spread).
  public var fragile: Bool { abs(sigmas) < 1 && !exact }

  /// Whether there is no spread to measure in (one seed per point): the statistic is there, the sigmas are not.
  public var unmeasured: Bool { spread.isNaN && !statistic.isNaN && !threshold.isNaN }

  /// "+3.2σ", "+0.4σ fragile", "NaNσ" (a missing statistic), "— (no seed spread)" (one seed), "0, exactly (no
  /// seed spread)" (an exact tie).
  public var text: String { unmeasured ? "— (no seed spread)" : Margin.text(sigmas: sigmas, exact: exact) }

  /// "+3.2σ", "−0.4σ fragile", "NaNσ", "+∞σ"; "0, exactly (no seed spread)" for an exact tie.
  public static func text(sigmas s: Double, exact: Bool = false) -> String {
    if exact { return exactText }
    guard !s.isNaN else { return "NaNσ" }
    guard s.isFinite else { return (s > 0 ? "+∞" : "−∞") + "σ" }
    let magnitude = String(format: abs(s) < 100 ? "%.1f" : "%.0f", abs(s))
    let sign = s < 0 && magnitude != "0.0" ? "−" : "+"
    return sign + magnitude + "σ" + (abs(s) < 1 ? " fragile" : "")
  }
}

extension Margin {
  /// How an exact tie (statistic on the threshold, spread exactly 0) is shown.
  public static let exactText = "0, exactly (no seed spread)"
}

extension Margin: Equatable {
  /// Equal field by field, a NaN equal to a NaN (a stored margin reads back equal to the computed one).
  public static func == (a: Margin, b: Margin) -> Bool {
    same(a.statistic, b.statistic) && same(a.threshold, b.threshold) && same(a.spread, b.spread)
      && a.passes == b.passes && a.what == b.what
  }
}

/// Equal, or both NaN.
func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
