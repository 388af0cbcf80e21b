import Foundation

// The margin of an ordering along a sweep (`Claim.ordering`: strictly monotone medians) and of a growth without a
// factor (`Claim.growth`: non-decreasing medians, last > first): how far the verdict is from flipping, in units of
// the seed spread, as the nearest of the conditions it turns on.

extension Claim {
  /// The margin of an ordering (`strict`: every step between consecutive medians > 0 in `direction`) or of a growth
  /// without a factor (not strict: every step ≥ 0, and last − first > 0): each condition's distance from its
  /// threshold 0 in units of the pooled seed spread of the levels it compares, and the nearest one (the most
  /// negative when the verdict fails: how far it is from passing) is the margin. A NaN step is nearest.
  ///
  /// On a plateau of a growth, a step that is exactly 0 with a spread exactly 0 at both its levels (every seed the
  /// same value, e.g. a count at 0 or 1 throughout) is no risk to "non-decreasing": no seed-sized change moves it,
  /// so it is left out (the text says how many); "last > first" always counts. When the nearest condition is itself
  /// such an exact tie (last = first, or a strict step of 0, with no spread), the margin is exact (`Margin.exact`).
  static func stepMargin(
    _ levels: [(x: Double, y: Double)], groups: [[[Double]]], _ direction: Direction, strict: Bool = true,
    along x: String
  ) -> Margin? {
    guard levels.count >= 2, groups.count == levels.count else { return nil }
    let sign = direction == .increasing ? 1.0 : -1.0
    var conditions: [Margin] = []
    var ties = 0
    for i in 0..<levels.count - 1 {
      let step = sign * (levels[i + 1].y - levels[i].y)
      let spread = SeedSpread(groups[i] + groups[i + 1])
      if !strict && step == 0 && spread.sd == 0 {
        ties += 1
        continue
      }
      conditions.append(
        Margin(
          statistic: step, threshold: 0, spread: spread.sd, passes: .above,
          what:
            "the step between consecutive medians in the claimed direction (\(x) = \(formatNumber(levels[i].x)) → \(formatNumber(levels[i + 1].x))) against 0; spread: \(spread.words) at those two levels"
        ))
    }
    if !strict {
      let (first, last) = (levels.first!, levels.last!)
      let spread = SeedSpread(groups.first! + groups.last!)
      conditions.append(
        Margin(
          statistic: sign * (last.y - first.y), threshold: 0, spread: spread.sd, passes: .above,
          what:
            "last − first median (\(x) = \(formatNumber(first.x)) → \(formatNumber(last.x))) against 0; spread: \(spread.words) at the first and last levels"
        ))
    }
    // Nearest: a NaN statistic first, then the smallest sigmas (an exact tie counts as 0, a NaN spread last).
    func rank(_ m: Margin) -> Double {
      m.statistic.isNaN ? -.infinity : m.exact ? 0 : m.sigmas.isNaN ? .infinity : m.sigmas
    }
    var nearest = conditions.min { rank($0) < rank($1) }!
    let kind =
      strict ? "of \(conditions.count) steps" : "of \(conditions.count) conditions (the steps ≥ 0, last > first)"
    let left =
      ties == 0
      ? ""
      : "; \(ties) step\(ties == 1 ? "" : "s") of exactly 0 with no seed spread (a plateau no seed can break) left out"
    nearest.what = "the nearest \(kind): " + nearest.what + left
    return nearest
  }
}
