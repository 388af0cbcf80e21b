import Foundation

/// What a stored sensitivity may say (issue 21, item 15). `repro diff` takes every tolerance from it, so a
/// file with an absurd safety factor or an infinite move would let any regression pass: such a file is
/// refused, with one line naming the value and the fix, and `repro sensitivity` never writes one.
extension SensitivityReport {
  /// The safety factors a report may carry: the harness writes `safetyFactor` (10); a factor below 1 would
  /// fail rounding itself, and one above 1,000 would pass a regression a thousand times the rounding.
  public static let safetyFactors: ClosedRange<Double> = 1...1000

  /// Why the report cannot be trusted, or nil when it can. A move is relative to the larger of the two
  /// values, so it lies in [0, 2]; absolute moves must be finite and non-negative.
  public var refusal: String? {
    guard safetyFactor.isFinite, Self.safetyFactors.contains(safetyFactor) else {
      return
        "its safetyFactor \(formatNumber(safetyFactor)) is outside \(formatNumber(Self.safetyFactors.lowerBound))…\(formatNumber(Self.safetyFactors.upperBound))"
    }
    for (row, levels) in rows.sorted(by: { $0.key < $1.key }) {
      guard row.hasPrefix("/"), !row.contains("\n") else { return "it names a dataset '\(row)' that is not a path" }
      for (level, move) in levels.sorted(by: { $0.key < $1.key }) {
        guard ComparisonLevel(rawValue: level) != nil else {
          return
            "\(row) has a level '\(level)' that is none of \(ComparisonLevel.allCases.map(\.rawValue).joined(separator: ", "))"
        }
        if let why = Self.refusal(move) { return "the \(level) move of \(row) \(why)" }
      }
    }
    for claim in claims {
      if let why = Self.refusal(claim.movement) {
        return "the move of claim c\(String(format: "%03d", claim.index)) \(why)"
      }
    }
    return nil
  }

  static func refusal(_ m: Movement) -> String? {
    guard m.absolute.isFinite, m.absolute >= 0 else {
      return "is \(formatNumber(m.absolute)) absolute, not a finite move"
    }
    guard m.relative.isFinite, (0...2).contains(m.relative) else {
      return "is \(formatNumber(m.relative)) relative, not a move between 0 and 2"
    }
    return nil
  }
}
