import Harness
import Numerics

// The work and memory of a gao2019-capacity point (one (d, seed): the witness finder of
// `Gao2019WitnessSearch.swift`), in the units of `Gao2019Cost.swift` (evaluations and input gradients of the n
// training inputs). (Gao2019Cost.swift is helper P's; this file is the capacity search's own.)
extension Gao2019 {
  /// Widths the scan trains, 2, 4, … up to the first width with a witness at every radius (or m_max): J = min(m_max,
  /// n/2)/2, at least 1. The `points` starts at m ≥ n put every point on its own unit; measured at the paper preset
  /// (n = 20, m_max = 32): the scan ends at 6–8, J = 3–4 (the model's 5 is an upper estimate).
  static func scannedWidths(_ p: Point) -> Double {
    max(1, Double(min(p.int("m_max"), p.int("n") / 2)) / 2)
  }

  /// gao2019-capacity: per scanned width m = 2, 4, …, 2J, `aligned_starts + initializations` starts; each climbs
  /// the ladder clean, δ_1, …, δ_L and stops at the first radius it does not fit within T. Below the minimal width
  /// (most of the scan) a start's ladder ends in one training of T steps against the K-step attack, checked every
  /// check_every steps by the strong estimate, after fits at the radii below it (one or two checks each); the widths
  /// are counted at their mean, J + 1.
  static func capacitySearchCost(_ p: Point) -> CostEstimate {
    let widths = scannedWidths(p)
    let m = widths + 1
    let (t, every) = (Double(p.int("iterations")), Double(p.int("check_every")))
    let levels = Double(p.int("delta_levels"))
    let draws = Double(p.int("aligned_starts") + p.int("initializations")) * widths
    let k = p.int("attack_steps")
    let attack = MarginAttack.gradient(
      steps: [Double](repeating: 2.5 / Double(k), count: k), restarts: p.int("attack_restarts"))
    // Per start: the failing T-step run, and about 2·check_every steps per radius fitted.
    let robustSteps = draws * (t + levels * 2 * every)
    let checks = draws * (t / every + 2 * levels)
    return
      (trainingCost(p, attack: .none, iterations: draws * 2 * every, m: m)
      + trainingCost(p, attack: attack, iterations: robustSteps, m: m)
      + estimateCost(p, count: checks, m: m))
      .described(
        "(aligned_starts + initializations) × J starts (J = min(m_max, n/2)/2 widths scanned) at m = J + 1, each a T-step run against the K-step attack plus 2·check_every steps per radius, checked by the strong estimate every check_every; each evaluation 2·n·m·d flops + 2·n·m activation pairs"
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
