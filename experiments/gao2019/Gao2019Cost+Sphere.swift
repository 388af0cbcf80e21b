import Harness
import Numerics

/// gao2019-convergence-sphere: convergence's work (`convergenceCost`: the main run, the reference runs and their
/// strong estimates) and the check of the estimate at the end of the main and the reference run: the preset estimate
/// and one with `check_factor` times the steps and restarts, each on both networks.
extension Gao2019 {
  static func sphereCost(_ p: Point) -> CostEstimate {
    let m = Double(p.int("m"))
    let k = p.int("check_factor")
    let stronger = MarginAttack.strong(
      steps: p.int("estimate_steps") * k, restarts: max(p.int("estimate_restarts"), 1) * k)
    let (e, g) = attackWork(stronger)
    return
      (convergenceCost(p) + estimateCost(p, count: 2, m: m) + batches(p, m: m, evaluations: 2 * e, gradients: 2 * g))
      .described(
        "gao2019-convergence's work + 2 strong estimates + 2 estimates with check_factor times the steps and restarts; each evaluation 2·n·m·d flops + 2·n·m activation pairs, each gradient 2·n·m·d + 4·n·d"
      )
  }
}
