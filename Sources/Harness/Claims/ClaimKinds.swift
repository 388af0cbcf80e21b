import Foundation

/// The kinds of claims modules state: a fitted power law, a bound met at most
/// points, an ordering along a sweep, and a comparison of two measurements.
///
/// A missing value (NaN: a search that found nothing, an attack that returned nothing, a run that
/// diverged) is a failed point, never dropped: it is counted, named in the observed text, and fails
/// the claim when there are more than the claim allows (`allowingMissing`, by default none).
extension Claim {
  /// The log-log slope of `y` against parameter `x` lies in `band`: the 95% confidence interval of the
  /// slope (over seeds: one fit per seed; with one seed, the fit's own standard error) must lie inside.
  /// One verdict per combination of the `per` parameters. A point whose y is missing or not positive
  /// fails the verdict.
  public static func slope(
    _ statement: String, reason: String, of y: @escaping @Sendable (PointResult) -> Double,
    against x: String, per groups: [String] = [], within band: ClosedRange<Double>
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).map { group -> Verdict in
        let fit = slopeFit(group.points, of: y, against: x)
        let bad = fit.missing
        let (center, halfWidth) = (fit.slope, fit.halfWidth)
        let inside =
          center.isFinite && halfWidth.isFinite && band.contains(center - halfWidth)
          && band.contains(center + halfWidth)
        return Verdict(
          statement: statement + label(groups, group.key),
          bound: "slope in [\(formatNumber(band.lowerBound)), \(formatNumber(band.upperBound))]",
          observed: "\(formatNumber(center)) ± \(formatNumber(halfWidth)) (95% CI \(fit.over))"
            + missingText(bad, of: group.points.count, what: "points without a positive value (none is dropped)"),
          value: center,
          valueIs: fit.over == "of one fit"
            ? "the log-log slope against \(x): one least-squares fit"
            : "the log-log slope against \(x): the mean of one least-squares fit per seed",
          holds: inside && bad == 0, margin: slopeMargin(fit, band))
      }
    }
  }

  /// The margin of a slope: the mean slope against the nearer band edge, in units of the SD of the per-seed slopes
  /// (one seed: the fit's standard error).
  static func slopeMargin(_ fit: SlopeFit, _ band: ClosedRange<Double>) -> Margin {
    let c = fit.slope
    let lower = c.isNaN || c - band.lowerBound <= band.upperBound - c
    return Margin(
      statistic: c, threshold: lower ? band.lowerBound : band.upperBound, spread: fit.spread,
      passes: lower ? .above : .below,
      what: "the mean slope against the nearer band edge; spread: "
        + (fit.over == "of one fit"
          ? "one seed: the fit's standard error" : "the SD of the per-seed slopes (\(fit.over))"))
  }

  /// The log-log slope of `y` against parameter `x` over `points`, as `slope` judges it: one least-squares
  /// fit per seed and the 95% confidence interval of their mean (t over the seeds); with one seed, the fit's
  /// own standard error. A figure that shows a claimed slope computes it here, from the claim's points.
  /// A point whose x or y is missing, infinite or not positive is counted in `missing` and makes the slope
  /// NaN: the fit never comes quietly from fewer points.
  public static func slopeFit(
    _ points: [PointResult], of y: (PointResult) -> Double, against x: String
  ) -> SlopeFit {
    let missing = points.filter { p in
      let (a, b) = (p.real(x), y(p))
      return !(a > 0 && a.isFinite && b > 0 && b.isFinite)
    }.count
    let fits = points.grouped(by: ["seed"]).map { seed in
      let xs = seed.points.map { log($0.real(x)) }
      let ys = seed.points.map { log(y($0)) }
      return Statistics.linearFit(xs, ys)
    }
    let slopes = fits.map(\.slope)
    let (center, halfWidth, spread): (Double, Double, Double)
    if slopes.count >= 2 {
      center = Statistics.mean(slopes)
      spread = Statistics.standardDeviation(slopes)
      halfWidth =
        Statistics.tQuantile975(degreesOfFreedom: slopes.count - 1) * spread / Double(slopes.count).squareRoot()
    } else {
      let fit = Statistics.linearFitWithError(points.map { log($0.real(x)) }, points.map { log(y($0)) })
      center = fit.slope
      spread = fit.slopeError
      halfWidth =
        fit.slopeError.isFinite && points.count > 2
        ? Statistics.tQuantile975(degreesOfFreedom: points.count - 2) * fit.slopeError : .infinity
    }
    return SlopeFit(
      slope: missing > 0 ? .nan : center, halfWidth: missing > 0 ? .nan : halfWidth,
      over: slopes.count >= 2 ? "over \(slopes.count) seeds" : "of one fit", missing: missing, points: points.count,
      spread: spread)
  }

  /// How a value is held against a bound.
  public enum Bound: Sendable {
    case below(Double)
    case above(Double)
    case within(ClosedRange<Double>)

    func admits(_ v: Double) -> Bool {
      switch self {
      case .below(let b): return v < b
      case .above(let b): return v > b
      case .within(let r): return r.contains(v)
      }
    }

    var text: String {
      switch self {
      case .below(let b): return "< \(formatNumber(b))"
      case .above(let b): return "> \(formatNumber(b))"
      case .within(let r) where r.lowerBound == r.upperBound: return "= \(formatNumber(r.lowerBound))"
      case .within(let r): return "in [\(formatNumber(r.lowerBound)), \(formatNumber(r.upperBound))]"
      }
    }
  }

  /// `value` (one number per sweep point, e.g. a ratio to the predicted size) meets `bound` at
  /// a fraction of at least `atLeast` of the sweep points the claim is about (`where`, by default all).
  /// A missing value counts as a point that does not meet the bound.
  public static func fraction(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    named name: String, _ bound: Bound, atLeast required: Double,
    where applies: @escaping @Sendable (PointResult) -> Bool = { _ in true }
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let points = results.points.filter(applies)
      let values = points.map(value)
      guard !values.isEmpty else { return [] }
      let spread = SeedSpread(points.seedGroups().map { $0.map { values[$0] } })
      return [
        shareVerdict(statement, values: values, name: name, bound, required: required, unit: "points", spread: spread)
      ]
    }
  }

  /// The verdict of a share-of-values claim; NaNs count against it and are named. Its margin: the critical value
  /// against the bound's edge, in units of `spread` (`shareMargin`).
  static func shareVerdict(
    _ statement: String, values: [Double], name: String, _ bound: Bound, required: Double, unit: String,
    spread: SeedSpread
  ) -> Verdict {
    let finite = values.filter { !$0.isNaN }
    let missing = values.count - finite.count
    let met = finite.filter(bound.admits).count
    let share = Double(met) / Double(values.count)
    let (low, high) = (finite.min().map(formatNumber), finite.max().map(formatNumber))
    let range =
      finite.isEmpty ? "no value" : low == high ? "\(name) = \(low!) at all" : "\(name) from \(low!) to \(high!)"
    return Verdict(
      statement: statement, bound: "\(name) \(bound.text) \(atLeast(required, of: unit))",
      observed: "\(met) of \(values.count) \(unit) (\(percent(share)); \(range))"
        + missingText(missing, of: values.count, what: "missing (NaN), counted as not met"),
      value: share, valueIs: "the share of \(unit) meeting the bound (a missing value counts as not met)",
      holds: share >= required, margin: shareMargin(values, bound, required: required, spread: spread, name: name))
  }

  public enum Direction: String, Sendable {
    case increasing, decreasing
  }

  /// The median over seeds of `value` changes monotonically along parameter `x`. One verdict per group.
  /// A level with a missing value fails the verdict.
  public static func ordering(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    along x: String, per groups: [String] = [], _ direction: Direction
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).map { group in
        let (levels, missing) = medians(group.points, value, along: x)
        let ys = levels.map(\.y)
        let steps = zip(ys, ys.dropFirst())
        let monotone = steps.allSatisfy { direction == .increasing ? $0 < $1 : $0 > $1 }
        let infinite = infiniteText(levels, along: x)
        let holds = levels.count >= 2 && monotone && missing == 0 && infinite.isEmpty
        let sign = direction == .increasing ? " < " : " > "
        return Verdict(
          statement: statement + label(groups, group.key),
          bound: "\(direction.rawValue) in \(x) (medians over seeds)",
          observed: ys.map(formatNumber).joined(separator: monotone ? sign : ", ")
            + missingText(missing, of: group.points.count, what: "points missing (NaN)") + infinite,
          value: ys.last.map { l in ys.first.map { l / $0 } ?? .nan } ?? .nan,
          valueIs: "the median at the largest \(x) over the median at the smallest", holds: holds,
          margin: stepMargin(levels, groups: levelSeedGroups(group.points, value, along: x), direction, along: x))
      }
    }
  }

  /// "; the median at x = 4 is ∞, not a measured value" when a level's median is infinite (e.g. a censored
  /// count where most runs never finished: ∞ would pass any "grows" or "increases"), else "".
  static func infiniteText(_ levels: [(x: Double, y: Double)], along x: String) -> String {
    let infinite = levels.filter(\.y.isInfinite)
    guard !infinite.isEmpty else { return "" }
    return "; the median at \(x) = \(infinite.map { formatNumber($0.x) }.joined(separator: ", ")) "
      + (infinite.count == 1 ? "is" : "are") + " infinite, not a measured value"
  }

  /// The median over seeds at each level of `x`, in increasing x, and how many values were NaN.
  /// A level with a NaN has a NaN median: a missing point is never averaged away.
  static func medians(_ points: [PointResult], _ value: (PointResult) -> Double, along x: String) -> (
    levels: [(x: Double, y: Double)], missing: Int
  ) {
    var missing = 0
    let levels = points.grouped(by: [x]).map { level -> (x: Double, y: Double) in
      let ys = level.points.map(value)
      let nan = ys.filter(\.isNaN).count
      missing += nan
      return (level.points[0].real(x), nan > 0 ? .nan : Statistics.median(ys))
    }.sorted { $0.x < $1.x }
    return (levels, missing)
  }

  static func label(_ names: [String], _ key: [Value]) -> String {
    names.isEmpty ? "" : " (" + zip(names, key).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
  }
}

func percent(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }

/// "for all points", "for ≥ 90% of points".
func atLeast(_ required: Double, of unit: String) -> String {
  required >= 1 ? "for all \(unit)" : "for ≥ \(percent(required)) of \(unit)"
}

/// "; 3 of 40 pairs missing …" or "" when nothing is missing.
func missingText(_ missing: Int, of total: Int, what: String) -> String {
  missing == 0 ? "" : "; \(missing) of \(total) \(what)"
}
