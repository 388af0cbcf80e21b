import Harness

extension FlipStudy {
  /// The work of training a two-layer network on n points in d dimensions at width m for `steps` steps, and of
  /// the KKT diagnostic after it: per step three products of n·m·d (forward, the two gradients), or n·m·n in the
  /// data-span form the trainer takes when n < d (after an n·n·d Gram matrix), and a few elementwise passes
  /// over the n × m activations; then the diagnostic (`kktCost`).
  static func trainingCost(n: Double, d: Double, m: Double, steps: Double) -> CostEstimate {
    let inner = n < d ? n : d
    return
      (CostEstimate(
        gemmFlops: steps * 6 * n * m * inner + (n < d ? 2 * n * n * d : 0), elementwise: steps * 10 * n * m,
        calls: steps * 4, "steps·(6·n·m·min(n, d) + 10·n·m)") + kktCost(n: n, d: d, m: m))
      .described("steps·(6·n·m·min(n, d) + 10·n·m) + " + kktFormula + " (training, KKT)")
  }

  /// One KKT diagnostic (`KKTDiagnostics`) on n points: its products (the pre-activations and the residual,
  /// 4·n·m·d; the Gram matrix, 2·n²·d; the normal matrix from the n × m slopes and activations, 4·n²·m) and its
  /// NNLS (`NNLS.solve`), counted at a support of all n points: up to 30 rounds (when some unit sits at its
  /// kink), each two blocked Cholesky factorisations of n³/3 (the warm start and the final solve), and about n
  /// active-set steps of an n × n matrix–vector product in all. Measured: n = 2000, m = d = 1000 (support
  /// 1838, 8315 kinks, 30 rounds) in 15 s of CPU on a loaded core.
  static func kktCost(n: Double, d: Double, m: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 4 * n * m * d + 2 * n * n * d + 4 * n * n * m + 20 * n * n * n, gemvFlops: 2 * n * n * n,
      elementwise: 30 * 4 * n * m, calls: 30 * 10, kktFormula)
  }

  static let kktFormula = "4·n·m·d + 2·n²·(d + 2·m) + 22·n³"

  /// The work of `FlipAttack` on `points` inputs against a width-m network in d dimensions: the m × m row-space
  /// kernel W·Wᵀ (2·m²·d flops), then per input `iterations` projected-gradient steps, each a kernel–vector
  /// product (2·m² flops, bound by memory) and a few passes over m.
  static func attackCost(points: Double, d: Double, m: Double, iterations: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 2 * m * m * d, gemvFlops: points * iterations * 2 * m * m, elementwise: points * iterations * 8 * m,
      calls: points * iterations, "2·m²·d + inputs·iterations·(2·m² + 8·m) (attack)")
  }

  /// Flips searched along a ray at `points` inputs: two matrix–vector products of m·d each, then ≈ 800
  /// evaluations of O(m) along the ray (growth 1.02 from 10⁻⁷ of the reach).
  static func rayCost(points: Double, d: Double, m: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 0, gemvFlops: points * 4 * m * d, elementwise: points * 800 * 4 * m,
      calls: points * 800 / 4, "inputs·(4·m·d + 3200·m) (ray)")
  }
}
