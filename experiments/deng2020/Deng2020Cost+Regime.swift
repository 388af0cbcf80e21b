import Harness

extension Deng2020 {
  /// deng2020-regime-scale: `restarts` PGA runs at η = step/L (counted as pga-iterations' runs,
  /// `pgaTheoremStepIterations`), their second-order tests, the smoothness bound (the Gram matrix WᵀW and its
  /// eigenvalues) and κ's Hessian at x (one more d × d input Hessian).
  static func regimeScaleCost(_ p: Point) -> CostEstimate {
    let r = Double(p.int("restarts"))
    let (d, m) = (Double(p.int("d")), Double(p.int("m")))
    let gram = CostEstimate(
      gemmFlops: 2 * m * d * d + 4 * d * d * d, elementwise: d * d, calls: 2, "smoothness bound: 2·m·d² + 4·d³")
    return (pgaCost(p, runs: r, iterations: pgaTheoremStepIterations(p)) + hessianCost(p, count: r + 1) + gram)
      .described("restarts·(iterations·(4·m·d + 16·m + 6·d)) + (restarts + 1)·(2·m·d² + 8·d³) + 2·m·d² + 4·d³")
  }
}
