import Foundation
import Harness
import SharedExperiments

extension Frei2023 {
  /// frei2023-regime-correlation: the training (n = per_cluster·k), a ray along u at every test point, the
  /// batched minimal-flip attack on each (`FlipStudy.attackCost`, as radius-vs-clusters), and the premise's
  /// projections (n_test·d, negligible).
  static func regimeCost(_ p: Point) -> CostEstimate {
    let (d, m, t) = (Double(p.int("d")), Double(p.int("m")), Double(p.int("n_test")))
    let attack = FlipStudy.attackCost(points: t, d: d, m: m, iterations: 1000)
    return (trainingCost(p, n: p.int("per_cluster") * p.int("k")) + FlipStudy.rayCost(points: t, d: d, m: m) + attack)
      .described(
        "training (n = per_cluster·k) + n_test·(4·m·d + 3200·m) (ray) + 2·m²·d + n_test·(100·2·m² + 1000·4·m) + rounds·3·m² (batched minimal-flip attack)"
      )
  }
}
