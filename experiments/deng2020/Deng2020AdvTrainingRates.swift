import Foundation
import Harness
import Numerics

// deng2020-adv-training's learning-rate rules read from the results (issue 24, item 9): the shared rate's
// mechanism (its step η·λ_max at each s, and the linear model's prediction of L_5/L_0 from it), worded for the
// claims' observed text and the figures' captions. Every number here is computed from the results.
extension Deng2020 {
  /// The points of one learning-rate rule.
  static func points(_ results: Results, rule: LearningRateRule) -> [PointResult] {
    results.points.filter { $0.value("lr_rule") == .text(rule.rawValue) }
  }

  /// The median over seeds of `name` at input scale `s` under `rule` (NaN when there is no such point).
  static func median(_ results: Results, _ name: String, s: Double, rule: LearningRateRule) -> Double {
    Statistics.median(points(results, rule: rule).filter { $0.real("s") == s }.map { $0.scalar(name) })
  }

  /// L_5/L_0 of gradient descent on a linear model whose residual lies along the top Gauss–Newton mode, at the
  /// step η·λ_max: each epoch multiplies that residual by (1 − η·λ_max), the loss by its square.
  static func linearModelRatio5(effectiveStep: Double) -> Double { pow(1 - effectiveStep, 10) }

  /// Per point: the observed L_5/L_0 over the linear model's (1 − η·λ_max)^10 at the point's own step.
  static func overLinearModel(_ points: [PointResult]) -> [Double] {
    points.map { $0.scalar("loss_ratio_5") / linearModelRatio5(effectiveStep: $0.scalar("effective_step")) }
  }

  /// "the shared rate's step η·λ_max is 0.029 at s = 0.25 and 0.51 at s = 16; L_5/L_0 is lowest at s = 1": the
  /// mechanism of the shared-rate verdict, from its own points (empty when the results have none).
  static func sharedRateMechanism(_ results: Results) -> String {
    let scales = Deng2020.scales(results).filter { s in
      !points(results, rule: .plain).filter { $0.real("s") == s }.isEmpty
    }
    guard let first = scales.first, let last = scales.last else { return "" }
    func step(_ s: Double) -> Double { median(results, "effective_step", s: s, rule: .plain) }
    let ratios = scales.map { median(results, "loss_ratio_5", s: $0, rule: .plain) }
    let lowest = scales[ratios.indices.min { ratios[$0] < ratios[$1] } ?? 0]
    let linear = linearModelRatio5(effectiveStep: step(first))
    return
      "; mechanism: the shared step η·λ_max is \(formatNumber(step(first))) at s = \(formatReal(first)) and \(formatNumber(step(last))) at s = \(formatReal(last)) (medians over seeds), a linear model at the first gives L_5/L_0 = (1 − η·λ_max)^10 = \(formatNumber(linear)); L_5/L_0 is lowest at s = \(formatReal(lowest)) and grows from there"
  }

  /// The caption of `initial-phase-vs-s`: both rates' values at the ends of the sweep and why they differ.
  static func ratesCaption(_ results: Results) -> String {
    let scales = Deng2020.scales(results)
    guard let first = scales.first, let last = scales.last else { return "" }
    func at(_ name: String, _ s: Double, _ rule: LearningRateRule) -> String {
      formatNumber(median(results, name, s: s, rule: rule))
    }
    let (a, b) = (formatReal(first), formatReal(last))
    var text =
      "The shared rate (the abstract's test, known to fail): L₅/L₀ = \(at("loss_ratio_5", first, .plain)) at s = \(a) and \(at("loss_ratio_5", last, .plain)) at s = \(b), because one rate is a step η·λmax of \(at("effective_step", first, .plain)) at s = \(a) and \(at("effective_step", last, .plain)) at s = \(b) (λmax grows steeply with s, like s² where tanh is linear): the smallest s under-steps and trains like a linear model with that step."
    if !points(results, rule: .curvature).isEmpty {
      text +=
        " The curvature-matched rate (the explanation: η·λmax = 1 at every s) takes that difference out: L₅/L₀ = \(at("loss_ratio_5", first, .curvature)) at s = \(a) and \(at("loss_ratio_5", last, .curvature)) at s = \(b)."
    }
    return text
      + " Each rule's claim asks its ratio to end above the dashed line of its colour (twice its value at the smallest s)."
  }
}
