import Harness

extension FlipStudy {
  /// The work of training a two-layer network on n points in d dimensions at width m for `steps` steps, and of
  /// the KKT diagnostic after it: per step three products of n·m·d (forward, the two gradients), or n·m·n in the
  /// data-span form the trainer takes when n < d (after an n·n·d Gram matrix), and a few elementwise passes
  /// over the n × m activations; the diagnostic's products (4·n·m·d) and its NNLS: Lawson–Hanson solves a
  /// fresh k × k system as its support grows to k, Σ k³/3 ≈ s⁴/12 for a support of s points, repeated over up
  /// to 30 rounds when some unit sits at its kink; counted at s = n and 30 rounds (an upper bound that
  /// matters from n ≈ 1000 on: frei2023-generalization at n = 1000 spends most of its time there).
  static func trainingCost(n: Double, d: Double, m: Double, steps: Double) -> CostEstimate {
    let inner = n < d ? n : d
    return CostEstimate(
      gemmFlops: steps * 6 * n * m * inner + (n < d ? 2 * n * n * d : 0) + 4 * n * m * d + kktSolve(n),
      elementwise: steps * 10 * n * m, calls: steps * 4,
      "steps·(6·n·m·min(n, d) + 10·n·m) + 4·n·m·d + 30·n⁴/12 (training, KKT)")
  }

  /// The NNLS of one KKT diagnostic on n points: 30 rounds of n⁴/12 flops at most.
  static func kktSolve(_ n: Double) -> Double {
    30 * n * n * n * n / 12
  }

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
