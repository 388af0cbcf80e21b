import Foundation
import Harness
import Numerics

// The caption of deng2020-landscape's `iterations-vs-s` figure (`Deng2020LandscapeFigures.swift`), computed from
// the results: why the matched-step count is a figure and not a claim (issue 24, item 8).
extension Deng2020 {
  /// How much of the matched-step count's growth is the step itself: medians over seeds at the smallest and the
  /// largest s of the count, of 1 + κ = C/η (the factor the rule η = C/(1 + κ) shrinks the step by) and of the
  /// path length iterations·η in units of ε (what the count would be at one step: the landscape's part).
  static func matchedStepCaption(_ results: Results, scales: [Double]) -> String {
    guard let first = scales.first, let last = scales.last, first != last else {
      return "One input scale: no growth to split."
    }
    func median(_ s: Double, _ value: (PointResult) -> Double) -> Double {
      Statistics.median(results.points.filter { $0.real("s") == s }.map(value))
    }
    func ratio(_ value: (PointResult) -> Double) -> Double { median(last, value) / median(first, value) }
    let c = Deng2020.parameter(results, "matched_c")
    let count = ratio { $0.scalar("matched_iterations_median") }
    let step = ratio { c / $0.scalar("matched_step") }
    let path = ratio { $0.scalar("matched_iterations_median") * $0.scalar("matched_step") }
    let (a, b) = (formatReal(first), formatReal(last))
    return
      "Descriptive, no claim (item 8 of issue 24): from s = \(a) to s = \(b) the matched-step count (blue) grows \(formatNumber(count))×, of which \(formatNumber(step))× is the rule's own step shrinking (1 + κ = C/η, median over seeds) and \(formatNumber(path))× the path length iterations·η in units of ε: a claim on it would be near an identity of the rule. The fixed step (orange) is set by the slowest direction at the maximum reached."
  }
}
