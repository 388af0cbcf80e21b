import Foundation

/// Numbers in claims: 3 significant digits, no exponent for ordinary sizes.
public func formatNumber(_ x: Double) -> String {
  guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
  if x != 0 && (abs(x) >= 1e5 || abs(x) < 1e-3) { return String(format: "%.3g", x) }
  var s = String(format: "%.3g", x)
  if s.contains("e") { s = String(format: "%.4f", x) }
  return s
}
