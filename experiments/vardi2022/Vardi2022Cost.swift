import Foundation
import Harness
import SharedExperiments

extension Vardi2022 {
  /// Steps of `FlipAttack.minimalFlips` per input (DeepFool and a 40-step boundary walk from each of 8 restarts,
  /// ≈ 10 bisection tries of 50 steps): about a thousand, ≈ 100 of them with a full product by K
  /// (`FlipStudy.attackCost`).
  static let attackIterations = 1000.0

  /// Gradient steps a run takes. `Trainer` checks every 100 steps whether the normalised margin moved by less than
  /// converge_tol over the second half of the flow time; the late-phase step growth (`StepGrowth`) shortens the
  /// flow's clock but not this test, which tightens with the tolerance: fitted to the baselines, ≈ 500 steps at
  /// 10⁻² (the quick presets: 450–510 at m ≥ 20, up to 1100 at m = 10) and beyond the 8000-step budget at 10⁻³
  /// (the paper presets: 40–86% of runs stop at max_steps, and the runs take 0.76–0.99 of it on average), so
  /// 500·(0.01/converge_tol)^1.25 (8900 at 10⁻³), a multiple of 100, at most max_steps; max_steps without the test
  /// (converge_tol = 0, as kkt). `expectedSteps` is the cost model's, not the code's.
  static let stepsFormula =
    ", steps = min(max_steps, ⌈500·(0.01/converge_tol)^1.25⌉₁₀₀) (max_steps at converge_tol = 0)"

  static func expectedSteps(_ p: Point) -> Double {
    let budget = Double(p.int("max_steps"))
    let tol = p.real("converge_tol")
    guard tol > 0 else { return budget }
    let steps = 500 * pow(0.01 / tol, 1.25)
    return min(budget, max(100, (steps / 100).rounded(.up) * 100))
  }

  /// The work of one point of a vardi2022 module, from d, n, m and the steps it takes (`expectedSteps`):
  /// the training and its KKT diagnostic, the flip radius along a ray at each of the n training points (`rays`), and
  /// `attacks` generic ℓ2 attacks on every training point (a ray search instead for attack=random-direction);
  /// `diagnoses` extra KKT diagnostics (kkt's checkpoints).
  static func cost(_ p: Point, attacks: Int, rays: Bool = true, diagnoses: Int = 0) -> CostEstimate {
    let (d, n, m) = (Double(p.int("d")), Double(p.int("n")), Double(p.int("m")))
    var cost = FlipStudy.trainingCost(
      n: n, d: d, m: m, steps: expectedSteps(p), bounded: p.real("max_rel_step") > 0)
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
        "steps·(4·n·m·min(n, d) + 8·n·m) + 4·n·m·d + 2·n²·(d + 2·m) + 22·n³ (training, KKT) + n·(4·m·d + 3200·m) (rays)"
          + stepsFormula)
    }
    guard attacks > 0 else { return cost.described(cost.what + stepsFormula) }
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
      "steps·(4·n·m·min(n, d) + 8·n·m) + 4·n·m·d + 2·n²·(d + 2·m) + 22·n³ (training, KKT) + n·(4·m·d + 3200·m) (rays) + \(attacks)·(2·m²·d + n·(100·2·m² + 1000·4·m) + rounds·3·m²) (batched attacks)"
        + stepsFormula
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
      cost(p, attacks: 1).what + " + 2·n²·d + n·(100·2·n² + 1000·4·n) + rounds·3·n² (the batched attack on R)")
  }
}
