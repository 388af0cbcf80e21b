import Harness

/// The work of a deng2020 point, counted from the loops of `ProjectedGradientAscent`, `AdversarialTrainer` and
/// the second-order test. One PGA iteration at one input is two matrix–vector products with the m × d weights
/// (f and ∇f: 4·m·d flops), σ and σ' at the m units (tanh or softplus: `smoothActivation` elementwise units
/// each, where the bench's unit is a multiply-add) and a few passes over the d coordinates (step, projection,
/// tangent gradient), and it is a small call: at the paper's d = 50, m = 200 its fixed cost is
/// most of it. How many iterations a run takes is what the modules measure; a normalised step of η·ε moves
/// the iterate along the sphere, so a run from a random start converges in about 16/η steps (the paper
/// baseline of deng2020-landscape: 300 at η = 0.05 for s ≤ 1, up to 2–4× that at s ≥ 4; `pgaIterations`), capped
/// by the budget.
extension Deng2020 {
  /// σ and σ' of tanh or softplus at one pre-activation, in the bench's elementwise units: 15–20 ns against
  /// ≈ 1 ns for its multiply-add pass, measured on the EPYC of the bench.
  static let smoothActivation = 16.0

  /// Iterations of a PGA run at the normalised step η with a budget, at input scale s: 16/η for s ≤ 1, growing
  /// as the loss gets curved, (1 + min(s, 8)/4)·16/η (the baseline: 1.6–3× at s = 4, 2–4× at s = 8).
  static func pgaIterations(_ p: Point, step: Double, budget: Int) -> Double {
    min(Double(budget), (1 + min(p.real("s"), 8) / 4) * 16 / step)
  }

  /// `runs` PGA runs of `iterations` each at one input.
  static func pgaCost(_ p: Point, runs: Double, iterations: Double) -> CostEstimate {
    let (d, m) = (Double(p.int("d")), Double(p.int("m")))
    let t = runs * iterations
    return CostEstimate(
      gemmFlops: 0, gemvFlops: t * 4 * m * d, elementwise: t * (smoothActivation * m + 6 * d), calls: t,
      "PGA: runs·iterations·(4·m·d + 16·m + 6·d)")
  }

  /// `count` second-order tests (or curvature ratios): the d × d input Hessian Wᵀ·diag·W (2·m·d² flops), the
  /// Householder reflection applied on both sides (4·d³) and the symmetric eigenvalues (≈ 4·d³).
  static func hessianCost(_ p: Point, count: Double) -> CostEstimate {
    let (d, m) = (Double(p.int("d")), Double(p.int("m")))
    return CostEstimate(
      gemmFlops: count * (2 * m * d * d + 8 * d * d * d), elementwise: count * 3 * d * d, calls: count * 4,
      "Hessians: count·(2·m·d² + 8·d³)")
  }

  /// deng2020-pga-convergence: `restarts` PGA runs at the point's step, each with its second-order test.
  static func pgaConvergenceCost(_ p: Point) -> CostEstimate {
    let r = Double(p.int("restarts"))
    return
      (pgaCost(p, runs: r, iterations: pgaIterations(p, step: p.real("step"), budget: p.int("max_iter")))
      + hessianCost(p, count: r))
      .described("restarts·(min(max_iter, (1 + min(s, 8)/4)·16/step)·(4·m·d + 16·m + 6·d) + 2·m·d² + 8·d³)")
  }

  /// deng2020-landscape: the restarts (each with its second-order test), the matched-step restarts (η = C/(1+κ),
  /// counted at κ = 0), every restart again at the large step, the curvature ratio, and at seed 0 the slice
  /// (grid² loss values of 2·m·d flops each) and the paths drawn on it (PGA runs again).
  static func landscapeCost(_ p: Point) -> CostEstimate {
    let (d, m) = (Double(p.int("d")), Double(p.int("m")))
    let restarts = Double(p.int("restarts"))
    let main = pgaIterations(p, step: p.real("step"), budget: p.int("max_iter"))
    var cost =
      pgaCost(p, runs: restarts, iterations: main) + hessianCost(p, count: restarts + 1)
      + pgaCost(
        p, runs: Double(p.int("matched_restarts")),
        iterations: pgaIterations(p, step: p.real("matched_c"), budget: p.int("max_iter")))
      + pgaCost(
        p, runs: restarts, iterations: pgaIterations(p, step: p.real("large_step"), budget: p.int("large_max_iter")))
    if p.int("seed") == 0 {
      let cells = Double(p.int("grid") * p.int("grid"))
      cost =
        cost
        + CostEstimate(
          gemmFlops: 0, gemvFlops: cells * 2 * m * d, elementwise: cells * smoothActivation * m, calls: cells, "slice")
        + pgaCost(p, runs: Double(p.int("paths")), iterations: main)
    }
    return cost.described(
      "restarts·(min(max_iter, (1 + min(s, 8)/4)·16/step) + min(large_max_iter, …/large_step))·(4·m·d + 16·m + 6·d) + matched_restarts·min(max_iter, 16/matched_c)·(…) + (restarts + 1)·(2·m·d² + 8·d³) + at seed 0 grid²·2·m·d + paths·(PGA run)"
    )
  }

  /// deng2020-adv-training: per epoch the clean forward pass, K inner PGA steps on all n rows (a forward pass and
  /// the input gradients: two GEMMs of n·m·d), the forward pass at the end points and the weight gradient: 2·K + 3
  /// GEMMs of 2·n·m·d flops, K + 2 evaluations of σ and σ' at the n × m pre-activations and K + 2 passes over
  /// the n × d inputs;
  /// before it the Gauss–Newton kernel (n × n: 2·n²·(m + d) flops and its eigenvalues, ≈ 4·n³); after it the
  /// attack probe: attack_probe inputs at two networks, K steps and a converged PGA at probe_step each.
  static func advTrainingCost(_ p: Point) -> CostEstimate {
    let (n, d, m) = (Double(p.int("n")), Double(p.int("d")), Double(p.int("m")))
    let (k, epochs) = (Double(p.int("inner_steps")), Double(p.int("epochs")))
    let training = CostEstimate(
      gemmFlops: epochs * (2 * k + 3) * 2 * n * m * d + 2 * n * m * d + 2 * n * n * (m + d) + 4 * n * n * n,
      elementwise: epochs * ((k + 2) * (smoothActivation + 2) * n * m + (k + 2) * 4 * n * d + 10 * n * d)
        + smoothActivation * n * m,
      calls: epochs * (2 * k + 6),
      "epochs·((2·K + 3)·2·n·m·d + (K + 2)·(18·n·m + 4·n·d)) + 2·n²·(m + d) + 4·n³")
    let probe = Double(min(p.int("attack_probe"), p.int("n")))
    let probing = pgaCost(
      p, runs: 2 * probe,
      iterations: k + pgaIterations(p, step: p.real("probe_step"), budget: p.int("probe_max_iter")))
    return (training + probing).described(
      "epochs·((2·K + 3)·2·n·m·d + (K + 2)·(18·n·m + 4·n·d)) + 2·n²·(m + d) + 4·n³ (training, Gauss–Newton) + 2·attack_probe·(K + min(probe_max_iter, 16/probe_step))·(4·m·d + 16·m + 6·d) (probe)"
    )
  }
}
