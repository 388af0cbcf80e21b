import Foundation
import Harness
import Numerics

// The setting every gao2019 module shares (`experiments/gao2019/README.md`, reconstructed): f(W, x) = (1/√m)·Σ_r a_r σ(w_r·x),
// a_r = ±1 balanced and fixed, w_r(0) ~ N(0, I_d); n labelled points on the unit sphere whose oppositely
// labelled points are `separation` apart, perturbations in the ℓ2 ball of radius δ = delta_ratio·separation/2;
// the logistic loss; full-batch projected gradient descent on the surrogate loss L_A of an attack A,
// W ← Π(W − η∇L_A), Π onto ‖W − W(0)‖_F ≤ R; the robust loss L* estimated with a strong attack (in d = 2 an
// exhaustive search of the disk refined by gradient steps). (A shared file of the paper: its name starts with
// a capital, so it is not a module; see README.md here.)

/// The activations of the setting. What a bias-free network can represent depends on σ: softplus and ReLU are
/// z/2 plus an even function, so on the circle they carry only the first and the even harmonics of the angle
/// (alternating labels fit for n ≤ 4); the quadratic ReLU max(z, 0)²/2 = z²/4 + z|z|/4 carries harmonics 0, 2
/// and every odd one (n = 6 fits, n = 8 does not).
public enum Gao2019Activation: String, Sendable, CaseIterable {
  case softplus, relu
  case quadraticRelu = "quadratic_relu"

  var activation: Activation {
    switch self {
    case .softplus: return .softplus
    case .relu: return .relu
    case .quadraticRelu: return .quadraticRelu
    }
  }
}

/// The data family.
public enum Gao2019Data: String, Sendable, CaseIterable {
  /// d = 2: n equally spaced points on the circle, alternating labels (separation 2·sin(π/n)).
  case circle
  /// n points uniform on S^{d−1}, independent, half of each label.
  case sphere
}

/// W(0).
public enum Gao2019Initialization: String, Sendable, CaseIterable {
  /// w_r ~ N(0, I_d), independent.
  case gaussian
  /// Units in ± pairs with one w_r, so f(W(0), ·) = 0.
  case symmetric
}

/// The attack adversarial training uses (the A of the surrogate loss L_A).
public enum Gao2019Attack: String, Sendable, CaseIterable {
  /// The clean inputs (plain training).
  case none
  /// One normalised gradient step of length δ (the ℓ2 fast gradient method).
  case oneStep = "one_step"
  /// K normalised gradient steps of 2.5δ/K from x_i (`attack_steps`).
  case pga
  /// d = 2: the exhaustive search of the disk (`attack_rings` rings), refined by 10 gradient steps.
  case exhaustive
}

/// Whether W is projected onto the ball of radius R around W(0) after each step (which ball: `ball`).
public enum Gao2019Projection: String, Sendable, CaseIterable {
  case ball, none
}

enum Gao2019 {
  // MARK: Parameters

