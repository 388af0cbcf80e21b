/// Order statistics for summaries over points and seeds. NaNs are dropped.
public enum Statistics {
  /// The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics; NaN when empty.
  public static func quantile(_ xs: [Double], _ q: Double) -> Double {
    let s = xs.filter { !$0.isNaN }.sorted()
    guard !s.isEmpty else { return .nan }
    let h = q * Double(s.count - 1)
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, s.count - 1)
    return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
  }

  public static func median(_ xs: [Double]) -> Double { quantile(xs, 0.5) }

  public static func mean(_ xs: [Double]) -> Double {
    let s = xs.filter { !$0.isNaN }
    return s.isEmpty ? .nan : s.reduce(0, +) / Double(s.count)
  }

  /// Least-squares line y = a + b·x: (intercept, slope).
  public static func linearFit(_ x: [Double], _ y: [Double]) -> (intercept: Double, slope: Double) {
    let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
    let n = Double(pairs.count)
    guard n >= 2 else { return (.nan, .nan) }
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
}
