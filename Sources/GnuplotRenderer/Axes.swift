import Figures
import Foundation

/// The axes: a range gnuplot can draw (the fitted range itself is the figure's: `fittedRange` in `Figures`),
/// logscale, and ticks whose labels do not collide.
extension Gnuplot {
  /// A range gnuplot can draw: one whose ends differ as the script writes them (6 significant digits), else
  /// widened around its middle by 5% of it (±1 around 0; a tenth of a decade on a log axis). A constant series,
  /// or one constant to 6 digits, would otherwise stop gnuplot with "empty y range".
  static func drawable(_ range: ClosedRange<Double>, log: Bool) -> ClosedRange<Double> {
    let (low, high) = (range.lowerBound, range.upperBound)
    guard low.isFinite, high.isFinite, !log || low > 0, number(low) == number(high) else { return range }
    if log {
      let middle = (low * high).squareRoot()
      return middle / pow(10, 0.1)...middle * pow(10, 0.1)
    }
    let middle = low / 2 + high / 2
    let margin = middle == 0 ? 1 : max(abs(middle) * 0.05, Double.leastNormalMagnitude)
    return (middle - margin)...(middle + margin)
  }

  /// Logscale, ticks and range for one axis. Log ticks read as powers of ten when the axis spans two
  /// decades or more; a narrower log axis gets plain numbers at the densest of 1…9, 1-2-3-5, 1-2-5, 1-3
  /// or 1 per decade whose labels do not collide (judged on the PDF, the smaller canvas for its font:
  /// `length` is the share of the usual frame the axis has, less when a legend sits beside or below it).
  static func axisSettings(_ axis: String, log: Bool, range: ClosedRange<Double>, length: Double = 1)
    -> [String]
  {
    var out: [String] = []
    if log {
      out.append("set logscale \(axis) 10")
      let (low, high) = (range.lowerBound, range.upperBound)
      if high / low >= 100 {
        out.append("set format \(axis) \"10^{%L}\"")
      } else if let ticks = logTicks(low: low, high: high, horizontal: axis == "x", length: length) {
        out.append("set format \(axis) \"%g\"")
        out.append("set \(axis)tics (\(ticks.map(number).joined(separator: ", ")))")
      } else {
        out.append("set format \(axis) \"%g\"")
      }
    }
    let bound = { (v: Double) in v.isFinite && (!log || v > 0) ? number(v) : "*" }
    out.append("set \(axis)range [\(bound(range.lowerBound)):\(bound(range.upperBound))]")
    return out
  }

  /// Ticks for a log axis over less than two decades: the densest mantissa set (halves and fifths too where
  /// every digit gives fewer than four) whose neighbouring labels
  /// inside the range keep apart, listed over whole decades (gnuplot leaves out those outside the range);
  /// nil when none puts two ticks in the range (an axis narrower than 1 → 1.1: gnuplot's own ticks).
  static func logTicks(low: Double, high: Double, horizontal: Bool, length: Double) -> [Double]? {
    let span = Foundation.log10(high / low)
    guard span > 0 else { return nil }
    let decades =
      Int((Foundation.log10(low)).rounded(.down))...Int((Foundation.log10(high)).rounded(.up))
    // The PDF's frame is about 360 pt wide and 230 pt high; a digit is 5.5 pt wide, a label 10 pt high.
    let axisPoints = (horizontal ? 360.0 : 230.0) * length
    func ticks(_ digits: [Double]) -> [Double] {
      decades.flatMap { k in digits.map { k >= 0 ? $0 * pow(10, Double(k)) : $0 / pow(10, Double(-k)) } }
    }
    func inside(_ ticks: [Double]) -> [Double] { ticks.filter { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) } }
    // Where every digit leaves fewer than four ticks in the frame (8 to 27: 9, 10, 20), halves and fifths
    // come first (10, 12, 15, 20, 25).
    let every: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    let fine: [[Double]] = inside(ticks(every)).count < 4 ? [[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]] : []
    let candidates: [[Double]] = fine + [every, [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]]
    for digits in candidates {
      let all = ticks(digits)
      let shown = inside(all)
      guard shown.count >= 2 else { continue }
      let apart = zip(shown, shown.dropFirst()).allSatisfy { a, b in
        let gap = Foundation.log10(b / a) / span * axisPoints
        let needed =
          horizontal ? 5.5 * Double(number(a).count + number(b).count) / 2 + 8 : 14
        return gap >= needed
      }
      if apart { return all }
    }
    return nil
  }

  /// The given x ticks inside the range, ascending, leaving out one whose label would touch its left
  /// neighbour's (judged on the PDF as for `logTicks`).
  static func dataTicks(_ values: [Double], log: Bool, range: ClosedRange<Double>, length: Double) -> [Double] {
    let inside = Set(values.filter { $0.isFinite && range.contains($0) && (!log || $0 > 0) }).sorted()
    let span = log ? Foundation.log10(range.upperBound / range.lowerBound) : range.upperBound - range.lowerBound
    guard span > 0 else { return inside }
    var kept: [Double] = []
    for v in inside {
      if let last = kept.last {
        let gap = (log ? Foundation.log10(v / last) : v - last) / span * 360 * length
        if gap < 5.5 * Double(number(v).count + number(last).count) / 2 + 8 { continue }
      }
      kept.append(v)
    }
    return kept
  }
}
