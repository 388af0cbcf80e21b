import Figures
import Foundation
import Harness
import Numerics

// The figures of deng2020-adv-training (`adv-training.swift`): the initial-phase loss curves and ratios against
// s per learning-rate rule, and the inner attack's strength. A shared file of the paper (it names no module, so it
// may sit beside them): the module's `figures` calls it.
extension Deng2020 {
  /// The figures of deng2020-adv-training: its `figures` is this.
  static func adversarialTrainingFigures(_ results: Results) throws -> [Figure] {
    let scales = Deng2020.scales(results)
    let sRange = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    let seeds = results.distinctValues(of: "seed").count
    var figures: [Figure] = []
    let rules = LearningRateRule.allCases.filter { rule in
      results.points.contains { $0.value("lr_rule") == .text(rule.rawValue) }
    }
    func points(_ s: Double, _ rule: LearningRateRule) -> [PointResult] {
      results.points.filter { $0.real("s") == s && $0.value("lr_rule") == .text(rule.rawValue) }
    }
    func rateText(_ rule: LearningRateRule) -> String {
      switch rule {
      case .plain: return "one shared rate η₀ (the abstract's test)"
      case .scaled: return "rate η₀/s² (explanation)"
      case .curvature: return "rate η₀/λ_{max}, curvature-matched (explanation)"
      }
    }
    for rule in rules {
      var curves: [Series] = []
      for s in scales {
        let at = points(s, rule)
        guard let epochs = at.map({ $0.array("adversarial_loss").count }).max(), epochs > 0 else { continue }
        let median = (0..<epochs).map { t in
          Statistics.median(at.map { t < $0.array("adversarial_loss").count ? $0.array("adversarial_loss")[t] : .nan })
        }
        curves.append(Series(label: Deng2020.label(s), x: (0..<epochs).map(Double.init), y: median, style: .lines))
      }
      guard !curves.isEmpty else { continue }
      figures.append(
        Figure(
          name: "adversarial-loss-\(rule.rawValue)-lr",
          title: "Adversarial training loss per epoch, \(rateText(rule)) (median over \(seeds) seeds)",
          xLabel: "epoch t", yLabel: "adversarial training loss L_{t} = (1/n)Σ_{i} ½(f(x_{i} + δ_{i}) − y_{i})²",
          logY: true, series: curves, legend: .outsideRight,
          caption:
            "Descriptive: the first epochs are the initial phase the claims measure (L₅/L₀ in the next figures); compare how steeply each s falls there."
        ))
    }
    // A scalar against s, one series per rule: median and quartiles over seeds.
    func perRule(_ name: String) -> [Series] {
      rules.enumerated().map { k, rule in
        .median(
          rateText(rule), x: scales, samples: scales.map { s in points(s, rule).map { $0.scalar(name) } },
          over: "seeds", color: k, marker: k)
      }
    }
    let ratios = perRule("loss_ratio_5")
    let claimLines = zip(rules, ratios).enumerated().map { k, pair in
      let (rule, series) = pair
      let first = series.y.first ?? .nan
      return Series.reference(
        "claim, \(rule == .plain ? "shared" : rule.rawValue) rate: ≥ 2 × its value at the smallest s, at the largest s\(rule == .plain ? " (known to fail)" : "")",
        over: sRange, log: true, samples: 2, color: k
      ) { _ in 2 * first }
    }
    figures.append(
      Figure(
        name: "initial-phase-vs-s",
        title: "Initial phase: adversarial loss after 5 epochs relative to the start, per learning-rate rule",
        xLabel: "input scale s = ‖x_{i}‖", yLabel: "L_{5} / L_{0} (lower is faster)", logX: true, logY: true,
        series: ratios,
        references: claimLines + [.reference("1: no progress", over: sRange, log: true, samples: 2) { _ in 1 }],
        xTicks: scales, legend: .below,
        caption: Deng2020.ratesCaption(results)
      ))
    if rules.contains(.plain) {
      let shared = points(scales[0], .plain).isEmpty ? [] : scales
      let linear = Series.median(
        "linear model at the same step, (1 − η·λ_{max})^{10}", x: shared,
        samples: shared.map { s in
          points(s, .plain).map { Deng2020.linearModelRatio5(effectiveStep: $0.scalar("effective_step")) }
        }, over: "seeds", style: .lines, color: 2, marker: 2)
      let smallest = Deng2020.overLinearModel(points(scales[0], .plain))
      figures.append(
        Figure(
          name: "shared-rate-vs-linear-model",
          title: "Why one shared rate fails at small s: L_{5}/L_{0} against a linear model trained at the same step",
          xLabel: "input scale s = ‖x_{i}‖", yLabel: "L_{5} / L_{0}, one shared rate η₀", logX: true, logY: true,
          series: [perRule("loss_ratio_5")[rules.firstIndex(of: .plain)!], linear], xTicks: scales, legend: .below,
          caption:
            "At s = \(formatReal(scales[0])) the shared rate's L₅/L₀ is \(String(format: "%.3f", Statistics.median(smallest))) × the linear model's (median over seeds; the explanation claim asks 0.95…1.05): the small-s network is linear in W and its step η·λmax is small. At large s the network saturates and the linear model no longer describes it."
        ))
    }
    figures.append(
      Figure(
        name: "initial-phase-10-vs-s",
        title: "Initial phase: adversarial loss after 10 epochs relative to the start (descriptive)",
        xLabel: "input scale s = ‖x_{i}‖", yLabel: "L_{10} / L_{0} (lower is faster)", logX: true, logY: true,
        series: perRule("loss_ratio_10"),
        references: [.reference("1: no progress", over: sRange, log: true, samples: 2) { _ in 1 }], xTicks: scales,
        legend: .below,
        caption: "Descriptive, no claim: the same ordering after 10 epochs as after 5."))
    figures.append(
      Figure(
        name: "effective-step-vs-s",
        title: "The outer step in units of the curvature: learning rate × λ_{max}(Gauss–Newton at initialisation)",
        xLabel: "input scale s = ‖x_{i}‖", yLabel: "η·λ_{max} (dimensionless)", logX: true, logY: true,
        series: perRule("effective_step"),
        references: [
          .reference(
            "2: gradient descent's stability limit on the quadratic model", over: sRange, log: true, samples: 2
          ) {
            _ in 2
          }
        ], xTicks: scales, legend: .below,
        caption:
          "Why the rules differ: only the curvature rule keeps the step η·λmax fixed across s; the shared rate under-steps small s (its step grows like λmax, like s² in tanh's linear range) and the 1/s² rate large s."
      ))
    let initial = perRule("attack_share_initial").first.map { series -> Series in
      var series = series
      series.label = series.label.replacingOccurrences(
        of: rateText(rules[0]), with: "initial network (the same for every rule)")
      series.color = 6
      series.marker = 6
      return series
    }
    var finals = perRule("attack_share_final")
    for k in finals.indices { finals[k].label = "final network, " + finals[k].label }
    figures.append(
      Figure(
        name: "attack-strength-vs-s",
        title: "Inner attack (K PGA steps) as a share of a converged PGA's loss from the same starts",
        xLabel: "input scale s = ‖x_{i}‖", yLabel: "Σ ℓ(K-step PGA) / Σ ℓ(converged PGA)", logX: true,
        series: (initial.map { [$0] } ?? []) + finals,
        references: [
          .reference(
            "1: as strong as a converged PGA (below: large-s losses are lower bounds)", over: sRange, log: true,
            samples: 2
          ) { _ in 1 }
        ], xTicks: scales, legend: .below,
        caption:
          "Descriptive, no claim: how close the K-step inner attack comes to a converged one; below 1 the adversarial losses of the other figures underestimate the robust loss."
      ))
    figures.append(
      Figure(
        name: "relative-loss-vs-s",
        title: "Adversarial training loss at the last epoch relative to the first (floors and starts, not speed)",
        xLabel: "input scale s = ‖x_{i}‖", yLabel: "L_{adv}(last epoch) / L_{adv}(first epoch)", logX: true,
        logY: true, series: perRule("final_relative_loss"), xTicks: scales, legend: .below,
        caption:
          "Descriptive, no claim: where training ends relative to where it started, which mixes floors with speed."
      ))
    return figures
  }
}
