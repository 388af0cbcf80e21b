import Harness
import Numerics

/// gao2019-convergence's reference search (`Gao2019ConvergenceReference.swift`): each reference start after the
/// first is one more reference run, `reference_iterations` steps against the near-exact attack with its own
/// `evaluations` strong estimates (the first is counted in `trackedCost(_:reference:)`).
extension Gao2019 {
  static func convergenceCost(_ p: Point) -> CostEstimate {
    let m = Double(p.int("m"))
    var cost = trackedCost(p, reference: true)
    guard p.int("reference_starts") > 1 else { return cost }
    for _ in 1..<p.int("reference_starts") {
      cost =
        cost
        + trainingCost(p, attack: nearExactAttack(p), iterations: Double(p.int("reference_iterations")), m: m)
        + estimateCost(p, count: Double(p.int("evaluations")), m: m)
    }
    return cost.described(
      "T·(attack + 1 evaluations and gradients) + evaluations·(strong estimate) + reference_starts × the reference run's (reference_iterations, the near-exact attack, its estimates); each evaluation 2·n·m·d flops + 2·n·m activation pairs, each gradient 2·n·m·d + 4·n·d"
    )
  }
}
