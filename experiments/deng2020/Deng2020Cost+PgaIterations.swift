import Harness

extension Deng2020 {
  /// deng2020-pga-iterations: `restarts` traced PGA runs of `pgaTheoremStepIterations` iterations each, their
  /// second-order tests, and the smoothness bound (the d × d Gram matrix WᵀW, 2·m·d² flops, and its eigenvalues).
  static func pgaIterationsCost(_ p: Point) -> CostEstimate {
    let r = Double(p.int("restarts"))
    let (d, m) = (Double(p.int("d")), Double(p.int("m")))
    let gram = CostEstimate(
      gemmFlops: 2 * m * d * d + 4 * d * d * d, elementwise: d * d, calls: 2, "smoothness bound: 2·m·d² + 4·d³")
    return (pgaCost(p, runs: r, iterations: pgaTheoremStepIterations(p)) + hessianCost(p, count: r) + gram)
      .described("restarts·(iterations·(4·m·d + 16·m + 6·d) + 2·m·d² + 8·d³) + 2·m·d² + 4·d³")
  }

  /// Iterations of a run at η = step/L to tol ≈ 10⁻⁸, capped by the budget: 250·(1 + s²/4)/step. Measured (paper
  /// preset, s = 4, d = 8…128, m = 16…256): medians 170–2000, one ill-conditioned input 47,000; s = 1: 20–60;
  /// s = 16 (d = 50, m = 200, tol 10⁻⁶): 13,000–41,000 (L grows with s faster than the maxima's curvature).
  static func pgaTheoremStepIterations(_ p: Point) -> Double {
    let s = p.real("s")
    return min(Double(p.int("max_iter")), 250 * (1 + s * s / 4) / min(p.real("step"), 1))
  }
}
