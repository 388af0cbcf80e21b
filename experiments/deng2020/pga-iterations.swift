import Figures
import Foundation
import Harness
import Numerics

/// Deng, He, Huang & Su (2020), main result, its quantitative half: PGA finds a local maximum "in a polynomial
/// number of iterations, with high probability". At the step of the classical analysis (η = step/L, L the
/// smoothness bound of ℓ over the ball, `AdversarialSmoothness`) and in the non-concave regime (large s), the
/// iterations to the stationarity tolerance are measured as d, m and 1/tol grow, over many random restarts.
public enum Deng2020PGAIterations: Experiment {
  public static let id = "deng2020-pga-iterations"
  public static let paper = "deng2020"
  public static let reproduces =
    "Main result, quantitatively: PGA at the theorem's step reaches the stationarity tolerance in a polynomial number of iterations (in d, m and 1/tol), with high probability over random starts"
  public static let summary =
    "At s = 4 and η = 1/L: the iterations to ‖g‖ ≤ tol·‖∇ℓ‖ against d and m (networks nested in m), bounded by the ascent lemma's degree (the counts are nearly flat), against 1/tol a power law against an exponential fit, and the share of restarts that converge and end at a local maximum."

  public static let parameters: [Parameter] =
    [
      .real("s", "input scale ‖x‖ (one value: the non-concave regime)", paper: 4, quick: 4, in: 1e-6...1e6),
      .int("d", "input dimension (swept)", paper: [8, 16, 32, 64, 128], quick: [8, 16, 32], in: 2...2_000),
      .int(
        "m", "hidden width (swept; networks nested in m)", paper: [8, 32, 128, 512], quick: [8, 16, 32, 64],
        in: 1...100_000),
    ]
    + Deng2020.theoremStepParameters(
      maxIterations: (100_000, 5_000),
      tolerance: (
        "the finest tolerance: ‖g‖ ≤ tol·‖∇ℓ‖ on the sphere, λ ≥ 0 (counts recorded at 1e-2, 1e-3, …, tol)", 1e-8, 1e-6
      )) + [
      .seeds(paper: 8, quick: 2)
    ]

  /// The same network directions, input, label and restarts at every step setting of a seed (controls compare
  /// steps, not draws), and at every m: the networks are nested in m (`Deng2020.nestedAttackedInput`), so a seed's
  /// counts along m are one curve. d changes the draws.
  public static let pairedAcross =
    ["s", "m", "rule", "step", "max_iter", "tol", "so_tol", "restarts"] + Deng2020.drawsIndependentOf

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (net, x, y, epsilon) = Deng2020.nestedAttackedInput(p, rng: &rng)
    let levels = Deng2020.toleranceLevels(finest: p.real("tol"))
    var (pga, smoothness) = try Deng2020.pga(
      AdversarialLoss(network: net, x: x, target: y), radius: epsilon, rule: p.choice("rule"), step: p.real("step"),
      maxIterations: p.int("max_iter"), tolerance: levels.last!)
    let budget = p.int("max_iter")
    var iterations: [Int] = []
    var converged: [Double] = []
    var localMaximum: [Double] = []
    var hits: [Int] = []
    var met: [Int] = []
    for start in Deng2020.starts(p.int("restarts"), dimension: x.count, radius: epsilon, rng: rng) {
      let out = pga.run(from: start, trace: true)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: p.real("so_tol"))
      iterations.append(out.iterations)
      converged.append(out.converged ? 1 : 0)
      localMaximum.append(out.converged && test.passes ? 1 : 0)
      for level in levels {
        let t = out.trace!.firstIteration(meeting: level)
        hits.append(t ?? budget)
        met.append(t == nil ? 0 : 1)
      }
    }
    var r = Record()
    r.set("tolerance_levels", levels, "the tolerances at which iteration counts are recorded: 1e-2, 1e-3, …, tol")
    r.set(
      "iterations_to_tol", hits,
      "per restart (outer) and tolerance level (inner, as tolerance_levels): the first PGA iteration meeting ‖g‖ ≤ level·‖∇ℓ‖ with λ ≥ 0 (max_iter if never)"
    )
    r.set("met_tol", met, "as iterations_to_tol: 1 if the level was met within max_iter, else 0")
    r.set("iterations", iterations, "per restart: PGA iterations run to the finest tolerance (max_iter if not met)")
    r.set("converged", converged.map { Int($0) }, "per restart: 1 if the finest tolerance was met within max_iter")
    r.set(
      "local_maximum", localMaximum.map { Int($0) },
      "per restart: 1 if it converged and its end point passes the second-order test (a local maximum), else 0")
    r.set("success_share", Statistics.mean(converged), "the share of restarts meeting the finest tolerance in budget")
    r.set("local_maximum_share", Statistics.mean(localMaximum), "the share of restarts ending at a local maximum")
    r.set(
      "iterations_median",
      Deng2020.censoredMedian(iterations.map(Double.init), converged: converged),
      "the median iterations to the finest tolerance, a restart that did not converge counted as +∞ (∞ when half did not)",
      units: "iterations", allowing: .infinity)
    r.set(
      "lipschitz_bound", smoothness.lipschitz, "L = G² + R·H, the bound on the Lipschitz constant of ∇ℓ on the ball")
    r.set("spectral_norm", smoothness.spectralNorm, "‖W‖₂, the first layer's spectral norm")
    r.set("step_size", pga.configuration.step, "the PGA step η as used (step/L under the smoothness rule)")
    r.set("epsilon", epsilon, "the attack radius ε = r·s", units: "ℓ2 norm, input units")
    return r
  }

  public static let claims: [Claim] = Deng2020.pgaIterationClaims

  public static func figures(_ results: Results) throws -> [Figure] { Deng2020.pgaIterationFigures(results) }
}

extension Deng2020PGAIterations {
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Deng2020.memory(p, vectors: 3 * p.int("restarts"), extra: 4 * Double(p.int("max_iter") + 1))
  }

  public static func cost(_ p: Point) -> CostEstimate? { Deng2020.pgaIterationsCost(p) }
}