  static func data(paper: Gao2019Data, quick: Gao2019Data) -> Parameter {
    .choice(
      "data", "the data: circle (d = 2, alternating labels) or sphere (uniform points, random labels)",
      paper: paper, quick: quick)
  }
  static func points(paper: Int, quick: Int) -> Parameter {
    .int("n", "training points (even for the circle)", paper: paper, quick: quick, in: 2...100_000)
  }
  static func dimension(paper: Int, quick: Int) -> Parameter {
    .int("d", "input dimension", paper: paper, quick: quick, in: 2...100_000)
  }
  static func activation(paper: Gao2019Activation, quick: Gao2019Activation) -> Parameter {
    .choice("activation", "σ: softplus, relu, or quadratic_relu = max(z, 0)²/2", paper: paper, quick: quick)
  }
  static let initialization = Parameter.choice(
    "init", "W(0): gaussian (w_r ~ N(0, I_d)) or symmetric (± pairs, f(W(0), ·) = 0)",
    paper: Gao2019Initialization.gaussian,
    quick: .gaussian)
  static func deltaRatio(paper: Double, quick: Double) -> Parameter {
    .real(
      "delta_ratio",
      "δ relative to half the separation: δ = delta_ratio·separation/2 (< 1 keeps the classes' balls apart)",
      paper: paper, quick: quick, in: 0...10)
  }
  static func learningRate(paper: Double, quick: Double) -> Parameter {
    .real("lr", "η, the step of projected gradient descent on L_A", paper: paper, quick: quick, in: 1e-12...1e9)
  }
  static func iterations(paper: Int, quick: Int) -> Parameter {
    .int("iterations", "T, gradient steps on W", paper: paper, quick: quick, in: 1...10_000_000)
  }
  static func projection(paper: Gao2019Projection, quick: Gao2019Projection) -> Parameter {
    .choice(
      "projection", "project W onto ‖W − W(0)‖_F ≤ R after each step (ball), or not (none)", paper: paper,
      quick: quick)
  }
  static func radius(paper: Double, quick: Double) -> Parameter {
    .real(
      "R", "R, the radius of the projection ball (with projection = ball)", paper: paper, quick: quick, in: 1e-9...1e9)
  }
  /// Which ball the projection keeps W in (README "The ball"): the whole matrix or every unit. Streams do not
  /// depend on it (a module that declares it lists it in `pairedAcross`).
  static let ball = Parameter.choice(
    "ball",
    "the projection ball: frobenius (‖W − W(0)‖_F ≤ R) or per_neuron (‖w_r − w_r(0)‖ ≤ R/√m for every unit r)",
    paper: ProjectionBall.frobenius, quick: .frobenius)
  static func attack(paper: Gao2019Attack, quick: Gao2019Attack) -> Parameter {
    .choice(
      "attack", "the attack A of training: none, one_step, pga (K steps) or exhaustive (d = 2)", paper: paper,
      quick: quick)
  }
  static func attack(paper: [Gao2019Attack], quick: [Gao2019Attack]) -> Parameter {
    .choice(
      "attack", "the attack A of training (swept): none, one_step, pga (K steps) or exhaustive (d = 2)",
      paper: paper, quick: quick)
  }
  static let attackSteps = Parameter.int(
    "attack_steps", "K, the steps of the pga training attack (2.5δ/K each)", paper: 5, quick: 5, in: 1...100_000)
  static let attackRings = Parameter.int(
    "attack_rings", "rings of the exhaustive training attack's grid (1 + 3·r·(r+1) points)", paper: 4, quick: 4,
    in: 1...1_000)
  /// The d = 2 setting of the circle modules: 6 alternating points of the circle, the quadratic ReLU, W(0).
  static let circle: [Parameter] = [
    data(paper: .circle, quick: .circle),
    points(paper: 6, quick: 6),
    dimension(paper: 2, quick: 2),
    activation(paper: .quadraticRelu, quick: .quadraticRelu),
    initialization,
  ]
  /// Gradient descent on L_A: the projection (R = 8), the step η and the budget T.
  static func descent(projection p: Gao2019Projection, learningRate η: Double = 1, iterations paper: Int, quick: Int)
    -> [Parameter]
  {
    [
      projection(paper: p, quick: p), radius(paper: 8, quick: 8), learningRate(paper: η, quick: η),
      iterations(paper: paper, quick: quick),
    ]
  }
  /// K-step PGA as the training attack, with the K and the rings of the exhaustive attack it may be swapped for.
  static let pgaTraining: [Parameter] = [attack(paper: .pga, quick: .pga), attackSteps, attackRings]
  /// The strong estimate of L*.
  static let estimate: [Parameter] = [
    .int("estimate_rings", "d = 2, strong estimate: rings of the exhaustive grid", paper: 16, quick: 16, in: 1...1_000),
    .int(
      "estimate_refine", "d = 2, strong estimate: gradient steps from the best grid point", paper: 30, quick: 30,
      in: 0...100_000),
    .int(
      "estimate_steps", "d > 2, strong estimate: gradient steps per start (δ/2 falling to 2·10⁻⁶δ)", paper: 100,
      quick: 50, in: 1...1_000_000),
    .int("estimate_restarts", "d > 2, strong estimate: random starts besides x_i", paper: 4, quick: 2, in: 0...10_000),
  ]

  // MARK: The objects of a point

  /// The point's data. A circle outside d = 2 or with an odd n is a one-line error naming the fix.
  static func data(_ p: Point, rng: inout RandomSource) throws -> SphereData {
    let (n, d) = (p.int("n"), p.int("d"))
    switch p.choice("data", as: Gao2019Data.self) {
    case .circle:
      guard d == 2 else {
        throw ReproError.badValue("data=circle needs d = 2, got d = \(d): use --set d=2 or --set data=sphere")
      }
      guard n % 2 == 0 else {
        throw ReproError.badValue("data=circle needs an even n (alternating labels), got n = \(n)")
      }
      return .circle(points: n)
    case .sphere:
      return .random(points: n, dimension: d, rng: &rng)
    }
  }

  /// δ = delta_ratio·separation/2.
  static func delta(_ p: Point, _ data: SphereData) -> Double { p.real("delta_ratio") * data.separation / 2 }

  /// The network at width m (even: balanced signs), output scale `scale` (1/√m unless a module says otherwise).
  static func network(_ p: Point, width m: Int, scale: Double? = nil, rng: inout RandomSource) throws -> TwoLayerNetwork
  {
    guard m % 2 == 0 else {
      throw ReproError.badValue("m = \(m) is odd: the signs a_r are balanced, use an even width")
    }
    return .balancedSigns(
      inputs: p.int("d"), width: m, activation: p.choice("activation", as: Gao2019Activation.self).activation,
      symmetric: p.choice("init", as: Gao2019Initialization.self) == .symmetric,
      scale: scale ?? 1 / Double(m).squareRoot(), using: &rng)
  }

