import Foundation

/// The kinds of claims modules state: a fitted power law, a bound met at most
/// points, an ordering along a sweep, and a comparison of two measurements.
extension Claim {
  /// The log-log slope of `y` against parameter `x` lies in `band`: the 95% confidence interval of the
  /// slope (over seeds: one fit per seed; with one seed, the fit's own standard error) must lie inside.
  /// One verdict per combination of the `per` parameters.
  public static func slope(
    _ statement: String, reason: String, of y: @escaping @Sendable (PointResult) -> Double,
    against x: String, per groups: [String] = [], within band: ClosedRange<Double>
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).compactMap { group -> Verdict? in
        let fits = group.points.grouped(by: ["seed"]).map { seed in
          let xs = seed.points.map { log($0.real(x)) }
          let ys = seed.points.map { log(y($0)) }
          return Statistics.linearFit(xs, ys)
        }
        let slopes = fits.map(\.slope).filter(\.isFinite)
        guard !slopes.isEmpty else { return nil }
        let (center, halfWidth): (Double, Double)
        if slopes.count >= 2 {
          center = Statistics.mean(slopes)
          let sd = Statistics.standardDeviation(slopes)
          halfWidth =
            Statistics.tQuantile975(degreesOfFreedom: slopes.count - 1) * sd / Double(slopes.count).squareRoot()
        } else {
          let only = group.points
          let fit = Statistics.linearFitWithError(only.map { log($0.real(x)) }, only.map { log(y($0)) })
          center = fit.slope
          halfWidth =
            fit.slopeError.isFinite && only.count > 2
            ? Statistics.tQuantile975(degreesOfFreedom: only.count - 2) * fit.slopeError : .infinity
        }
        let interval = (center - halfWidth)...(center + halfWidth)
        let over = slopes.count >= 2 ? "over \(slopes.count) seeds" : "of one fit"
        return Verdict(
          statement: statement + label(groups, group.key),
          bound: "slope in [\(formatNumber(band.lowerBound)), \(formatNumber(band.upperBound))]",
          observed: "\(formatNumber(center)) ± \(formatNumber(halfWidth)) (95% CI \(over))",
          value: center, holds: band.contains(interval.lowerBound) && band.contains(interval.upperBound))
      }
    }
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
      case .within(let r): return "in [\(formatNumber(r.lowerBound)), \(formatNumber(r.upperBound))]"
      }
    }
  }

  /// `value` (one number per sweep point, e.g. a ratio to the predicted size) meets `bound` at
  /// a fraction of at least `atLeast` of the sweep points.
  public static func fraction(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    named name: String, _ bound: Bound, atLeast required: Double
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let values = results.points.map(value).filter { !$0.isNaN }
      guard !values.isEmpty else { return [] }
      let met = values.filter(bound.admits).count
      let share = Double(met) / Double(values.count)
      let range = "\(name) from \(formatNumber(values.min()!)) to \(formatNumber(values.max()!))"
      return [
        Verdict(
          statement: statement, bound: "\(name) \(bound.text) at ≥ \(percent(required)) of points",
          observed: "\(percent(share)) of \(values.count) points (\(range))", value: share,
          holds: share >= required)
      ]
    }
  }

  public enum Direction: String, Sendable {
    case increasing, decreasing
  }

  /// The median over seeds of `value` changes monotonically along parameter `x`. One verdict per group.
  public static func ordering(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    along x: String, per groups: [String] = [], _ direction: Direction
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      results.grouped(by: groups).map { group in
        let levels = group.points.grouped(by: [x]).map { level in
          (x: level.points[0].real(x), y: Statistics.median(level.points.map(value)))
        }.sorted { $0.x < $1.x }
        let ys = levels.map(\.y)
        let steps = zip(ys, ys.dropFirst())
        let holds =
          levels.count >= 2
          && steps.allSatisfy { direction == .increasing ? $0 < $1 : $0 > $1 }
        let sign = direction == .increasing ? " < " : " > "
        return Verdict(
          statement: statement + label(groups, group.key),
          bound: "\(direction.rawValue) in \(x) (medians over seeds)",
          observed: ys.map(formatNumber).joined(separator: holds ? sign : ", "),
          value: ys.last.map { l in ys.first.map { l / $0 } ?? .nan } ?? .nan, holds: holds)
      }
    }
  }

  /// Measurement A is at most B·(1 + slack), pairwise (e.g. per training point), for a fraction of at
  /// least `atLeast` of the pairs.
  public static func comparison(
    _ statement: String, reason: String,
    _ a: (name: String, values: @Sendable (PointResult) -> [Double]),
    atMost b: (name: String, values: @Sendable (PointResult) -> [Double]),
    slack: Double = 0, atLeast required: Double
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      var pairs: [(Double, Double)] = []
      for p in results.points {
        pairs += zip(a.values(p), b.values(p)).filter { !$0.0.isNaN && !$0.1.isNaN }
      }
      guard !pairs.isEmpty else { return [] }
      let met = pairs.filter { $0.0 <= $0.1 * (1 + slack) }.count
      let share = Double(met) / Double(pairs.count)
      let ratio = Statistics.median(pairs.map { $0.0 / $0.1 })
      let tolerance = slack > 0 ? "·(1 + \(formatNumber(slack)))" : ""
      return [
        Verdict(
          statement: statement, bound: "\(a.name) ≤ \(b.name)\(tolerance) for ≥ \(percent(required)) of pairs",
          observed: "\(percent(share)) of \(pairs.count) pairs; median \(a.name)/\(b.name) = \(formatNumber(ratio))",
          value: share, holds: share >= required)
      ]
    }
  }

  static func label(_ names: [String], _ key: [Value]) -> String {
    names.isEmpty ? "" : " (" + zip(names, key).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
  }
}

func percent(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }
