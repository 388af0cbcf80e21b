import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), the technique: in the 1/√m parametrisation wide networks train lazily. Adversarial
/// training moves W by an amount ‖W_T − W(0)‖_F that does not grow with m, so relative to ‖W(0)‖_F ≈ √(md)
/// it falls like m^{-1/2}, and the network stays close to its linearisation in W at W(0).
///
/// The bound the analysis uses for the linearisation error is m^{-1/2}; the error measured can fall faster,
/// because the second-order terms (1/√m)·Σ_r a_r σ''(·)(Δw_r·x)² of units with random signs cancel.
///
/// The wrong-regime control of all three claims is the mean-field parametrisation: output scale 1/m and learning rate η·m (the
/// rate that moves f as fast as η does in the 1/√m parametrisation). Every unit then moves by O(1), so the
/// relative change does not fall with m, ‖ΔW‖_F grows like √m, and the network leaves its linearisation.
///
/// Datasets per point: `surrogate_loss` per iteration; scalars `weight_change` (‖W_T − W(0)‖_F),
/// `initial_weight_norm` (‖W(0)‖_F), `relative_change` (their ratio), `linearization_error`
/// (max_i |f(W_T, x_i) − f(W(0), x_i) − ⟨∇_W f(W(0), x_i), W_T − W(0)⟩| over the training inputs),
/// `final_surrogate_loss`, `output_scale`, `learning_rate` (the rate used), `separation`, `delta`.
public enum Gao2019Lazy: Experiment {
  public static let id = "gao2019-lazy"
  public static let paper = "gao2019"
  public static let reproduces =
    "The lazy regime: adversarial training moves wide networks by a bounded amount, a vanishing fraction of W(0)"
  public static let summary =
    "Unprojected adversarial training at widths 64…16384: ‖W_T − W(0)‖_F, its ratio to ‖W(0)‖_F and the linearisation error against m, with the m^{-1/2} rate."

  /// How the output scale and the learning rate depend on the width.
  public enum Parametrization: String, Sendable, CaseIterable {
    /// f = (1/√m)·Σ a_r σ(w_r·x), learning rate η: the setting of the paper (neural tangent kernel).
    case ntk
    /// f = (1/m)·Σ a_r σ(w_r·x), learning rate η·m: the control, where units move by O(1).
    case meanField = "mean_field"
  }

  public static let parameters: [Parameter] =
    [
      .int(
        "m", "hidden width (swept, even)", paper: [64, 256, 1024, 4096, 16384], quick: [64, 256, 1024],
        in: 2...1_000_000)
    ] + Gao2019.circle + [Gao2019.deltaRatio(paper: 0.5, quick: 0.5)]
    + Gao2019.descent(projection: .none, iterations: 500, quick: 200) + Gao2019.pgaTraining + [
      .choice(
        "parametrization", "ntk: output scale 1/√m, rate η; mean_field: output scale 1/m, rate η·m (the control)",
        paper: Parametrization.ntk, quick: .ntk),
      .seeds(paper: 3, quick: 2),
    ]

  /// The same data and W(0) for every length, rate, attack and parametrization.
  public static let pairedAcross = ["iterations", "lr", "attack", "attack_steps", "parametrization"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let m = Double(p.int("m"))
    let meanField = p.choice("parametrization", as: Parametrization.self) == .meanField
    let scale = meanField ? 1 / m : 1 / m.squareRoot()
    let rate = p.real("lr") * (meanField ? m : 1)
    let net = try Gao2019.network(p, width: p.int("m"), scale: scale, rng: &rng)
    var trainer = RobustTrainer(
      network: net, data: data,
      configuration: Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta, learningRate: rate),
      rng: rng.derived("training"))
    var losses: [Double] = []
    losses.reserveCapacity(p.int("iterations"))
    do {
      for _ in 0..<p.int("iterations") { losses.append(try trainer.step()) }
    } catch {
      throw Gao2019.diverged(error, p)
    }
    let initialNorm = net.weights.squaredNorm.squareRoot()
    var r = Record()
    r.set("surrogate_iteration", Array(0..<losses.count), "the iteration axis of surrogate_loss: t = 0, 1, …, T − 1")
    r.set("surrogate_loss", losses, "at each iteration t: the surrogate loss L_A(W(t)) of the training attack")
    r.set("weight_change", trainer.weightChange, "‖W(T) − W(0)‖_F: how far training moved the first layer")
    r.set("initial_weight_norm", initialNorm, "‖W(0)‖_F (≈ √(m·d))")
    r.set(
      "relative_change", trainer.weightChange / initialNorm,
      "‖W(T) − W(0)‖_F / ‖W(0)‖_F: lazy training makes it ~m^{-1/2}")
    r.set(
      "linearization_error", trainer.network.linearizationError(from: net.weights, at: data.x),
      "max over the training inputs of |f(W(T), x) − f(W(0), x) − ⟨∇_W f(W(0), x), W(T) − W(0)⟩|")
    r.set("final_surrogate_loss", losses.last ?? .nan, "L_A at the last iteration")
    r.set("output_scale", scale, "the output scale c of f = c·Σ a_r σ(w_r·x): 1/√m (lazy) or 1/m (mean field)")
    r.set("learning_rate", rate, "the step size used: lr, times m in the mean-field parametrisation")
    r.set(
      "separation", data.separation,
      "the separation of the two classes: the smallest distance between inputs of opposite labels", units: "ℓ2 norm")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  /// The wrong regime of all three predictions: the network the NTK analysis does not cover. With output scale
  /// 1/m (rate η·m) the tangent kernel of one unit is O(1/m²), so moving f by O(1) takes an O(1) move of every
  /// unit: ‖ΔW‖_F ~ √m, the relative change flat in m, and f leaves its linearisation (the second-order term of
  /// each unit no longer vanishes). At the paper preset's widths and seeds: the quick preset's 2 seeds leave the
  /// relative change's slope interval (±0.46) wider than the claim's band.
  static let meanFieldDescription =
    "mean-field parametrisation (output scale 1/m, rate η·m), outside the NTK analysis: each unit's tangent kernel is O(1/m²), so every unit must move by O(1) for f to move by O(1); the relative change stays flat, ‖ΔW‖_F grows like √m and the linearisation error does not fall"
  static let meanFieldOverrides = ["parametrization=mean_field"]

