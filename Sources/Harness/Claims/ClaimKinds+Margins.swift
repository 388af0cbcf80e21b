import Foundation

// The margins of the generic claim kinds (`Margin`): the statistic each verdict turns on, the threshold it is held
// against, and the spread of that statistic over seeds, pooled within points.

/// The pooled within-point spread across seeds: the root mean square of the standard deviations of groups of
/// values, each group one point's values over its seeds (points grouped by every parameter except `seed`).
struct SeedSpread {
  /// NaN when no group has two finite values (one seed per point).
  var sd: Double
  /// The groups with at least two finite values, which the spread pools.
  var groups: Int
  /// Non-finite values (NaN, ±∞) left out of the standard deviations; each still counts in its verdict.
  var leftOut: Int

  init(_ groups: [[Double]]) {
    var squares: [Double] = []
    leftOut = 0
    for group in groups {
      let finite = group.filter(\.isFinite)
      leftOut += group.count - finite.count
      if finite.count >= 2 { squares.append(pow(Statistics.standardDeviation(finite), 2)) }
    }
    sd = squares.isEmpty ? .nan : Statistics.mean(squares).squareRoot()
    self.groups = squares.count
  }

  /// "the pooled within-point SD over seeds (root mean square over 12 points)" or "one seed: no spread".
  var words: String {
    guard groups > 0 else { return "one seed: no spread" }
    return "the pooled within-point SD over seeds (root mean square over \(groups) point\(groups == 1 ? "" : "s"))"
      + (leftOut > 0 ? "; \(leftOut) non-finite value\(leftOut == 1 ? "" : "s") left out of the spread" : "")
  }
}

extension Array where Element == PointResult {
  /// The indices of the points, grouped by every parameter except `seed` (one group per point of the sweep,
  /// holding its seeds), in order of appearance.
  func seedGroups() -> [[Int]] {
    guard let first = self.first else { return [] }
    let names = first.values.map(\.name).filter { $0 != "seed" }
    var order: [[Value]] = []
    var groups: [[Value]: [Int]] = [:]
    for (k, p) in enumerated() {
      let key = names.map { p.value($0) ?? .text("") }
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(k)
    }
    return order.map { groups[$0]! }
  }

  /// Per group of seeds (`seedGroups`), the values of element j of every seed's array, for each j: the groups
  /// whose spread is that of one pooled value (one restart, one pair) over seeds.
  func seedGroups(ofArrays arrays: [[Double]]) -> [[Double]] {
    seedGroups().flatMap { group -> [[Double]] in
      let longest = group.map { arrays[$0].count }.max() ?? 0
      return (0..<longest).map { j in group.compactMap { j < arrays[$0].count ? arrays[$0][j] : nil } }
    }
  }
}

extension Claim {
  /// The margin of a share claim: the critical value (the value at the rank the required share must meet, i.e. the
  /// worst value that still has to meet the bound; a NaN is worst) against the bound's edge, in units of `spread`.
  /// Nil when the required share is 0 (nothing must meet the bound) or above 1 (nothing can), and for an equality
  /// (`= 1`: a value is on its threshold or off it, with no distance to measure).
  static func shareMargin(_ values: [Double], _ bound: Bound, required: Double, spread: SeedSpread, name: String)
    -> Margin?
  {
    let n = values.count
    if case .within(let r) = bound, r.lowerBound == r.upperBound { return nil }
    guard n > 0, required > 0, let k = (1...n).first(where: { Double($0) / Double(n) >= required }) else {
      return nil
    }
    // How far inside the bound a value is (larger is better); NaN for a missing value, ranked last.
    let slack: (Double) -> Double
    switch bound {
    case .below(let b): slack = { b - $0 }
    case .above(let b): slack = { $0 - b }
    case .within(let r): slack = { min($0 - r.lowerBound, r.upperBound - $0) }
    }
    let ranked = values.sorted { a, b in
      let (x, y) = (slack(a), slack(b))
      return y.isNaN ? !x.isNaN : x > y
    }
    let critical = ranked[k - 1]
    let (threshold, side): (Double, Margin.Side)
    switch bound {
    case .below(let b): (threshold, side) = (b, .below)
    case .above(let b): (threshold, side) = (b, .above)
    case .within(let r):
      (threshold, side) =
        critical - r.lowerBound <= r.upperBound - critical || critical.isNaN
        ? (r.lowerBound, .above) : (r.upperBound, .below)
    }
    return Margin(
      statistic: critical, threshold: threshold, spread: spread.sd, passes: side,
      what:
        "\(name) at rank \(k) of \(n), ranked from best to worst (the worst value that must still meet the bound) against \(formatNumber(threshold)); spread: \(spread.words)"
    )
  }

  /// The margin of a growth by a factor: last/first median against the factor, in units of the pooled seed spread
  /// s at the first and last levels propagated to the ratio, s/|first|·√(1 + ratio²).
  static func ratioMargin(_ levels: [(x: Double, y: Double)], groups: [[[Double]]], factor: Double) -> Margin? {
    guard levels.count >= 2, groups.count == levels.count else { return nil }
    let (first, last) = (levels.first!.y, levels.last!.y)
    let ratio = last / first
    let spread = SeedSpread(groups.first! + groups.last!)
    return Margin(
      statistic: ratio, threshold: factor, spread: spread.sd / abs(first) * (1 + ratio * ratio).squareRoot(),
      passes: .above,
      what:
        "last/first median against the factor \(formatNumber(factor)); spread: \(spread.words) at the first and last levels, s, propagated to the ratio as s/|first|·√(1 + ratio²)"
    )
  }

  /// The values at each level of `x` (increasing, as `medians` orders them), grouped by seeds within the level.
  static func levelSeedGroups(_ points: [PointResult], _ value: (PointResult) -> Double, along x: String)
    -> [[[Double]]]
  {
    points.grouped(by: [x]).map { level in (level.points[0].real(x), level.points) }.sorted { $0.0 < $1.0 }.map {
      _, members in members.seedGroups().map { group in group.map { value(members[$0]) } }
    }
  }
}
