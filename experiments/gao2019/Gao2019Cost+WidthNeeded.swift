import Harness
import Numerics

/// gao2019-width-needed: at every width m of the ladder 2, 4, …, m_max, `starts` runs of T(R) steps against the
/// training attack, each with `evaluations` strong estimates. The work is linear in m, so the ladder sums to about
/// 2·m_max widths' worth.
extension Gao2019 {
  static func widthNeededCost(_ p: Point) -> CostEstimate {
    let t = Double(Gao2019WidthNeeded.iterations(p))
    let runs = Double(max(p.int("starts"), 1))
    var cost = CostEstimate(gemmFlops: 0, "")
    for m in Gao2019WidthNeeded.widths(p).map(Double.init) {
      cost =
        cost + trainingCost(p, attack: declaredAttack(p), iterations: runs * t, m: m)
        + estimateCost(p, count: runs * Double(p.int("evaluations")), m: m)
    }
    return cost.described(
      "per width of the ladder: starts × (T(R) steps, each (attack + 1) evaluations and gradients, + evaluations·(strong estimate)); each evaluation 2·n·m·d flops + 2·n·m activation pairs"
    )
  }

  /// The memory of one run at the largest width (runs are sequential).
  static func memory(_ p: Point, width m: Int) -> MemoryEstimate {
    let (n, d, w) = (Double(p.int("n")), Double(p.int("d")), Double(m))
    return MemoryEstimate(
      doubles: n * d + 5 * w * d + 6 * n * w,
      "n·d + 5·m·d + 6·n·m doubles at m = m_max: the inputs, the weights with W(0), the gradient and copies, the activations",
      lower: ["d", "n", "m_max"])
  }
}
