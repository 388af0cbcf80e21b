import Foundation
import Harness
import SharedExperiments

extension Frei2023 {
  /// Gradient steps to a converged normalised margin on n training points. `Trainer` checks every 100 steps
  /// whether the margin moved by less than converge_tol over the second half of the flow time, so a run ends at a
  /// multiple of 100. Two phases (the paper baselines, n ≤ 512: 500–600 steps up to k = 16, 800–900 at k = 32,
  /// 1300–1900 at k = 64; at k = 10, m = d = 1000: 800 at n = 1000, 900 at n = 2000): the early phase, where the
  /// relative bound binds and ‖θ‖ grows by (1 + max_rel_step) a step from the initial scale,
  /// ln(1/init_scale)/ln(1 + max_rel_step) steps (349 at 10⁻³ and 0.02; with no bound counted at 0.02); then the
  /// margin's convergence, 150 + k²/4 + 100·log₂(max(1, n/256)) steps (fitted to those runs: more clusters and
  /// more points, more support points to balance). Flipped labels are fitted late, one by one, against the pull of
  /// their cluster mates, whose inputs have cosine c = ‖μ‖²/(‖μ‖² + σ²) with theirs: × (1 + (n·label_noise/12)²·(2c)²)
  /// (fitted to the paper baselines: generalization, init_scale 0.1, σ = ‖μ‖, c = ½, label_noise = 0.1: 1.0, 1.2, 1.45,
  /// 2.2, 5.1× the clean run's steps at n = 16 … 256, modelled 1.0, 1.1, 1.3, 2.1, 5.6; benign-overfitting, σ = 2…16,
  /// label_noise = 0.2, where the noise makes every point nearly orthogonal to its mates (c ≤ 0.2) and the flipped
  /// ones cost little: 400–700 steps, modelled 500–900. The former × (1 + (n·label_noise/10)²) took 1.45× and 3.5×
  /// the two baselines' steps). m and d barely move it. At most max_steps.
  static func expectedSteps(_ p: Point, n: Int) -> Double {
    let rho = p.real("max_rel_step") > 0 ? p.real("max_rel_step") : 0.02
    let early = log(1 / p.real("init_scale")) / log(1 + rho)
    let k = Double(p.int("k"))
    let flipped = Double(n) * p.real("label_noise") / 12
    let (mu2, sigma2) = (pow(p.real("mu_norm"), 2), pow(p.real("sigma"), 2))
    let cosine = mu2 + sigma2 > 0 ? mu2 / (mu2 + sigma2) : 1
    let points = 100 * log2(max(1, Double(n) / 256))
    let steps = (early + 150 + k * k / 4 + points) * (1 + flipped * flipped * 4 * cosine * cosine)
    return min(Double(p.int("max_steps")), max(100, (steps / 100).rounded(.up) * 100))
  }

  /// The work of training on n points and evaluating the n_test test points (frei2023-generalization).
  static func trainingCost(_ p: Point, n: Int) -> CostEstimate {
    let (d, m, t) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")))
    let training = FlipStudy.trainingCost(
      n: Double(n), d: d, m: m, steps: expectedSteps(p, n: n), bounded: p.real("max_rel_step") > 0)
    return (training + CostEstimate(gemmFlops: 2 * t * m * d, "2·n_test·m·d (test accuracy)"))
      .described(
        "training: " + training.what
          + ", steps = min(max_steps, ⌈(ln(1/init_scale)/ln(1 + max_rel_step) + 150 + k²/4 + 100·log₂(max(1, n/256)))·(1 + (n·label_noise/12)²·(2‖μ‖²/(‖μ‖² + σ²))²)⌉₁₀₀); test 2·n_test·m·d"
      )
  }

  /// frei2023-radius-vs-clusters: the training, flips along a ray at every test point, and one generic ℓ2
  /// attack (`FlipAttack.minimalFlips`, batched, ≈ 1000 steps and ≈ 100 full products by K an input:
  /// `FlipStudy.attackCost`) on each (a ray for attack=random-direction).
  static func radiusCost(_ p: Point) -> CostEstimate {
    let (d, m, t) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")))
    let attack =
      p.choice("attack", as: AttackKind.self) == .generic
      ? FlipStudy.attackCost(points: t, d: d, m: m, iterations: 1000) : FlipStudy.rayCost(points: t, d: d, m: m)
    return (trainingCost(p, n: p.int("per_cluster") * p.int("k")) + FlipStudy.rayCost(points: t, d: d, m: m) + attack)
      .described(
        "training (n = per_cluster·k) + n_test·(4·m·d + 3200·m) (ray) + 2·m²·d + n_test·(100·2·m² + 1000·4·m) + rounds·3·m² (batched minimal-flip attack)"
      )
  }