  public static let claims: [Claim] = [
    .slope(
      "The relative weight change ‖W_T − W(0)‖_F/‖W(0)‖_F falls like m^{-1/2}",
      reason:
        "the lazy regime of the analysis: a bounded ‖ΔW‖_F against ‖W(0)‖_F ≈ √(md) gives slope −½ on a log-log plot; ±0.1 allows finite-width effects",
      of: { $0.scalar("relative_change") }, against: "m", within: -0.6...(-0.4)
    ).wrongRegime(meanFieldDescription, set: meanFieldOverrides, preset: .paper),
    .slope(
      "The weight change ‖W_T − W(0)‖_F stays bounded: no power of m",
      reason: "‖ΔW‖_F = O(1) in the 1/√m parametrisation (slope 0; |slope| ≤ 0.1 allows finite-width drift)",
      of: { $0.scalar("weight_change") }, against: "m", within: -0.1...0.1
    ).wrongRegime(meanFieldDescription, set: meanFieldOverrides, preset: .paper),
    .slope(
      "The linearisation error falls at least as fast as m^{-1/2}",
      reason:
        "the analysis bounds |f − f_lin| by O(m^{-1/2}); random-sign cancellation may make it fall faster, so the slope must lie at or below −½ (down to −2)",
      of: { $0.scalar("linearization_error") }, against: "m", within: -2...(-0.5)
    ).wrongRegime(meanFieldDescription, set: meanFieldOverrides, preset: .paper),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    guard let smallest = widths.first, let largest = widths.last else { return [] }
    let range = smallest...largest
    let seeds = results.distinctValues(of: "seed").count
    /// Median over seeds at each width (bars: range over the seeds), with the claim's fitted slope.
    func series(_ name: String) -> Series {
      var (med, lo, hi): ([Double], [Double], [Double]) = ([], [], [])
      for m in widths {
        let v = results.points.filter { $0.real("m") == m }.map { $0.scalar(name) }
        med.append(Statistics.median(v))
        lo.append(v.min() ?? .nan)
        hi.append(v.max() ?? .nan)
      }
      let fit = Claim.slopeFit(results.points, of: { $0.scalar(name) }, against: "m")
      return Series(
        label: "measured (median; bars: range over the \(seeds) seeds); \(fit.text)", x: widths, y: med, low: lo,
        high: hi)
    }
    /// m^{exponent} through the median at the smallest width.
    func rate(_ s: Series, _ exponent: Double, _ label: String, color: Int? = nil) -> Series {
      let anchor = s.y.first ?? .nan
      return .reference(label, over: range, log: true, color: color) { m in anchor * pow(m / smallest, exponent) }
    }
    let relative = series("relative_change")
    let change = series("weight_change")
    let linear = series("linearization_error")
    return [
      Figure(
        name: "relative-change-vs-m",
        title: "Relative weight change after adversarial training (lazy regime: a vanishing fraction of W(0))",
        xLabel: "width m", yLabel: "‖W_{T} − W(0)‖_{F} / ‖W(0)‖_{F}", logX: true, logY: true, series: [relative],
        references: [
          rate(relative, -0.5, "m^{-1/2}: the lazy regime's rate (through the smallest m)", color: 0),
          rate(relative, -0.4, "claim: slope from −0.6 to −0.4 (through the smallest m)"),
          rate(relative, -0.6, ""),
        ], xTicks: widths, legend: .below,
        caption:
          "The relative change follows the blue m^(−1/2) line, inside the fan of the claim's slopes; the fitted slope is in the legend."
      ),
      Figure(
        name: "weight-change-vs-m", title: "Weight change after adversarial training (bounded in the lazy regime)",
        xLabel: "width m", yLabel: "‖W_{T} − W(0)‖_{F}", logX: true, logY: true, series: [change],
        references: [
          rate(change, 0, "m^{0}: bounded (through the smallest m)", color: 0),
          rate(change, 0.1, "claim: slope from −0.1 to 0.1 (through the smallest m)"),
          rate(change, -0.1, ""),
        ], xTicks: widths, legend: .below,
        caption:
          "The weight change stays flat, inside the fan of the claim's slopes ±0.1: it does not grow with the width."
      ),
      Figure(
        name: "linearization-error-vs-m",
        title: "Distance from the linearisation at W(0): max_{i} |f(W_{T}, x_{i}) − f_{lin}(x_{i})|",
        xLabel: "width m", yLabel: "linearisation error (output units)", logX: true, logY: true, series: [linear],
        references: [
          rate(linear, -0.5, "claim: slope from −2 to −1/2; m^{-1/2} is the analysis's bound (through the smallest m)"),
          rate(linear, -2, ""),
          rate(linear, -1, "m^{-1} (random-sign cancellation)", color: 0),
        ], xTicks: widths, legend: .below,
        caption:
          "The error falls at least as fast as the m^(−1/2) bound, between the two black lines of the claim's slopes; random-sign cancellation makes it close to m^(−1)."
      ),
    ]
  }
}

extension Gao2019Lazy {
  /// Memory per point, from its shapes: the adversarial training run.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Gao2019.memory(p)
  }

  /// Time per point, from its shapes: the training at width m.
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.lazyCost(p) }
}
