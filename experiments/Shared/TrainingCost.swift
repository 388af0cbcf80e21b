import Harness

extension FlipStudy {
  /// The work of training a two-layer network on n points in d dimensions at width m for `steps` steps
  /// (`Trainer`), and of the KKT diagnostic after it. Counted from `Trainer.evaluate` and `Trainer.update` with the
  /// relative step bound on (`max_rel_step` > 0, as in every vardi2022 and frei2023 preset; `bounded`):
  /// - direct form (n ≥ d): two GEMMs of 2·n·m·d per step, the pre-activations X·Wᵀ and ∂L/∂W = DᵀX (formed for
  ///   its norm, then applied by an axpy; without the bound the update is that GEMM itself, so two either way);
  /// - span form (n < d): the pre-activations P0 + G·Aᵀ (2·n²·m) and, for the bound, G·D (2·n²·m); once, the Gram
  ///   matrix G (2·n²·d), P0 = X·W(0)ᵀ and the final W = W(0) + A·X (2·n·m·d each);
  /// - elementwise passes over the n × m activations, in the bench's units (`MachineRates.elementwise`: one
  ///   element of a pass): σ and σ' in one pass, the two matrix–vector products with H (outputs, ∂L/∂v) and the
  ///   slopes scaled by r_i·v_j, 4 per step; the span form adds the copy of P0, the coefficient update and ‖θ‖²
  ///   from A (both strided) and Σ D∘GD, 4 more; the direct form adds 3 passes over the m × d weights (‖W‖²,
  ///   ‖∂L/∂W‖², the step's axpy).
  /// How many steps a run takes is the caller's (`Frei2023.expectedSteps`, vardi2022's max_steps).
  package static func trainingCost(n: Double, d: Double, m: Double, steps: Double, bounded: Bool = true) -> CostEstimate
  {
    let span = n < d
    let products = span ? (bounded ? 4 : 2) * n * n * m : 4 * n * m * d
    let setup = span ? 2 * n * n * d + 4 * n * m * d : 0
    let passes = span ? 8 * n * m : 4 * n * m + 3 * m * d
    let formula =
      "steps·(" + (span ? "\(bounded ? 4 : 2)·n²·m + 8·n·m" : "4·n·m·d + 4·n·m + 3·m·d") + ")"
      + (span ? " + 2·n·d·(n + 2·m)" : "")
    return
      (CostEstimate(
        gemmFlops: steps * products + setup, elementwise: steps * passes, calls: steps * 6, formula)
      + kktCost(n: n, d: d, m: m))
      .described(formula + " + " + kktFormula + " (training, KKT)")
  }

  /// One KKT diagnostic (`KKTDiagnostics`) on n points: its products (the pre-activations and the residual,
  /// 4·n·m·d; the Gram matrix, 2·n²·d; the normal matrix from the n × m slopes and activations, 4·n²·m) and its
  /// NNLS (`NNLS.solve`), counted at a support of all n points: up to 30 rounds (when some unit sits at its
  /// kink), each two blocked Cholesky factorisations of n³/3 (the warm start and the final solve), and about n
  /// active-set steps of an n × n matrix–vector product in all. Measured: n = 2000, m = d = 1000 (support
  /// 1838, 8315 kinks, 30 rounds) in 15 s of CPU on a loaded core.
  package static func kktCost(n: Double, d: Double, m: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 4 * n * m * d + 2 * n * n * d + 4 * n * n * m + 20 * n * n * n, gemvFlops: 2 * n * n * n,
      elementwise: 30 * 4 * n * m, calls: 30 * 10, kktFormula)
  }

  package static let kktFormula = "4·n·m·d + 2·n²·(d + 2·m) + 22·n³"

  /// The work of `FlipAttack.minimalFlips` (batched: one `MinimalFlipMachine` per input, 64 at a time) on `points`
  /// inputs against a width-m network in d dimensions, each taking `iterations` steps (DeepFool, boundary-walk and
  /// projected steps: ≈ 1000 over its 8 restarts and ≈ 10 bisection tries):
  /// - once per network: the m × m row-space kernel K = W·Wᵀ (2·m²·d);
  /// - per input, `minimalFlipProducts` full products with K (q = Kβ at each procedure's start, Kc at its first
  ///   step, and wherever more than m/8 units switched; ReLU's column updates stand for the rest), 2·m² each, as
  ///   rows of the round's GEMM;
  /// - per round (a full product for every waiting slot: rounds = products·inputs/min(64, inputs)): K streamed, 3
  ///   passes over its m² entries at the bench's matrix–vector rate (as `Frei2023.firstFlipsCost`);
  /// - per step: y·N and the slopes in one pass over m, their comparison with the last product's, cᵀKc, two axpys
  ///   and ‖δ‖²: 4 elementwise units of m; the slot's bookkeeping ¼ call.
  /// Measured (release, one core, n = 20, d = 2000): the attack takes ≈ 0.3 s of CPU at m = 1000 and ≈ 0.04 s at
  /// m = 200 (the generic attack's time less the random-direction control's, plus the control's rays); the model
  /// gives 0.27 s and 0.027 s.
  package static func attackCost(points: Double, d: Double, m: Double, iterations: Double) -> CostEstimate {
    let steps = points * iterations
    let products = points * minimalFlipProducts
    let rounds = points > 0 ? products / min(64, points) : 0
    return CostEstimate(
      gemmFlops: 2 * m * m * d + products * 2 * m * m, gemvFlops: rounds * 3 * m * m, elementwise: steps * 4 * m,
      calls: steps / 4, "2·m²·d + inputs·(100·2·m² GEMM + iterations·4·m) + rounds·3·m² (batched attack)")
  }

  /// Full products with K per input of `FlipAttack.minimalFlips`: ≈ 48 procedures (a start's q = Kβ and its first
  /// Kc each), and the steps where many units switch.
  package static let minimalFlipProducts = 100.0

  /// Flips searched along a ray at `points` inputs: two matrix–vector products of m·d each, then ≈ 800
  /// evaluations of O(m) along the ray (growth 1.02 from 10⁻⁷ of the reach).
  package static func rayCost(points: Double, d: Double, m: Double) -> CostEstimate {
    CostEstimate(
      gemmFlops: 0, gemvFlops: points * 4 * m * d, elementwise: points * 800 * 4 * m,
      calls: points * 800 / 4, "inputs·(4·m·d + 3200·m) (ray)")
  }
}
