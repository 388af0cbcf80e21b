import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness
@testable import SharedExperiments
@testable import Vardi2022Experiments

/// Issue 23, item 5: each cost model scales in every shape variable as the code it describes does (counted from
/// `Trainer`, `FlipAttack.firstFlips` and the modules' loops; not timed). Ratios of the model's own counts: a
/// product of n·m·d doubles with each of them, a pass over the n × m activations with n and m, the attack with
/// the test points and the radii it tries, its products with K with m².
@Suite struct CostEstimateScalingTests {
  static func point(_ id: String, _ set: [String: String]) throws -> Point {
    let e = allExperiments.first { $0.id == id }!
    return try Configuration(
      experiment: e, preset: .quick, overrides: set.map { "\($0.key)=\($0.value)" }.sorted()
    ).points[0]
  }

  /// Direct form (n ≥ d): the step's two GEMMs are 4·n·m·d, linear in each of n, m, d and in the steps.
  @Test func directTrainingStepIsLinearInNMDAndSteps() {
    let base = FlipStudy.trainingCost(n: 1000, d: 500, m: 300, steps: 600)
    let kkt = FlipStudy.kktCost(n: 1000, d: 500, m: 300)
    let perSteps = (base.gemmFlops - kkt.gemmFlops) / 600
    #expect(abs(perSteps - 4 * 1000 * 300 * 500) < 1)
    for (n, d, m) in [(2000.0, 500.0, 300.0), (1000, 999, 300), (1000, 500, 600)] {
      let c = FlipStudy.trainingCost(n: n, d: d, m: m, steps: 600)
      let step = (c.gemmFlops - FlipStudy.kktCost(n: n, d: d, m: m).gemmFlops) / 600
      #expect(abs(step / perSteps - n * d * m / (1000 * 500 * 300)) < 1e-12, "n \(n) d \(d) m \(m)")
    }
    let twice = FlipStudy.trainingCost(n: 1000, d: 500, m: 300, steps: 1200)
    #expect(abs((twice.gemmFlops - kkt.gemmFlops) / (base.gemmFlops - kkt.gemmFlops) - 2) < 1e-12)
    #expect(abs((twice.elementwise - kkt.elementwise) / (base.elementwise - kkt.elementwise) - 2) < 1e-12)
  }

  /// Span form (n < d): the step is 4·n²·m with the relative bound (G·Aᵀ and G·D), 2·n²·m without; d enters only
  /// once (the Gram matrix, P0 and the final W).
  @Test func spanTrainingStepIsQuadraticInNAndFreeOfD() {
    func perStep(n: Double, d: Double, m: Double, bounded: Bool = true) -> Double {
      let a = FlipStudy.trainingCost(n: n, d: d, m: m, steps: 1000, bounded: bounded).gemmFlops
      let b = FlipStudy.trainingCost(n: n, d: d, m: m, steps: 0, bounded: bounded).gemmFlops
      return (a - b) / 1000
    }
    #expect(perStep(n: 100, d: 1000, m: 64) == 4 * 100 * 100 * 64)
    #expect(perStep(n: 100, d: 1000, m: 64, bounded: false) == 2 * 100 * 100 * 64)
    #expect(perStep(n: 200, d: 1000, m: 64) == 4 * perStep(n: 100, d: 1000, m: 64))
    #expect(perStep(n: 100, d: 4000, m: 64) == perStep(n: 100, d: 1000, m: 64))
    #expect(perStep(n: 100, d: 1000, m: 128) == 2 * perStep(n: 100, d: 1000, m: 64))
  }