  /// frei2023-robust-accuracy: the training; rays at every test point for the trained network and for R (width
  /// k); and three attacks on the radius grid (`FlipAttack.firstFlips`): the trained network with the universal
  /// start (4 candidates a radius: the previous radius's end point, 0, the start, a random one) and without it (3),
  /// R with it (4). A test point tries the radii up to its first flip, ≈ ‖μ‖/√k for the trained network and ‖μ‖/2
  /// for R, so radii·min(1, that/radius_max) of them (the paper baselines: 0.61, 0.32, 0.17 of the grid at k = 4,
  /// 16, 64 against 0.63, 0.31, 0.16; R 0.65 against 0.63).
  static func robustAccuracyCost(_ p: Point) -> CostEstimate {
    let (d, m, t, k) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")), Double(p.int("k")))
    let (radii, top) = (Double(p.int("radii")), p.real("radius_max"))
    let tried = radii * min(1, 1 / (k.squareRoot() * top))
    let triedR = radii * min(1, 0.5 / top)
    let rays = FlipStudy.rayCost(points: t, d: d, m: m) + FlipStudy.rayCost(points: t, d: d, m: k)
    let onR = firstFlipsCost(points: t, d: d, m: k, radii: triedR, start: true)
    let attacks =
      p.choice("attack", as: AttackKind.self) == .generic
      ? firstFlipsCost(points: t, d: d, m: m, radii: tried, start: true)
        + firstFlipsCost(points: t, d: d, m: m, radii: tried, start: false) + onR
      : FlipStudy.rayCost(points: t, d: d, m: m) + onR
    return (trainingCost(p, n: p.int("per_cluster") * p.int("k")) + rays + attacks).described(
      "training (n = per_cluster·k) + rays + attacks on the radius grid (trained network twice, R once): "
        + firstFlipsFormula
        + ", radii tried = radii·min(1, 1/(√k·radius_max)) (trained), radii·min(1, 0.5/radius_max) (R)")
  }

  /// Steps of `FlipAttack.firstFlips` per candidate (`FlipAttack.steps`): each candidate runs them all unless it
  /// flips, which at most one a radius does.
  static let attackSteps = 50.0

  /// `FlipAttack.firstFlips` on `points` inputs against a width-m network in d dimensions, each trying `radii`
  /// radii of the grid, with the universal start among the candidates or not (`start`). Counted from
  /// `FirstFlipBatch` (perf at the large point, m = 1000: 122 s in all, ≈ 73 s of it the training's 800 steps, ≈ 28 s
  /// the rounds' GEMMs, ≈ 18 s the steps' O(m) work):
  /// - once per network: the m × m kernel W·Wᵀ (2·m²·d) and, with a start, its eigenvectors (≈ 9·m³);
  /// - per radius and input, c = 3 + start candidates of `attackSteps` steps each, and 2·c − 1 full products with
  ///   K (each candidate's first Kc; the starts' q = Kβ but for the zero start's): 2·m² flops each, as GEMM rows;
  /// - per round (every slot of the batch of min(64, inputs) takes one step, so steps/batch rounds): one GEMM of
  ///   the round's few rows (≈ 2 at the large point) by K, which OpenBLAS packs and streams whatever the rows:
  ///   3 passes over the m² entries of K (read and write of the packing, the kernel's read), counted at the
  ///   bench's matrix–vector rate (one pass over a 1000 × 1000 matrix);
  /// - per step: y·N and the slopes c in one pass over m and the comparison of c with the slopes Kc was formed
  ///   from (two passes, each the bench's elementwise unit), cᵀKc, two axpys and ‖δ‖² (vectorised, ≈ ½ unit of
  ///   m in all), and the bookkeeping of a slot (¼ small call). The rows of K of the units that switched
  ///   (ReLU's shortcut) are ≈ 0.1% of the time: few units cross 0 in a step of 2.5·ε/50; not counted.
  static func firstFlipsCost(points: Double, d: Double, m: Double, radii: Double, start: Bool) -> CostEstimate {
    let c = start ? 4.0 : 3.0
    let steps = points * radii * c * attackSteps
    let rounds = points > 0 ? steps / min(64, points) : 0
    return CostEstimate(
      gemmFlops: 2 * m * m * d + (start ? 9 * m * m * m : 0) + points * radii * (2 * c - 1) * 2 * m * m,
      gemvFlops: rounds * 3 * 2 * m * m, elementwise: steps * 2.5 * m, calls: steps / 4, firstFlipsFormula)
  }

  static let firstFlipsFormula =
    "2·m²·d + inputs·radii tried·((2c − 1)·2·m² GEMM + 50·c·2.5·m) + rounds·3·m² (K streamed per round, rounds = steps/min(64, inputs)), c = 3 + start candidates"
}
