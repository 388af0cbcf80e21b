/// A pairwise comparison of two measurements (e.g. two attacks' radii per training point).
extension Claim {
  /// Measurement A is at most B·(1 + slack), pairwise (e.g. per training point), for a fraction of at
  /// least `atLeast` of the pairs. A pair with a missing side (an attack that found nothing) is not met.
  public static func comparison(
    _ statement: String, reason: String,
    _ a: (name: String, values: @Sendable (PointResult) -> [Double]),
    atMost b: (name: String, values: @Sendable (PointResult) -> [Double]),
    slack: Double = 0, atLeast required: Double
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      var pairs: [(Double, Double)] = []
      var excess: [[Double]] = []
      var uneven: [String] = []
      for p in results.points {
        let (xa, xb) = (a.values(p), b.values(p))
        if xa.count != xb.count { uneven.append("point \(p.index): \(xa.count) vs \(xb.count)") }
        pairs += zip(xa, xb)
        excess.append(zip(xa, xb).map { $0 - $1 * (1 + slack) })
      }
      // Arrays of different lengths cannot be paired: refuse rather than cut the longer one.
      guard uneven.isEmpty else {
        return [
          Verdict(
            statement: statement, bound: "\(a.name) ≤ \(b.name) \(atLeast(required, of: "pairs"))",
            observed:
              "not comparable: \(a.name) and \(b.name) differ in length at \(uneven.count) of \(results.points.count) points (\(uneven.prefix(3).joined(separator: "; ")))",
            value: .nan, valueIs: "NaN: the two measurements could not be paired", holds: false)
        ]
      }
      guard !pairs.isEmpty else { return [] }
      let complete = pairs.filter { !$0.0.isNaN && !$0.1.isNaN }
      let missing = pairs.count - complete.count
      let met = complete.filter { $0.0 <= $0.1 * (1 + slack) }.count
      let share = Double(met) / Double(pairs.count)
      let ratio = Statistics.median(complete.map { $0.0 / $0.1 })
      let tolerance = slack > 0 ? "·(1 + \(formatNumber(slack)))" : ""
      return [
        Verdict(
          statement: statement, bound: "\(a.name) ≤ \(b.name)\(tolerance) \(atLeast(required, of: "pairs"))",
          observed:
            "\(met) of \(pairs.count) pairs (\(percent(share))); median \(a.name)/\(b.name) = \(formatNumber(ratio))"
            + missingText(missing, of: pairs.count, what: "pairs with a missing value, counted as not met"),
          value: share, valueIs: "the share of pairs with A ≤ B·(1 + slack) (a pair with a missing side is not met)",
          holds: share >= required,
          margin: shareMargin(
            excess.flatMap { $0 }, .below(0), required: required,
            spread: SeedSpread(results.points.seedGroups(ofArrays: excess)),
            name: "\(a.name) − \(b.name)\(tolerance)"))
      ]
    }
  }
}
