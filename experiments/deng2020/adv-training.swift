import Foundation
import Harness
import Numerics

/// Deng, He, Huang & Su (2020), prediction 3: in the initial phase of adversarial training, a smaller input
/// scale s (with r = ε/s fixed) lowers the adversarial training loss faster; also when the learning rate is
/// rescaled by 1/s², a control for the trivial growth of ∇_W with ‖x‖.
public enum Deng2020AdvTraining: Experiment {
  public static let id = "deng2020-adv-training"
  public static let paper = "deng2020"
  public static let reproduces =
    "Prediction 3: a smaller input scale gives faster convergence of adversarial training (initial phase)"
  public static let summary =
    "Adversarial training (K-step PGA inside, full-batch gradient descent on W outside) on a two-class mixture rescaled to norm s: the adversarial training loss per epoch, one curve per s, with a plain and a 1/s²-scaled learning rate."

  /// How the outer learning rate depends on the input scale.
  public enum LearningRateRule: String, Sendable, CaseIterable {
    /// The same rate η₀ at every s.
    case plain
    /// η₀/s²: ∇_W is proportional to ‖x‖ and its effect on f to ‖x‖², so this takes out the trivial scaling.
    case scaled
  }

  public static let parameters: [Parameter] = [
    .real("s", "input scale ‖x_i‖ (swept)", paper: [0.25, 0.5, 1, 2, 4, 8, 16], quick: [0.25, 1, 4], in: 1e-6...1e6),
    .choice(
      "lr_rule", "outer learning rate: plain η₀, or scaled η₀/s² (swept)", paper: [LearningRateRule.plain, .scaled],
      quick: [.plain, .scaled]),
    .int("d", "input dimension", paper: 50, quick: 10, in: 2...2_000),
    .int("n", "training points (two classes)", paper: 200, quick: 40, in: 2...100_000),
    .int("m", "hidden width", paper: 100, quick: 20, in: 1...100_000),
    .real(
      "separation", "‖μ‖ of the class means ±μ before rescaling; the noise has ‖ξ‖ ≈ 1", paper: 1, quick: 1,
      in: 0...1_000),
    .real("r", "ε/s, the attack radius relative to the input scale (fixed)", paper: 0.1, quick: 0.1, in: 0...10),
    .choice("activation", "σ (smooth; ReLU is excluded)", paper: SmoothActivation.tanh, quick: .tanh),
    .int(
      "inner_steps", "K, PGA steps per epoch (from a random point of the sphere)", paper: 10, quick: 5, in: 0...10_000),
    .real(
      "inner_step", "PGA step η as a fraction of ε (normalized rule; 2.5/K is the usual choice)", paper: 0.25,
      quick: 0.5, in: 1e-9...1e6),
    .real("lr", "η₀, the outer learning rate at s = 1", paper: 1, quick: 1, in: 1e-12...1e6),
    .int("epochs", "full-batch epochs (the initial phase)", paper: 100, quick: 20, in: 1...1_000_000),
    Deng2020.weightScale,
    .seeds(paper: 3, quick: 2),
  ]

  public static func run(_ p: Point, rng _: inout RandomSource) throws -> Record {
    // The same data directions, labels, network and PGA starts at every s and for both rate rules.
    var rng = Deng2020.pairedStream(p, experiment: id, across: ["s", "lr_rule"] + Deng2020.notDrawn)
    let s = p.real("s")
    let net = Deng2020.network(p, rng: &rng)
    let data = TrainingSet.twoClassMixture(
      points: p.int("n"), dimension: p.int("d"), separation: p.real("separation"), scale: s, rng: &rng)
    let rule: LearningRateRule = p.choice("lr_rule")
    let rate = rule == .plain ? p.real("lr") : p.real("lr") / (s * s)
    var trainer = AdversarialTrainer(
      network: net, inputs: data.x, labels: data.y,
      configuration: AdversarialTrainingConfiguration(
        radius: p.real("r") * s, innerSteps: p.int("inner_steps"), innerStep: p.real("inner_step"),
        innerRule: .normalized, learningRate: rate))
    var starts = rng.derived("pga starts")
    var adversarial: [Double] = []
    var clean: [Double] = []
    var gradient: [Double] = []
    for _ in 0..<p.int("epochs") {
      let e = trainer.epoch(rng: &starts)
      adversarial.append(e.adversarialLoss)
      clean.append(e.cleanLoss)
      gradient.append(e.gradientNorm)
    }
    let outputs = trainer.network(data.x)
    var r = Record()
    r.set("adversarial_loss", adversarial)
    r.set("clean_loss", clean)
    r.set("gradient_norm", gradient)
    let first = adversarial.first ?? .nan
    let last = adversarial.last ?? .nan
    r["initial_adversarial_loss"] = first
    r["final_adversarial_loss"] = last
    r["final_relative_loss"] = last / first
    r["final_clean_loss"] = clean.last ?? .nan
    r["epochs_to_halve"] = adversarial.firstIndex { $0 <= first / 2 }.map(Double.init) ?? .nan
    r["train_accuracy"] = Statistics.mean(zip(outputs, data.y).map { $0 * $1 > 0 ? 1 : 0 })
    r["learning_rate"] = rate
    r["epsilon"] = p.real("r") * s
    return r
  }

