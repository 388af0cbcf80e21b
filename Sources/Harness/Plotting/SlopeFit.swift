import Foundation

/// A fitted log-log slope as a figure shows it: the same estimate a `Claim.slope` judges.
public struct SlopeFit: Sendable, Equatable {
  public var slope: Double
  /// Half the width of the 95% confidence interval.
  public var halfWidth: Double
  /// "over 5 seeds" or "of one fit".
  public var over: String
  /// Points with no value to fit (y missing or not positive, or x not positive): the slope is then NaN, and
  /// `text` says how many of `points` were missing, never fitting the rest quietly.
  public var missing: Int = 0
  /// The points the fit was asked to use.
  public var points: Int = 0
  /// The spread of the slope over seeds: the SD of the per-seed slopes, or with one seed the fit's standard error
  /// (NaN when there is none). `Claim.slope`'s margin is in units of it.
  public var spread: Double = .nan

  /// `fit: slope −0.51 ± 0.05 (95% CI over 5 seeds)`, or `fit: none (2 of 20 points missing)`.
  public var text: String {
    guard missing == 0 else { return "fit: none (\(missing) of \(points) points missing or not positive)" }
    return
      "fit: slope \(Self.signed(slope)) ± \(halfWidth.isFinite ? String(format: "%.2f", halfWidth) : "?") (95% CI \(over))"
  }

  static func signed(_ v: Double) -> String {
    guard v.isFinite else { return "NaN" }
    let s = String(format: "%.2f", abs(v))
    return (v < 0 && s != "0.00" ? "−" : "") + s
  }
}