  /// The training attack named by `attack` (or `name`); the exhaustive search only in d = 2.
  static func trainingAttack(_ p: Point, _ name: Gao2019Attack? = nil) throws -> MarginAttack {
    switch name ?? p.choice("attack", as: Gao2019Attack.self) {
    case .none: return .none
    case .oneStep: return .oneStep
    case .pga: return .pga(p.int("attack_steps"))
    case .exhaustive:
      guard p.int("d") == 2 else {
        throw ReproError.badValue(
          "attack=exhaustive searches a disk: it needs d = 2 (got d = \(p.int("d"))); use --set attack=pga")
      }
      return .exhaustive(rings: p.int("attack_rings"), refine: 10)
    }
  }

  /// The strong estimate of L*: the exhaustive search in d = 2 (refined from its 4 best grid points), many-step gradient descent on the margin with
  /// restarts otherwise.
  static func strongAttack(_ p: Point) -> MarginAttack {
    p.int("d") == 2
      ? .exhaustive(rings: p.int("estimate_rings"), refine: p.int("estimate_refine"), starts: 4)
      : .strong(steps: p.int("estimate_steps"), restarts: p.int("estimate_restarts"))
  }

  static func configuration(_ p: Point, attack: MarginAttack, delta: Double, learningRate: Double? = nil)
    -> RobustTrainingConfiguration
  {
    RobustTrainingConfiguration(
      radius: delta, attack: attack, learningRate: learningRate ?? p.real("lr"),
      projectionRadius: p.choice("projection", as: Gao2019Projection.self) == .ball ? p.real("R") : .infinity,
      ball: p.undeclared(["ball"]).isEmpty ? p.choice("ball", as: ProjectionBall.self) : .frobenius)
  }

  /// A diverging run as a one-line error naming the point and the fix.
  static func diverged(_ error: RobustTrainingError, _ p: Point) -> ReproError {
    .failed("\(error) at m = \(p.int("m")), δ ratio = \(formatNumber(p.real("delta_ratio"))); lower --set lr")
  }

  /// The iterations at which the robust loss is estimated: about `count` of them, geometrically spaced
  /// from 0 to T − 1 (both included).
  static func schedule(iterations t: Int, count: Int) -> [Int] {
    guard t > 1 else { return [0] }
    var out: Set<Int> = [0, t - 1]
    for k in 0..<max(count - 1, 1) {
      out.insert(min(t - 1, Int((pow(Double(t), Double(k) / Double(max(count - 2, 1))) - 1).rounded())))
    }
    return out.sorted()
  }

  /// How much lower than the strong estimate's a training attack's margin may be before it counts as a miss:
  /// the estimate's last gradient steps are 10⁻⁶·δ long, so it places a boundary minimum only to about that.
  static let missTolerance = 1e-6

  /// Training with the strong estimate of L* at the scheduled iterations (`RobustTrainer.train`): L_A at every
  /// iteration, L* per input the lower margin of the strong estimate's and the training attack's.
  static func train(
    _ p: Point, network: TwoLayerNetwork, data: SphereData, configuration: RobustTrainingConfiguration,
    iterations: Int, schedule: [Int], rng: RandomSource, start: Matrix? = nil
  ) throws -> RobustTrajectory {
    try trainKeeping(
      p, network: network, data: data, configuration: configuration, iterations: iterations, schedule: schedule,
      rng: rng, start: start
    ).trajectory
  }

  /// `train`, also returning the network at the end, W(T) (e.g. for a stronger estimate of its L*).
  static func trainKeeping(
    _ p: Point, network: TwoLayerNetwork, data: SphereData, configuration: RobustTrainingConfiguration,
    iterations: Int, schedule: [Int], rng: RandomSource, start: Matrix? = nil
  ) throws -> (trajectory: RobustTrajectory, network: TwoLayerNetwork) {
    var trainer = RobustTrainer(
      network: network, data: data, configuration: configuration, rng: rng.derived("attack"), start: start)
    var estimator = RobustLossEstimator(
      data: data, radius: configuration.radius, attack: strongAttack(p), width: network.width,
      rng: rng.derived("estimate"))
    do {
      let trajectory = try trainer.train(
        iterations: iterations, estimatingAt: schedule, with: &estimator, missTolerance: missTolerance)
      return (trajectory, trainer.network)
    } catch {
      throw diverged(error, p)
    }
  }

  /// The running minimum of a sequence.
  static func runningMinimum(_ xs: [Double]) -> [Double] {
    var best = Double.infinity
    return xs.map { x in
      best = min(best, x)
      return best
    }
  }
}
