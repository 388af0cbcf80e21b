import Foundation
import Harness

/// A power law y = a·x^k against an exponential y = a·e^{b·x}, both fitted by least squares to log y on the same
/// points (log x and x as the regressor): the residual sums of squares of log y say which growth the data follow.
/// Each model has two parameters, so the sums compare directly.
struct GrowthFit: Sendable, Equatable {
  /// k of the power law (the log-log slope).
  var exponent: Double
  /// b of the exponential (the slope of log y against x).
  var rate: Double
  /// Σ residual² of log y against log x.
  var powerResidual: Double
  /// Σ residual² of log y against x.
  var exponentialResidual: Double

  /// log₁₀ of the power law's residual over the exponential's: negative when the power law fits better; 0 when both
  /// fit exactly (e.g. a constant y: the data cannot tell them apart); NaN when a y is not finite and positive.
  var logRatio: Double {
    guard powerResidual.isFinite && exponentialResidual.isFinite else { return .nan }
    let tiny = 1e-24
    return log10(max(powerResidual, tiny) / max(exponentialResidual, tiny))
  }

  init(_ x: [Double], _ y: [Double]) {
    precondition(x.count == y.count, "GrowthFit: \(x.count) x for \(y.count) y")
    guard x.count >= 3, zip(x, y).allSatisfy({ $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }) else {
      (exponent, rate, powerResidual, exponentialResidual) = (.nan, .nan, .nan, .nan)
      return
    }
    let ly = y.map { log($0) }
    let lx = x.map { log($0) }
    let power = Statistics.linearFit(lx, ly)
    let exponential = Statistics.linearFit(x, ly)
    exponent = power.slope
    rate = exponential.slope
    powerResidual = GrowthFit.residual(lx, ly, power)
    exponentialResidual = GrowthFit.residual(x, ly, exponential)
  }

  static func residual(_ x: [Double], _ y: [Double], _ fit: (intercept: Double, slope: Double)) -> Double {
    zip(x, y).reduce(0) { s, p in
      let e = p.1 - fit.intercept - fit.slope * p.0
      return s + e * e
    }
  }
}
