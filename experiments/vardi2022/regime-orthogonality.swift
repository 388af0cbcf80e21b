import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Vardi, Yehudai & Shamir (2022), prediction 1 mapped over (n, d) (issue 26, item 5): where is the flip radius
/// along −y·u equal to ‖x‖/√n (constant near 1), and is that where the training points are nearly orthogonal (the
/// premise, measured on the drawn points)? The theory's boundary is d ~ n² (`theoryBoundaryN`).
public enum Vardi2022RegimeOrthogonality: Experiment {
  public static let id = "vardi2022-regime-orthogonality"
  public static let paper = "vardi2022"
  public static let reproduces =
    "Prediction 1 (flip radius ‖x‖/√n along −y·u) as a regime map over (n, d), against the near-orthogonality premise"
  public static let summary =
    "A map over n and d of the median flip radius·√n/‖x‖ (1 predicted) against the near-orthogonality measured on the drawn points."

  public static let parameters: [Parameter] =
    [
      .int(
        "n", "training points (swept; the map's rows)", paper: [5, 10, 20, 40, 80], quick: [5, 15, 40],
        cluster: [5, 7, 10, 14, 20, 28, 40, 56, 80], in: 2...5_000),
      .int(
        "d", "input dimension (swept; the map's columns)", paper: [50, 125, 500, 2000, 8000], quick: [40, 300, 2000],
        cluster: [50, 80, 125, 200, 320, 500, 800, 1250, 2000, 3200, 5000, 8000, 12_500, 20_000, 32_000],
        in: 2...200_000),
      Vardi2022.width(paper: 100, quick: 20),
      // The paper preset runs every point to its 8000-step budget (converge_tol = 0, as kkt): the margin test at 10⁻³
      // stopped one n = 5 run at 1600 steps with a KKT residual of 0.1001, 0.021 at the budget (the cells' medians move
      // by ≤ 0.005; +5% CPU). The quick preset keeps 10⁻² (a smoke test: at d ≤ n its residual is ≈ 0.2).
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (0, 1e-2)) + [
      FlipStudy.direction, Vardi2022.network, .seeds(paper: 3, quick: 2, cluster: 5),
    ]

  /// network=robust measures R on the same data with the same draws.
  public static let pairedAcross = ["network"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = Vardi2022.measured(p, trained: trainer.network, data: data)
    let radii = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", radii, Vardi2022.alongU)
    Vardi2022.recordRegimeStatistics(&r, data: data, radii: radii)
    Vardi2022.recordPremise(&r, data: data, radii: radii)
    Vardi2022.recordRobustLevel(&r, data: data)
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] = Vardi2022.nearKKT + [Vardi2022.regimeMapClaim]

  public static func figures(_ results: Results) throws -> [Figure] {
    [Vardi2022.regimeMapFigure(results)] + Vardi2022.regimeFigures(results)
  }
}

extension Vardi2022RegimeOrthogonality {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.regimeCost(p)
  }
}