  /// frei2023's expected steps: set by init_scale, max_rel_step, k, n (slowly) and label_noise, not by m or d; a
  /// multiple of the convergence check's 100, at most max_steps; 800 at the large point (it took 800).
  @Test func frei2023StepsFollowTheFlowNotTheShapes() throws {
    let id = "frei2023-robust-accuracy"
    let large = ["k": "10", "d": "1000", "m": "1000", "per_cluster": "100", "max_steps": "20000"]
    let steps = Frei2023.expectedSteps(try Self.point(id, large), n: 1000)
    #expect(steps == 800)
    var wider = large
    wider["m"] = "64"
    wider["per_cluster"] = "8"
    wider["d"] = "200"
    #expect(Frei2023.expectedSteps(try Self.point(id, wider), n: 1000) == steps)
    var more = large
    more["k"] = "64"
    #expect(Frei2023.expectedSteps(try Self.point(id, more), n: 1000) > 2 * steps)
    var looser = large
    looser["max_rel_step"] = "0.04"
    #expect(Frei2023.expectedSteps(try Self.point(id, looser), n: 1000) < steps)
    var capped = large
    capped["max_steps"] = "250"
    #expect(Frei2023.expectedSteps(try Self.point(id, capped), n: 1000) == 250)
    #expect(steps.truncatingRemainder(dividingBy: 100) == 0)
    // Flipped labels: more of them (n·label_noise), more steps; none without label noise, whatever n.
    var noisy = large
    noisy["label_noise"] = "0.1"
    let p = try Self.point(id, noisy)
    #expect(Frei2023.expectedSteps(p, n: 256) > Frei2023.expectedSteps(p, n: 64))
    #expect(Frei2023.expectedSteps(try Self.point(id, large), n: 2000) == 900)
    #expect(Frei2023.expectedSteps(try Self.point(id, large), n: 100) < steps)
  }

  /// The batched attack: linear in the test points and the radii tried (but for the kernel and its
  /// eigenvectors, formed once per network); its full products 2·m² a row, 3·m² per round streamed; the kernel
  /// W·Wᵀ linear in d; the universal start adds one candidate of four.
  @Test func batchedAttackFollowsPointsRadiiWidthAndDimension() {
    func work(_ c: CostEstimate) -> Double { c.seconds(at: .nominal) }
    let once = Frei2023.firstFlipsCost(points: 0, d: 1000, m: 500, radii: 30, start: true)
    let one = Frei2023.firstFlipsCost(points: 100, d: 1000, m: 500, radii: 30, start: true)
    let twice = Frei2023.firstFlipsCost(points: 200, d: 1000, m: 500, radii: 30, start: true)
    let radii = Frei2023.firstFlipsCost(points: 100, d: 1000, m: 500, radii: 60, start: true)
    #expect(abs((work(twice) - work(once)) / (work(one) - work(once)) - 2) < 1e-9)
    #expect(abs((work(radii) - work(once)) / (work(one) - work(once)) - 2) < 1e-9)
    // Per step 2.5 units of m; per radius and point 7 rows of 2·m² (4 candidates); per round of the batch of 64
    // (one step of each slot) 3 passes over the m² entries of K.
    let steps = 100 * 30 * 4 * Frei2023.attackSteps
    #expect(abs(one.elementwise - steps * 2.5 * 500) < 1e-3)
    #expect(abs(one.gemmFlops - once.gemmFlops - 100 * 30 * 7 * 2 * 500 * 500) < 1)
    #expect(abs(one.gemvFlops - steps / 64 * 3 * 2 * 500 * 500) < 1)
    // Fewer inputs than the batch: every input is a slot, so a round is one step of each.
    let few = Frei2023.firstFlipsCost(points: 10, d: 1000, m: 500, radii: 30, start: true)
    #expect(abs(few.gemvFlops - 10 * 30 * 4 * Frei2023.attackSteps / 10 * 3 * 2 * 500 * 500) < 1)
    let wide = Frei2023.firstFlipsCost(points: 0, d: 2000, m: 500, radii: 30, start: false)
    let narrow = Frei2023.firstFlipsCost(points: 0, d: 1000, m: 500, radii: 30, start: false)
    #expect(wide.gemmFlops == 2 * narrow.gemmFlops)
    let noStart = Frei2023.firstFlipsCost(points: 100, d: 1000, m: 500, radii: 30, start: false)
    #expect(abs(noStart.elementwise / one.elementwise - 0.75) < 1e-12)
  }

