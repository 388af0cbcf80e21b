import Harness

extension Frei2023 {
  /// Gradient steps to a converged normalised margin: the paper baselines stop after 800–1100 steps up to
  /// k = 32 and about 2000 at k = 64, so 1000·max(1, k/32), at most max_steps.
  static func expectedSteps(_ p: Point) -> Double {
    min(Double(p.int("max_steps")), 1000 * max(1, Double(p.int("k")) / 32))
  }

  /// The work of training on n points and evaluating the n_test test points (frei2023-generalization).
  static func trainingCost(_ p: Point, n: Int) -> CostEstimate {
    let (d, m, t) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")))
    return
      (FlipStudy.trainingCost(n: Double(n), d: d, m: m, steps: expectedSteps(p))
      + CostEstimate(gemmFlops: 2 * t * m * d, "2·n_test·m·d (test accuracy)"))
      .described(
        "training: steps·(6·n·m·min(n, d) + 10·n·m), steps = min(max_steps, 1000·max(1, k/32)); KKT 4·n·m·d + 2·n²·(d + 2·m) + 22·n³; test 2·n_test·m·d"
      )
  }

  /// frei2023-radius-vs-clusters: the training, flips along a ray at every test point, and one generic ℓ2
  /// attack (`FlipAttack.minimalFlip`, ≈ 1000 iterations) on each (a ray for attack=random-direction).
  static func radiusCost(_ p: Point) -> CostEstimate {
    let (d, m, t) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")))
    let attack =
      p.choice("attack", as: AttackKind.self) == .generic
      ? FlipStudy.attackCost(points: t, d: d, m: m, iterations: 1000) : FlipStudy.rayCost(points: t, d: d, m: m)
    return (trainingCost(p, n: p.int("per_cluster") * p.int("k")) + FlipStudy.rayCost(points: t, d: d, m: m) + attack)
      .described(
        "training (n = per_cluster·k) + n_test·(4·m·d + 3200·m) (ray) + 2·m²·d + n_test·1000·(2·m² + 8·m) (minimal-flip attack)"
      )
  }

  /// frei2023-robust-accuracy: the training; rays at every test point for the trained network and for R
  /// (width k); and the attacks on the radius grid (`FlipAttack.firstFlips`, batched): each test point tries the
  /// radii up to its first flip, ≈ ‖μ‖/√k for the trained network and ‖μ‖/2 for R, so radii·min(1,
  /// that/radius_max) of them, each from 4 starts (3 without the universal one) of up to 50 steps; the trained
  /// network is attacked twice (7 starts in all), R once (4). Since issue 23 the products with the m×m kernel
  /// are rows of GEMMs and mostly updates by the units that switched (`batchedAttackCost`), not a
  /// matrix–vector product per step.
  static func robustAccuracyCost(_ p: Point) -> CostEstimate {
    let (d, m, t, k) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")), Double(p.int("k")))
    let (radii, top) = (Double(p.int("radii")), p.real("radius_max"))
    let tried = radii * min(1, 1 / (k.squareRoot() * top))
    let triedR = radii * min(1, 0.5 / top)
    let rays = FlipStudy.rayCost(points: t, d: d, m: m) + FlipStudy.rayCost(points: t, d: d, m: k)
    let attacks =
      p.choice("attack", as: AttackKind.self) == .generic
      ? batchedAttackCost(points: t, d: d, m: m, iterations: tried * 7 * 50)
        + batchedAttackCost(points: t, d: d, m: k, iterations: triedR * 4 * 50)
      : FlipStudy.rayCost(points: t, d: d, m: m)
        + batchedAttackCost(points: t, d: d, m: k, iterations: triedR * 4 * 50)
    return (trainingCost(p, n: p.int("per_cluster") * p.int("k")) + rays + attacks).described(
      "training (n = per_cluster·k) + rays + n_test·radii·min(1, 1/(√k·radius_max))·7·50·(2·m²/25 GEMM + 10·m + m²/64) (attacks on the trained network) + n_test·radii·min(1, 0.5/radius_max)·4·50·(2·k²/25 GEMM + 10·k + k²/64) (on R)"
    )
  }

  /// `FlipAttack.firstFlips` on `points` inputs against a width-m network in d dimensions: the m × m kernel W·Wᵀ
  /// (2·m²·d flops), then per input `iterations` projected-gradient steps. A step forms Kc in full (2·m² flops,
  /// one row of a GEMM over the batch) only at a start; otherwise it updates Kc by the columns of the units that
  /// switched (ReLU's exact shortcut: ≈ m/128 units per step at the large point, 2·m operations each) and makes a
  /// few passes over m. So ≈ 2 full products per 50 steps (the start's q = Kβ and its first Kc).
  static func batchedAttackCost(points: Double, d: Double, m: Double, iterations: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 2 * m * m * d + points * iterations / 25 * 2 * m * m,
      elementwise: points * iterations * (10 * m + m * m / 64), calls: points * iterations,
      "2·m²·d + inputs·iterations·(2·m²/25 GEMM + 10·m + m²/64) (batched attack, Kc updated by the units that switched)"
    )
  }
}
