import Harness
import Numerics

// The work and memory of a gao2019-capacity point (one (d, seed): the capacity search of
// `Gao2019CapacitySearch.swift`), in the units of `Gao2019Cost.swift` (evaluations and input gradients of the n
// training inputs). (Gao2019Cost.swift is helper P's; this file is the capacity search's own.)
extension Gao2019 {
  /// Widths the bisections train: the first at m_max, then about log2(m_max/2) halvings for the clean radius and
  /// as many again where the robust radii end elsewhere (they share the path until they first disagree). Measured
  /// at the paper preset: 6 to 9 widths for m_max = 64, of which about half lie below the robust minimal width.
  static func searchedWidths(_ p: Point) -> Double {
    var k = 0.0
    var span = p.int("m_max") / 2
    while span > 1 {
      span = (span + 1) / 2
      k += 1
    }
    return 1 + 1.5 * k
  }

  /// gao2019-capacity: per searched width, `initializations` draws; each climbs the ladder clean, δ_1, …, δ_L and
  /// stops at the first radius it does not fit within T. Where the search lives (about half of its widths below
  /// the robust minimal width), a draw's ladder ends in one training of T steps against the K-step attack, checked
  /// every check_every steps by the strong estimate, after fits at the radii below it (one or two checks each);
  /// the widths are counted at m_max/4, the bisection's typical width.
  static func capacitySearchCost(_ p: Point) -> CostEstimate {
    let m = max(2, Double(p.int("m_max")) / 4)
    let (t, every) = (Double(p.int("iterations")), Double(p.int("check_every")))
    let levels = Double(p.int("delta_levels"))
    let draws = Double(p.int("initializations")) * searchedWidths(p)
    let k = p.int("attack_steps")
    let attack = MarginAttack.gradient(
      steps: [Double](repeating: 2.5 / Double(k), count: k), restarts: p.int("attack_restarts"))
    // Per draw: the failing T-step run (half the widths), and about 2·check_every steps per radius fitted.
    let robustSteps = draws * (t / 2 + levels * 2 * every)
    let checks = draws * (t / (2 * every) + 2 * levels)
    return
      (trainingCost(p, attack: .none, iterations: draws * 2 * every, m: m)
      + trainingCost(p, attack: attack, iterations: robustSteps, m: m)
      + estimateCost(p, count: checks, m: m))
      .described(
        "initializations × searched widths (1 + 1.5·log2(m_max/2)) draws at m = m_max/4, each half a T-step run against the K-step attack plus 2·check_every steps per radius, checked by the strong estimate every check_every; each evaluation 2·n·m·d flops + 2·n·m activation pairs"
      )
  }

  /// Memory of a capacity point: the training run at the largest width searched.
  static func capacitySearchMemory(_ p: Point) -> MemoryEstimate {
    let (n, d, m) = (Double(p.int("n")), Double(p.int("d")), Double(p.int("m_max")))
    return MemoryEstimate(
      doubles: n * d + 5 * m * d + 6 * n * m,
      "n·d + 5·m_max·d + 6·n·m_max doubles: the inputs, the weights with W(0), the gradient and copies, the activations",
      lower: ["d", "n", "m_max"])
  }
}