  /// The module as a whole: its training is a fixed share, so the test points and radii move only the attacks;
  /// the width moves both.
  @Test func robustAccuracyGrowsWithWidthTestPointsAndRadii() throws {
    let id = "frei2023-robust-accuracy"
    let base = [
      "k": "10", "d": "1000", "m": "200", "per_cluster": "20", "n_test": "100", "radius_max": "0.6", "radii": "31",
    ]
    func seconds(_ change: [String: String]) throws -> Double {
      try Frei2023.robustAccuracyCost(Self.point(id, base.merging(change) { $1 })).seconds(at: .nominal)
    }
    let training = Frei2023.trainingCost(try Self.point(id, base), n: 200).seconds(at: .nominal)
    let one = try seconds([:])
    #expect(one > training)
    for (change, factor) in [(["n_test": "200"], 2.0), (["radii": "61"], 2.0)] {
      let r = (try seconds(change) - training) / (one - training)
      #expect(r > 0.9 * factor && r < 1.05 * factor, "\(change): \(r)")
    }
    #expect(try seconds(["m": "400"]) > 2 * one)
  }

  /// vardi2022's steps: the budget without the convergence test (kkt), else set by converge_tol (≈ 500 at 10⁻²,
  /// the quick presets; beyond the 8000-step budget at 10⁻³, the paper presets), a multiple of 100, at most the budget.
  @Test func vardi2022StepsFollowTheToleranceAndTheBudget() throws {
    let id = "vardi2022-flip-vs-samples"
    func steps(_ set: [String: String]) throws -> Double { Vardi2022.expectedSteps(try Self.point(id, set)) }
    #expect(try steps(["converge_tol": "0.01", "max_steps": "3000"]) == 500)
    #expect(try steps(["converge_tol": "0.001", "max_steps": "8000"]) == 8000)
    #expect(try steps(["converge_tol": "0.001", "max_steps": "20000"]) == 8900)
    #expect(try steps(["converge_tol": "0", "max_steps": "5000"]) == 5000)
    #expect(try steps(["converge_tol": "0.01", "max_steps": "300"]) == 300)
    let loose = try steps(["converge_tol": "0.05", "max_steps": "8000"])
    #expect(loose >= 100 && loose < 500 && loose.truncatingRemainder(dividingBy: 100) == 0)
  }

  /// The batched minimal-flip attack: the kernel once (linear in d), 100 full products a row of the round's GEMM
  /// (2·m² each) and 1000 steps of 4 units of m an input; K streamed once a round, and the rounds do not grow
  /// with the inputs while they fit in one batch of 64.
  @Test func batchedMinimalFlipAttackFollowsInputsWidthAndBatch() {
    let none = FlipStudy.attackCost(points: 0, d: 2000, m: 500, iterations: 1000)
    let one = FlipStudy.attackCost(points: 20, d: 2000, m: 500, iterations: 1000)
    let two = FlipStudy.attackCost(points: 40, d: 2000, m: 500, iterations: 1000)
    #expect(none.gemmFlops == 2 * 500 * 500 * 2000 && none.gemvFlops == 0 && none.elementwise == 0)
    #expect(one.gemmFlops - none.gemmFlops == 20 * 100 * 2 * 500 * 500)
    #expect(two.gemmFlops - none.gemmFlops == 2 * (one.gemmFlops - none.gemmFlops))
    #expect(one.elementwise == 20 * 1000 * 4 * 500 && two.elementwise == 2 * one.elementwise)
    #expect(one.gemvFlops == 100 * 3 * 500 * 500 && two.gemvFlops == one.gemvFlops)
    let many = FlipStudy.attackCost(points: 128, d: 2000, m: 500, iterations: 1000)
    #expect(many.gemvFlops == 2 * one.gemvFlops)
    let wide = FlipStudy.attackCost(points: 20, d: 2000, m: 1000, iterations: 1000)
    #expect(wide.gemmFlops == 4 * one.gemmFlops && wide.elementwise == 2 * one.elementwise)
    #expect(FlipStudy.attackCost(points: 0, d: 4000, m: 500, iterations: 1000).gemmFlops == 2 * none.gemmFlops)
  }
}
