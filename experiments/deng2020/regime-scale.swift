import Figures
import Foundation
import Harness
import Numerics

/// Deng, He, Huang & Su (2020), main result, mapped (issue 26 item 8): where does PGA at the theorem's step reach a
/// local maximum within the polynomial bound, across the input scale s and the width m, and is that where the
/// scale premise holds (f nearly linear over the attack ball, measured on each run as κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ ≤ 1)?
/// The runs are those of deng2020-pga-iterations (η = step/L, networks nested in m) on an (s, m) grid, paired across
/// s as well, so a seed's whole map is one input direction, one label, one family of nested networks and one set of
/// restart directions: the cells differ in scale and width, not in draws.
public enum Deng2020RegimeScale: Experiment {
  public static let id = "deng2020-regime-scale"
  public static let paper = "deng2020"
  public static let reproduces =
    "Main result as a regime map: PGA at the theorem's step reaches a local maximum within the polynomial bound, over the input scale s and the width m, against the scale premise measured on each run"
  public static let summary =
    "An (s, m) grid at d = 16, η = 1/L: the median PGA iterations to a local maximum against the polynomial bound of pga-iterations, the share of restarts that reach one, and κ = ε‖∇²f(x)‖/‖∇f(x)‖ measured on each drawn network and input."

  public static let parameters: [Parameter] =
    [
      .real(
        "s", "input scale ‖x‖ (the map's rows)", paper: [0.25, 0.5, 1, 2, 4, 8, 16], quick: [0.5, 2, 8],
        cluster: [0.25, 0.35, 0.5, 0.71, 1, 1.41, 2, 2.83, 4, 5.66, 8, 11.3, 16], in: 1e-6...1e6),
      .int("d", "input dimension (fixed)", paper: 16, quick: 16, in: 2...2_000),
      .int(
        "m", "hidden width (the map's columns; networks nested in m)", paper: [8, 32, 128, 512], quick: [8, 64],
        cluster: [8, 16, 32, 64, 128, 256, 512], in: 1...100_000),
    ]
    + Deng2020.theoremStepParameters(
      maxIterations: (100_000, 20_000),
      tolerance: ("convergence: ‖g‖ ≤ tol·‖∇ℓ‖ on the sphere, λ ≥ 0", 1e-6, 1e-6)) + [
      .seeds(paper: 3, quick: 2, cluster: 5)
    ]

  /// Paired across s and m (the map's axes) and PGA's settings: at every cell of a seed the same input direction,
  /// label, restart directions and nested network (`Deng2020.nestedAttackedInput` scales x to s after drawing it).
  public static let pairedAcross =
    ["s", "m", "rule", "step", "max_iter", "tol", "so_tol", "restarts"] + Deng2020.drawsIndependentOf

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (net, x, y, epsilon) = Deng2020.nestedAttackedInput(p, rng: &rng)
    let loss = AdversarialLoss(network: net, x: x, target: y)
    var (pga, smoothness) = try Deng2020.pga(
      loss, radius: epsilon, rule: p.choice("rule"), step: p.real("step"), maxIterations: p.int("max_iter"),
      tolerance: p.real("tol"))
    var iterations: [Double] = []
    var converged: [Double] = []
    var localMaximum: [Double] = []
    for start in Deng2020.starts(p.int("restarts"), dimension: x.count, radius: epsilon, rng: rng) {
      let out = pga.run(from: start, trace: false)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: p.real("so_tol"))
      iterations.append(Double(out.iterations))
      converged.append(out.converged ? 1 : 0)
      localMaximum.append(out.converged && test.passes ? 1 : 0)
    }
    let linearity = try LinearityOnBall(net, at: x, target: y, radius: epsilon)
    var r = Record()
    r.set(
      "iterations", iterations.map { Int($0) },
      "per restart: PGA iterations run (max_iter if the tolerance was not met)")
    r.set("converged", converged.map { Int($0) }, "per restart: 1 if the tolerance was met within max_iter")
    r.set(
      "local_maximum", localMaximum.map { Int($0) },
      "per restart: 1 if it converged and its end point passes the second-order test (a local maximum), else 0")
    Deng2020.recordRegimeScalars(
      &r, p, iterations: iterations, localMaximum: localMaximum, smoothness: smoothness,
      curvatureRatio: linearity.curvatureRatio)
    r.set("success_share", Statistics.mean(converged), "the share of restarts meeting the tolerance within max_iter")
    r.set("step_size", pga.configuration.step, "the PGA step η as used (step/L under the smoothness rule)")
    r.set("epsilon", epsilon, "the attack radius ε = r·s", units: "ℓ2 norm, input units")
    return r
  }

  public static let claims: [Claim] = [Deng2020.regimeScaleClaimWithControl]

  public static func figures(_ results: Results) throws -> [Figure] {
    [Deng2020.regimeScaleMapFigure(results)] + Deng2020.regimeScaleFigures(results)
  }
}

extension Deng2020RegimeScale {
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Deng2020.memory(p, vectors: 3 * p.int("restarts"))
  }

  public static func cost(_ p: Point) -> CostEstimate? { Deng2020.regimeScaleCost(p) }
}
