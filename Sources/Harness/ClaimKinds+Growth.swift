/// A weak ordering for quantities that may plateau: never falling along a sweep, and higher at its end.
extension Claim {
  /// The median over seeds of `value` never decreases along parameter `x` and is larger at the largest x
  /// than at the smallest (counts that stay at 1 before they grow satisfy it; `ordering` would not).
  /// One verdict per combination of the `per` parameters.
  public static func growth(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    along x: String, per groups: [String] = []
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).map { group in
        let levels = group.points.grouped(by: [x]).map { level in
          (x: level.points[0].real(x), y: Statistics.median(level.points.map(value)))
        }.sorted { $0.x < $1.x }
        let ys = levels.map(\.y)
        let never = zip(ys, ys.dropFirst()).allSatisfy { $0 <= $1 }
        let holds = levels.count >= 2 && never && ys.last! > ys.first!
        return Verdict(
          statement: statement + label(groups, group.key),
          bound: "non-decreasing in \(x), last > first (medians over seeds)",
          observed: ys.map(formatNumber).joined(separator: never ? " ≤ " : ", "),
          value: ys.last.map { l in ys.first.map { l - $0 } ?? .nan } ?? .nan, holds: holds)
      }
    }
  }
}
