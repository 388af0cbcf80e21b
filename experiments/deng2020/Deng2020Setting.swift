import Foundation
import Harness
import Numerics

// The setting shared by the deng2020 modules (`experiments/deng2020/`), reconstructed from the abstract
// (`experiments/deng2020/README.md`): f(x) = (1/√m)·Σ_r a_r·σ(w_r·x), a_r = ±1 fixed, w_r ~ N(0, I_d), σ smooth;
// the adversary maximises ℓ(δ) = ½(f(x + δ) − y)² over ‖δ‖ ≤ ε = r·s, s = ‖x‖.
// (A shared file of the paper: its name starts with a capital, so it is not a module; see README.md here.)

/// The smooth activations the analysis allows. ReLU is left out on purpose: a gradient tolerance is
/// never met on its kinks, so it would only make the convergence claims meaningless.
public enum SmoothActivation: String, Sendable, CaseIterable {
  case tanh, softplus

  public var activation: Activation { self == .tanh ? .tanh : .softplus }
}

/// How the outer learning rate of adversarial training depends on the input scale (`lr_rule` of adv-training).
public enum LearningRateRule: String, Sendable, CaseIterable {
  /// The same rate η₀ at every s.
  case plain
  /// η₀/s²: ∇_W is proportional to ‖x‖ and its effect on f to ‖x‖², so this takes out the trivial scaling.
  case scaled
  /// η₀/λ_max, λ_max the largest eigenvalue of the Gauss–Newton matrix of the loss at initialisation:
  /// the step matched to each s's own curvature (η₀ = 1 is the classic 1/L step).
  case curvature
}

enum Deng2020 {
  /// The network of the setting, its first layer multiplied by `weight_scale` (w_r ~ N(0, σ_w²·I); σ_w = 1
  /// in the paper's setting). The draw does not depend on σ_w (modules are `pairedAcross` it), so a
  /// control with a small σ_w has the same directions w_r/‖w_r‖, only shorter.
  static func network(_ p: Point, rng: inout RandomSource) -> TwoLayerNetwork {
    var net = TwoLayerNetwork.fixedSigns(
      inputs: p.int("d"), width: p.int("m"), activation: p.choice("activation", as: SmoothActivation.self).activation,
      using: &rng)
    let scale = p.real("weight_scale")
    if scale != 1 { for k in net.weights.storage.indices { net.weights.storage[k] *= scale } }
    return net
  }

  /// The input and the network of the PGA modules (landscape, pga-convergence): s (swept), d, m, r, σ.
  static let inputAndNetwork: [Parameter] = [
    .real("s", "input scale ‖x‖ (swept)", paper: [0.25, 0.5, 1, 2, 4, 8, 16], quick: [0.25, 1, 4], in: 1e-6...1e6),
    .int("d", "input dimension", paper: 50, quick: 20, in: 2...2_000),
    .int("m", "hidden width", paper: 200, quick: 50, in: 1...100_000),
    .real("r", "ε/s, the attack radius relative to the input scale (fixed)", paper: 0.1, quick: 0.1, in: 1e-6...10),
    .choice("activation", "σ (smooth; ReLU is excluded)", paper: SmoothActivation.tanh, quick: .tanh),
  ]

  /// PGA on ℓ from random restarts, with its convergence and second-order tests: restarts, rule, step, max_iter,
  /// tol, so_tol (in this order: it is the order of the file's parameters).
  static func restartedPGA(
    restarts: (paper: Int, quick: Int), step: (paper: Double, quick: Double), stepMeaning: String,
    maxIterations: (paper: Int, quick: Int)
  ) -> [Parameter] {
    [
      .int(
        "restarts", "PGA runs per input, from uniform random points of the sphere", paper: restarts.paper,
        quick: restarts.quick, in: 1...10_000),
      .choice(
        "rule", "PGA step rule: normalized (step η·ε·∇ℓ/‖∇ℓ‖) or plain (η·∇ℓ)", paper: PGAStepRule.normalized,
        quick: .normalized),
      .real("step", stepMeaning, paper: step.paper, quick: step.quick, in: 1e-9...1e6),
      .int(
        "max_iter", "PGA iteration budget", paper: maxIterations.paper, quick: maxIterations.quick, in: 1...10_000_000),
      .real("tol", "convergence: ‖g‖ ≤ tol·‖∇ℓ‖ on the sphere, λ ≥ 0", paper: 1e-6, quick: 1e-6, in: 1e-15...1),
      .real(
        "so_tol", "second-order test: largest tangent eigenvalue ≤ so_tol·‖∇ℓ‖/ε", paper: 1e-6, quick: 1e-6, in: 0...1),
    ]
  }

