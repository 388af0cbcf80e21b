import Harness
import Numerics

/// The work of a gao2019 point, counted from the loops of `MarginAttacker` and `RobustTrainer`. Every unit of
/// work is a batch over the n training inputs: an *evaluation* (the margins at n points: the n × d by d × m GEMM
/// of the pre-activations, 2·n·m·d flops, and two passes of the vectorised activation kernels over the n × m
/// pairs, the margins (σ, the pre-activations formed inline at small d) and the weighted sum with the slopes σ':
/// two of the bench's activation pairs per pair, `MachineRates.pairs`, measured on the same kernel, so a faster
/// kernel shows after `make bench`; perf at m = 8192, d = 2: 60% of the time in the two lane kernels, 34% in
/// DGEMMs of k = 2, far from the DGEMM rate the model counts them at), or a *gradient* (the n × m by m × d GEMM of the input gradients, 2·n·m·d flops, and four passes
/// over the n × d inputs: normalise, step, project). At d = 2 the elementwise passes dominate: the step is
/// bound by the n·m pairs, not by the GEMMs (issue 23).
extension Gao2019 {
  /// Evaluations and input gradients of one `MarginAttacker.attack`: the clean margins, then per descent one
  /// evaluation at its start and one per step.
  static func attackWork(_ attack: MarginAttack) -> (evaluations: Double, gradients: Double) {
    switch attack {
    case .none:
      return (1, 0)
    case .gradient(let steps, let restarts, _):
      let (k, r) = (Double(steps.count), Double(restarts))
      return (1 + (1 + r) * (k + 1), (1 + r) * k)
    case .exhaustive(let rings, let refine, let starts):
      let grid = 1 + 3 * Double(rings) * Double(rings + 1)
      let (f, s) = (Double(refine), Double(max(starts, 1)))
      return (1 + grid + s * (f + 1), s * f)
    }
  }

  /// The work of `evaluations` evaluations and `gradients` input gradients at width m. Where `MarginBatch` sends
  /// the products to `smallProduct` (d over the fused kernels' limit, n·m·d ≤ `smallProductLimit`: capacity's
  /// d = 10, 20), their n·m·d multiply–adds each run in plain vectorised loops, not at the DGEMM rate, and are
  /// counted as activation pairs (the same two-lane loops over elements in cache, no call into BLAS).
  static func batches(_ p: Point, m: Double, evaluations e: Double, gradients g: Double) -> CostEstimate {
    let (n, d) = (Double(p.int("n")), Double(p.int("d")))
    let products = (e + g) * n * m * d
    let small = p.int("d") > fusedDimensionLimit && n * m * d <= Double(smallProductLimit)
    return CostEstimate(
      gemmFlops: small ? 0 : 2 * products, elementwise: g * 4 * n * d, calls: 2 * e + g,
      pairs: 2 * e * n * m + (small ? products : 0),
      "(evaluations + gradients)·2·n·m·d (as n·m·d pairs where the products are small) + evaluations·2·n·m pairs + gradients·4·n·d"
    )
  }

  /// `iterations` training steps (`RobustTrainer.step`): the training attack, one evaluation with slopes at its
  /// points and the weight gradient (one more GEMM of 2·n·m·d) and its projection.
  static func trainingCost(_ p: Point, attack: MarginAttack, iterations t: Double, m: Double) -> CostEstimate {
    let (e, g) = attackWork(attack)
    return batches(p, m: m, evaluations: t * (e + 1), gradients: t * (g + 1))
  }

  /// `count` strong estimates of L* (`RobustLossEstimator`): the exhaustive search of the disk (d = 2) or the
  /// many-step gradient descent from restarts (d > 2).
  static func estimateCost(_ p: Point, count: Double, m: Double) -> CostEstimate {
    let (e, g) = attackWork(strongAttack(p))
    return batches(p, m: m, evaluations: count * e, gradients: count * g)
  }

  /// The training attack of the point (`attack`), the clean inputs where it is not valid in the point's d.
  static func declaredAttack(_ p: Point) -> MarginAttack {
    (try? trainingAttack(p)) ?? .none
  }

  /// gao2019-convergence and gao2019-attack-strength: T steps against the training attack with `evaluations`
  /// strong estimates; convergence also trains a reference run (`reference_iterations` steps against the
  /// near-exact attack, estimated as often).
  static func trackedCost(_ p: Point, reference: Bool) -> CostEstimate {
    let m = Double(p.int("m"))
    let count = Double(p.int("evaluations"))
    var cost =
      trainingCost(p, attack: declaredAttack(p), iterations: Double(p.int("iterations")), m: m)
      + estimateCost(p, count: count, m: m)
    if reference {
      let nearExact: MarginAttack =
        p.int("d") == 2 ? .exhaustive(rings: p.int("attack_rings"), refine: 10) : .strong(steps: 20, restarts: 1)
      cost =
        cost + trainingCost(p, attack: nearExact, iterations: Double(p.int("reference_iterations")), m: m)
        + estimateCost(p, count: count, m: m)
    }
    return cost.described(
      "T·(attack + 1 evaluations and gradients) + evaluations·(strong estimate)"
        + (reference ? " + the reference run's (reference_iterations, the near-exact attack)" : "")
        + "; each evaluation 2·n·m·d flops + 2·n·m activation pairs, each gradient 2·n·m·d + 4·n·d")
  }

  /// gao2019-capacity: plain training, then adversarial training (K steps, attack_restarts), each over up to
  /// `initializations` draws of W(0) until the strong estimate, checked every check_every steps, finds a fit.
  /// Whether a width fits is what the module measures; the paper baseline (n = 20, d = 5) fits at the first or
  /// second check from m ≈ n/2 on and runs every draw to T below, so that is what is counted: below n/2 all
  /// draws to T, from n/2 on one draw to 2·check_every.
  static func capacityCost(_ p: Point) -> CostEstimate {
    let (m, n) = (Double(p.int("m")), Double(p.int("n")))
    let steps =
      m >= n / 2
      ? min(Double(p.int("iterations")), 2 * Double(p.int("check_every")))
      : Double(p.int("initializations")) * Double(p.int("iterations"))
    let checks = steps / Double(p.int("check_every")) + 1
    let k = p.int("attack_steps")
    let attack = MarginAttack.gradient(
      steps: [Double](repeating: 2.5 / Double(k), count: k), restarts: p.int("attack_restarts"))
    return
      (trainingCost(p, attack: .none, iterations: steps, m: m)
      + trainingCost(p, attack: attack, iterations: steps, m: m)
      + estimateCost(p, count: 2 * checks, m: m))
      .described(
        "2 trainings (clean, K-step attack) of steps = initializations·T below m = n/2, else 2·check_every, each step (attack + 1) evaluations and gradients, checked every check_every by the strong estimate; each evaluation 2·n·m·d flops + 2·n·m activation pairs"
      )
  }

  /// gao2019-lazy: T steps against the training attack at width m, then the linearisation error (three
  /// products of n·m·d).
  static func lazyCost(_ p: Point) -> CostEstimate {
    let m = Double(p.int("m"))
    return
      (trainingCost(p, attack: declaredAttack(p), iterations: Double(p.int("iterations")), m: m)
      + batches(p, m: m, evaluations: 3, gradients: 0))
      .described(
        "T·(attack + 1 evaluations and gradients) + 3 evaluations (linearisation error); each evaluation 2·n·m·d flops + 2·n·m activation pairs"
      )
  }
}