  public static let claims: [Claim] = [
    .ordering(
      "The adversarial training loss at the last epoch increases with s",
      reason:
        "the abstract: a smaller input scale gives faster convergence of adversarial training in its initial phase",
      of: { $0.scalar("final_adversarial_loss") }, along: "s", per: ["lr_rule"], .increasing),
    .ordering(
      "The adversarial training loss falls by a smaller factor over the epochs at larger s (L_last/L_first increases)",
      reason: "the same statement, free of the loss's starting level, which itself depends on s",
      of: { $0.scalar("final_relative_loss") }, along: "s", per: ["lr_rule"], .increasing
    ).knownToFail(
      because:
        "it holds from s = 1 up for both rules but not at the small-s end: with the plain rate the tangent kernel, ∝ s² in σ's near-linear range, makes small inputs learn slower per epoch; with the 1/s² rate, adversarial training of a near-linear f is scale-invariant, so s = 0.25 and 0.5 differ only by O(s²) effects and need not be ordered"
    ),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let scales = Deng2020.scales(results)
    var figures: [Figure] = []
    for rule in LearningRateRule.allCases {
      var curves: [Series] = []
      for s in scales {
        let points = results.points.filter { $0.real("s") == s && $0.value("lr_rule") == .text(rule.rawValue) }
        guard let epochs = points.map({ $0.array("adversarial_loss").count }).max(), epochs > 0 else { continue }
        let median = (0..<epochs).map { t in Statistics.median(points.map { $0.array("adversarial_loss")[t] }) }
        curves.append(Series(label: Deng2020.label(s), x: (0..<epochs).map(Double.init), y: median, style: .lines))
      }
      guard !curves.isEmpty else { continue }
      let rate = rule == .plain ? "learning rate η₀" : "learning rate η₀/s²"
      figures.append(
        Figure(
          name: "adversarial-loss-\(rule.rawValue)-lr",
          title: "Adversarial training loss per epoch, \(rate) (median over seeds)",
          xLabel: "epoch", yLabel: "adversarial training loss (1/n)Σ ½(f(x_i + δ_i) − y_i)²", logY: true,
          series: curves, legend: "bottom left"))
    }
    // The loss after the last epoch relative to the first, against s, for both rules.
    var relative: [Series] = []
    for rule in LearningRateRule.allCases {
      var med: [Double] = []
      var lo: [Double] = []
      var hi: [Double] = []
      for s in scales {
        let v = results.points.filter { $0.real("s") == s && $0.value("lr_rule") == .text(rule.rawValue) }
          .map { $0.scalar("final_relative_loss") }
        med.append(Statistics.median(v))
        lo.append(Statistics.quantile(v, 0.25))
        hi.append(Statistics.quantile(v, 0.75))
      }
      relative.append(Series(label: "\(rule.rawValue) learning rate", x: scales, y: med, low: lo, high: hi))
    }
    figures.append(
      Figure(
        name: "relative-loss-vs-s", title: "Adversarial training loss at the last epoch relative to the first",
        xLabel: "input scale s = ‖x_i‖", yLabel: "L_adv(last epoch) / L_adv(first epoch)", logX: true, logY: true,
        series: relative, legend: "bottom right"))
    return figures
  }
}
