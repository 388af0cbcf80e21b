/// A bound met by the values of an array pooled over every point (e.g. one value per restart of an
/// attack, over all inputs and seeds).
extension Claim {
  /// At least a fraction `atLeast` of all the values `values` gives, over all points, meets `bound`.
  /// `values` returns only the values the statement is about (e.g. the converged restarts'); a NaN
  /// among them is a missing value and counts as not met.
  public static func pooledFraction(
    _ statement: String, reason: String, of values: @escaping @Sendable (PointResult) -> [Double],
    named name: String, _ bound: Bound, atLeast required: Double
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let arrays = results.points.map(values)
      let pooled = arrays.flatMap { $0 }
      guard !pooled.isEmpty else { return [] }
      // The spread of one pooled value (element j of a point's array) over the seeds of its point.
      let spread = SeedSpread(results.points.seedGroups(ofArrays: arrays))
      return [
        shareVerdict(statement, values: pooled, name: name, bound, required: required, unit: "values", spread: spread)
      ]
    }
  }
}
