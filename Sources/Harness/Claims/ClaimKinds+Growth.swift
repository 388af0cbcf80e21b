/// A weak ordering for quantities that may plateau: never falling along a sweep, and higher at its end.
extension Claim {
  /// The median over seeds of `value` never decreases along parameter `x` and is larger at the largest x
  /// than at the smallest by a factor of at least `factor` (counts that stay at 1 before they grow satisfy
  /// it; `ordering` would not). A level with a missing value or an infinite median fails the verdict, and so
  /// does a factor > 1 when the median at the smallest x is not positive (the ratio would be ∞ or negative).
  /// One verdict per combination of the `per` parameters.
  public static func growth(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    along x: String, per groups: [String] = [], byAtLeast factor: Double = 1
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).map { group in
        let (levels, missing) = medians(group.points, value, along: x)
        let ys = levels.map(\.y)
        let never = zip(ys, ys.dropFirst()).allSatisfy { $0 <= $1 }
        let ratio = ys.last.map { l in ys.first.map { l / $0 } ?? .nan } ?? .nan
        let grows = factor > 1 ? ratio >= factor : ys.last! > ys.first!
        let infinite = infiniteText(levels, along: x)
        // A ratio from a first median that is 0 or negative is no growth factor (0 gives ∞, which would pass).
        let undefined =
          factor > 1 && !(ys.first! > 0) && ys.first!.isFinite
          ? "; the median at the smallest \(x) is \(formatNumber(ys.first!)), so last/first measures no growth" : ""
        let holds = levels.count >= 2 && never && grows && missing == 0 && infinite.isEmpty && undefined.isEmpty
        let bound =
          factor > 1
          ? "non-decreasing in \(x), last/first ≥ \(formatNumber(factor)) (medians over seeds)"
          : "non-decreasing in \(x), last > first (medians over seeds)"
        return Verdict(
          statement: statement + label(groups, group.key), bound: bound,
          observed: ys.map(formatNumber).joined(separator: never ? " ≤ " : ", ")
            + (factor > 1 ? " (last/first = \(formatNumber(ratio)))" : "")
            + missingText(missing, of: group.points.count, what: "points missing (NaN)") + infinite + undefined,
          value: factor > 1 ? ratio : (ys.last.map { l in ys.first.map { l - $0 } ?? .nan } ?? .nan),
          valueIs: factor > 1
            ? "the median at the largest \(x) over the median at the smallest"
            : "the median at the largest \(x) minus the median at the smallest",
          holds: holds,
          margin: factor > 1
            ? ratioMargin(levels, groups: levelSeedGroups(group.points, value, along: x), factor: factor)
            : stepMargin(
              levels, groups: levelSeedGroups(group.points, value, along: x), .increasing, strict: false, along: x))
      }
    }
  }
}
