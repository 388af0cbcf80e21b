/// Order statistics and fits for summaries over points and seeds.
///
/// The one rule: a missing value is counted and named, never dropped. A NaN among the values (a missing
/// value: a search that found nothing, a diverged run) makes a quantile, mean or standard deviation NaN,
/// and a non-finite value (NaN or ±∞, e.g. the log of a zero) makes a fit NaN, so it is never averaged or
/// fitted away; a caller that means to leave values out filters them itself and says how many it left
/// out (`Statistics.missing`, `SlopeFit.missing`).
public enum Statistics {
  /// The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics; NaN when empty
  /// or when any value is NaN.
  public static func quantile(_ xs: [Double], _ q: Double) -> Double {
    guard !xs.contains(where: \.isNaN) else { return .nan }
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    let h = q * Double(s.count - 1)
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, s.count - 1)
    let (a, b, fraction) = (s[lo], s[hi], h - Double(lo))
    // An infinite value (a censored count) is a value, not a missing one: at an order statistic, or between
    // two equal infinities, the quantile is that value, not the NaN of 0·∞ or ∞ − ∞.
    if !(a.isFinite && b.isFinite), fraction == 0 || a == b { return a }
    return a + fraction * (b - a)
  }

  public static func median(_ xs: [Double]) -> Double { quantile(xs, 0.5) }

  /// The mean; NaN when empty or when any value is NaN.
  public static func mean(_ xs: [Double]) -> Double {
    xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
  }

  /// How many values are missing (NaN).
  public static func missing(_ xs: [Double]) -> Int { xs.filter(\.isNaN).count }

  /// Least-squares line y = a + b·x: (intercept, slope). NaN with fewer than two pairs, with lists of
  /// different lengths, or when any value is not finite: no pair is dropped.
  public static func linearFit(_ x: [Double], _ y: [Double]) -> (intercept: Double, slope: Double) {
    guard let pairs = completePairs(x, y), pairs.count >= 2 else { return (.nan, .nan) }
    let n = Double(pairs.count)
    let mx = pairs.reduce(0) { $0 + $1.0 } / n
    let my = pairs.reduce(0) { $0 + $1.1 } / n
    var sxy = 0.0
    var sxx = 0.0
    for (a, b) in pairs {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
    }
    let slope = sxy / sxx
    return (my - slope * mx, slope)
  }

  /// Sample standard deviation (n − 1); NaN with fewer than two values or any NaN.
  public static func standardDeviation(_ xs: [Double]) -> Double {
    let s = xs
    guard s.count >= 2 else { return .nan }
    let m = mean(s)
    return (s.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(s.count - 1)).squareRoot()
  }

  /// Least-squares line with the standard error of its slope; NaN as `linearFit` is (no pair is dropped).
  public static func linearFitWithError(_ x: [Double], _ y: [Double]) -> (
    intercept: Double, slope: Double, slopeError: Double
  ) {
    guard let pairs = completePairs(x, y) else { return (.nan, .nan, .nan) }
    let fit = linearFit(pairs.map(\.0), pairs.map(\.1))
    guard pairs.count > 2 else { return (fit.intercept, fit.slope, .nan) }
    let mx = mean(pairs.map(\.0))
    var sxx = 0.0
    var rss = 0.0
    for (a, b) in pairs {
      sxx += (a - mx) * (a - mx)
      let r = b - (fit.intercept + fit.slope * a)
      rss += r * r
    }
    return (fit.intercept, fit.slope, (rss / Double(pairs.count - 2) / sxx).squareRoot())
  }

  /// The (x, y) pairs, or nil when the lists differ in length or a value is not finite.
  static func completePairs(_ x: [Double], _ y: [Double]) -> [(Double, Double)]? {
    guard x.count == y.count, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
    return Array(zip(x, y))
  }

  /// The 97.5% quantile of Student's t (two-sided 95% intervals).
  public static func tQuantile975(degreesOfFreedom k: Int) -> Double {
    let table: [Double] = [
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    guard k >= 1 else { return .infinity }
    if k <= table.count { return table[k - 1] }
    return k <= 60 ? 2.000 : (k <= 120 ? 1.980 : 1.960)
  }
}
