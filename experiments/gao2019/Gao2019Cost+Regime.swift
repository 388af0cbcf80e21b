import Harness
import Numerics

/// gao2019-regime-width: `gao2019-convergence`'s work (`convergenceCost`: the main run, the reference starts and
/// their strong estimates) at the point's budget, T(R) steps and reference_multiple·T(R) per reference start.
extension Gao2019 {
  static func regimeCost(_ p: Point) -> CostEstimate {
    convergenceCost(regimeBudgeted(p)).described(
      "T(R) = iterations_at_8·max(1, R/8)² steps against the training attack + reference_starts × reference_multiple·T(R) steps against the near-exact attack, each with evaluations·(strong estimate); each evaluation 2·n·m·d flops + 2·n·m activation pairs, each gradient 2·n·m·d + 4·n·d"
    )
  }
}