  /// The attacked point of the PGA modules, drawn from `rng` in this order: the network, the clean input x
  /// (uniform on the sphere of radius s), its label y = ±1; and the attack radius ε = r·s.
  static func attackedInput(_ p: Point, rng: inout RandomSource) -> (
    network: TwoLayerNetwork, x: [Double], y: Double, epsilon: Double
  ) {
    let (d, s) = (p.int("d"), p.real("s"))
    let net = network(p, rng: &rng)
    let x = rng.onSphere(dimension: d, radius: s)
    let y = rng.rademacher()
    return (net, x, y, p.real("r") * s)
  }

  /// PGA on `loss` over the ball of radius ε with the point's `restartedPGA` settings (rule, step, max_iter, tol).
  static func pga(_ p: Point, _ loss: AdversarialLoss, radius epsilon: Double) -> ProjectedGradientAscent {
    ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: p.real("step"), rule: p.choice("rule"), maxIterations: p.int("max_iter"),
        tolerance: p.real("tol")))
  }

  /// σ_w, the first layer's scale. A control sets it small (0.001): pre-activations |w_r·x| ≈ σ_w·s stay in
  /// σ's linear range at every s of the sweep, so the network is a linear model over every ball and every
  /// effect of the input scale that comes from σ's curvature must vanish.
  static let weightScale = Parameter.real(
    "weight_scale", "σ_w: first-layer weights w_r ~ N(0, σ_w²·I) (1 in the setting; small in a linear-regime control)",
    paper: 1, quick: 1, in: 1e-9...1e3)

  /// The parameters of this file that no draw depends on (σ_w scales the network after it is drawn): every
  /// deng2020 module is `pairedAcross` them, so a control at a small σ_w has the setting's draws.
  static let drawsIndependentOf = ["weight_scale"]

  /// The restarts' starting points: uniform on the sphere of radius ε, one derived stream per restart.
  static func starts(_ count: Int, dimension d: Int, radius epsilon: Double, rng: RandomSource) -> [[Double]] {
    (0..<count).map { k in
      var stream = rng.derived("restart \(k)")
      return stream.onSphere(dimension: d, radius: epsilon)
    }
  }

  /// The median of iteration counts in which a run that did not converge counts as taking longer than any
  /// that did (a censored value, +∞): the median is exact while fewer than half did not converge, and +∞
  /// when at least half did not. Empty: NaN.
  static func censoredMedian(_ iterations: [Double], converged: [Double]) -> Double {
    let finite = zip(iterations, converged).filter { $0.1 == 1 }.map(\.0).sorted()
    let n = iterations.count
    guard n > 0 else { return .nan }
    let h = 0.5 * Double(n - 1)
    let (lo, hi) = (Int(h.rounded(.down)), Int(h.rounded(.up)))
    guard hi < finite.count else { return .infinity }
    return finite[lo] + (h - Double(lo)) * (finite[hi] - finite[lo])
  }

  /// The input scales of a result file, in sweep order.
  static func scales(_ results: Results) -> [Double] {
    results.distinctValues(of: "s").map { results.points(where: ["s": $0]).first!.real("s") }
  }

  /// The points at the smallest input scale of the results.
  static func atSmallestScale(_ results: Results) -> [PointResult] {
    guard let s = Deng2020.scales(results).min() else { return [] }
    return results.points.filter { $0.real("s") == s }
  }

  /// "s = 0.25".
  static func label(_ s: Double) -> String { "s = \(formatReal(s))" }

  /// A real parameter's (single) value from the result file's `parameters` attribute.
  static func parameter(_ results: Results, _ name: String) -> Double {
    guard let data = results.string("parameters").data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object[name] as? [Any], let first = list.first
    else { return .nan }
    return (first as? NSNumber)?.doubleValue ?? .nan
  }
}
