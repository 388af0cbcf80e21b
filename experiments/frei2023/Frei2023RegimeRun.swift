import Foundation
import Harness
import Numerics

/// One run of the frei2023 regime map (`regime-correlation.swift`): the trained network's collapse radius
/// (where its robust accuracy under the generic ℓ2 attack, and along the universal direction, falls to ½),
/// its clean accuracy, and the premise measured on the run's means and test points (`Frei2023RobustPremise.swift`).
extension Frei2023 {
  /// The collapse radius of per-point first-flip radii: where the share of points not flipped within ε falls
  /// to ½, i.e. their median, a misclassified point counting 0 and a point with no flip within reach +∞ (it
  /// stays robust on every grid), so a NaN of the search is a value here, not a missing one.
  static func collapseRadius(_ radii: [Double]) -> Double {
    Statistics.median(radii.map { $0.isNaN ? .infinity : $0 })
  }

  /// The premise as one ratio: max(premise_means_ratio, premise_noise_ratio), ≤ 1 inside.
  static func premiseRatio(_ r: Record) -> Double {
    max(r["premise_means_ratio"] ?? .nan, r["premise_noise_ratio"] ?? .nan)
  }

  /// Trains the point's network (n = per_cluster·k) and records what a cell of the map needs, besides the
  /// usual training record: `collapse_radius_universal`, `collapse_radius_attack`, `prediction_collapse` (the
  /// universal direction's, times √k/‖μ‖), `prediction_collapse_attack`, `prediction_accuracy`, the premise
  /// scalars and `premise_ratio`.
  static func regimeRecord(_ p: Point, rng: inout RandomSource) throws -> Record {
    let k = p.int("k")
    let run = try trained(p, n: p.int("per_cluster") * k)
    let (test, net, reach) = (run.test, run.network, run.reach)
    var r = Record()
    let along = flipRadii(net, test, direction: run.mixture.universalDirection, scale: reach)
    let reaches = [Double](repeating: reach, count: test.count)
    let attack = FlipAttack(net).minimalFlips(at: test.x, labels: test.y, maxRadii: reaches, rng: &rng).map {
      $0?.radius ?? .nan
    }
    let units = "ℓ2 norm, input units"
    r.set(
      "collapse_radius_attack", collapseRadius(attack),
      "where the share of test points the generic minimal-flip ℓ2 attack does not flip within ε falls to ½: the median of its per-point radii (misclassified: 0; no flip within 10·(‖μ‖ + σ): +∞, then +∞ if half are)",
      units: units, allowing: .infinity)
    r.set(
      "collapse_radius_universal", collapseRadius(along),
      "as collapse_radius_attack, along −y·u (the universal direction of the means): the median first flip along the ray",
      units: units, allowing: .infinity)
    let scale = Double(k).squareRoot() / p.real("mu_norm")
    r.set(
      "prediction_collapse", collapseRadius(along) * scale,
      "collapse_radius_universal·√k/‖μ‖: the prediction (a universal direction flips at ‖μ‖/√k) is ≈ 1, the collapse band 0.75 … 2^{1/4}",
      units: "units of ‖μ‖/√k", allowing: .infinity)
    r.set(
      "prediction_collapse_attack", collapseRadius(attack) * scale,
      "collapse_radius_attack·√k/‖μ‖: the generic attack's, ≈ 1 predicted as well (the same band)",
      units: "units of ‖μ‖/√k", allowing: .infinity)
    r.set(
      "prediction_accuracy", accuracy(net, test),
      "clean test accuracy (prediction 1: near 1 where the clusters are separable); y·N(x) ≤ 0 is an error")
    run.record(&r)
    run.recordPremise(&r)
    r.set(
      "premise_ratio", premiseRatio(r),
      "max(premise_means_ratio, premise_noise_ratio): the premise (small correlations of the means, noise along u below half of ‖μ‖/√k) holds when ≤ 1"
    )
    return r
  }
}
