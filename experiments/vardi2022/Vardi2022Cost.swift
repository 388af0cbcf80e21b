import Foundation
import Harness

extension Vardi2022 {
  /// Projected-gradient iterations of one `FlipAttack.minimalFlip` (DeepFool and a 40-step boundary walk from
  /// each of 8 restarts, ≈ 10 bisection tries of 50 steps): about a thousand kernel–vector products.
  static let attackIterations = 1000.0

  /// The work of one point of a vardi2022 module, from d, n, m and max_steps (the baselines run to max_steps):
  /// the training and its KKT diagnostic, the flip radius along a ray at each of the n training points (`rays`), and
  /// `attacks` generic ℓ2 attacks on every training point (a ray search instead for attack=random-direction);
  /// `diagnoses` extra KKT diagnostics (kkt's checkpoints).
  static func cost(_ p: Point, attacks: Int, rays: Bool = true, diagnoses: Int = 0) -> CostEstimate {
    let (d, n, m) = (Double(p.int("d")), Double(p.int("n")), Double(p.int("m")))
    var cost = FlipStudy.trainingCost(
      n: n, d: d, m: m, steps: Double(p.int("max_steps")), bounded: p.real("max_rel_step") > 0)
    if diagnoses > 0 {
      let one = FlipStudy.kktCost(n: n, d: d, m: m)
      let k = Double(diagnoses)
      cost =
        cost
        + CostEstimate(
          gemmFlops: k * one.gemmFlops, gemvFlops: k * one.gemvFlops, elementwise: k * one.elementwise,
          calls: k * one.calls, "checkpoints·(" + FlipStudy.kktFormula + ")")
    }
    if rays, attacks == 0 {
      return (cost + FlipStudy.rayCost(points: n, d: d, m: m)).described(
        "max_steps·(4·n·m·min(n, d) + 8·n·m) + 4·n·m·d + 2·n²·(d + 2·m) + 22·n³ (training, KKT) + n·(4·m·d + 3200·m) (rays)"
      )
    }
    guard attacks > 0 else { return cost.described(cost.what.replacingOccurrences(of: "steps", with: "max_steps")) }
    cost = cost + FlipStudy.rayCost(points: n, d: d, m: m)
    let generic = p.choice("attack", as: AttackKind.self) != .randomDirection
    for _ in 0..<attacks {
      cost =
        cost
        + (generic
          ? FlipStudy.attackCost(points: n, d: d, m: m, iterations: attackIterations)
          : FlipStudy.rayCost(points: n, d: d, m: m))
    }
    return cost.described(
      "max_steps·(4·n·m·min(n, d) + 8·n·m) + 4·n·m·d + 2·n²·(d + 2·m) + 22·n³ (training, KKT) + n·(4·m·d + 3200·m) (rays) + \(attacks)·(2·m²·d + n·1000·(2·m² + 8·m)) (attacks)"
    )
  }
}

extension Vardi2022 {
  /// vardi2022-robust-exists: the trained network's cost as the other modules', and the generic attack on
  /// the robust network R too (width n: one unit per training point).
  static func robustExistsCost(_ p: Point) -> CostEstimate {
    let (d, n) = (Double(p.int("d")), Double(p.int("n")))
    let onR =
      p.choice("attack", as: AttackKind.self) == .generic
      ? FlipStudy.attackCost(points: n, d: d, m: n, iterations: attackIterations)
      : FlipStudy.rayCost(points: n, d: d, m: n)
    return (cost(p, attacks: 1) + onR).described(
      cost(p, attacks: 1).what + " + 2·n²·d + n·1000·(2·n² + 8·n) (the attack on R)")
  }
}
