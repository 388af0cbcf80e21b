/// A bound met by the values of an array pooled over every point (e.g. one value per restart of an
/// attack, over all inputs and seeds).
extension Claim {
  /// At least a fraction `atLeast` of all the values `values` gives, over all points, meets `bound`.
  /// NaN values (e.g. runs a statement does not apply to) are left out.
  public static func pooledFraction(
    _ statement: String, reason: String, of values: @escaping @Sendable (PointResult) -> [Double],
    named name: String, _ bound: Bound, atLeast required: Double
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let pooled = results.points.flatMap(values).filter { !$0.isNaN }
      guard !pooled.isEmpty else { return [] }
      let met = pooled.filter(bound.admits).count
      let share = Double(met) / Double(pooled.count)
      let range = "\(name) from \(formatNumber(pooled.min()!)) to \(formatNumber(pooled.max()!))"
      return [
        Verdict(
          statement: statement, bound: "\(name) \(bound.text) for ≥ \(percent(required)) of values",
          observed: "\(met) of \(pooled.count) values (\(percent(share)); \(range))", value: share,
          holds: share >= required)
      ]
    }
  }
}
