import Experiments
import Foundation
import Frei2023Experiments
import Harness
import Numerics

/// Issue 23's large frei2023-robust-accuracy point, run by the module itself (training on n = 1000, the
/// KKT diagnostic, rays and the three attacks on 500 test points), against the dry run's estimate from its
/// cost model at the rates measured in this run. Takes minutes: `repro-bench --quick` leaves it out.
func benchLargePoint(rates: MachineRates) throws {
  let overrides = [
    "k=10", "d=1000", "m=1000", "per_cluster=100", "n_test=500", "radius_max=0.6", "radii=61", "seeds=1",
  ]
  print("\nfrei2023-robust-accuracy's large point, one core: --set " + overrides.joined(separator: " --set "))
  let configuration = try Configuration(experiment: Frei2023RobustAccuracy.self, preset: .paper, overrides: overrides)
  let point = configuration.points[0]
  let estimate = Frei2023RobustAccuracy.cost(point).map { $0.seconds(at: rates) } ?? .nan
  var rng = point.stream(for: Frei2023RobustAccuracy.self)  // the runner's stream for this point
  let t = try seconds { _ = try Frei2023RobustAccuracy.run(point, rng: &rng) }
  print(
    String(
      format: "  measured %.1f s, estimated %.1f s by its cost model (estimate/measured %.2f)", t, estimate,
      estimate / t))
}
