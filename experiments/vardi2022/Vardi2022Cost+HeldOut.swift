import Foundation
import Harness
import SharedExperiments

extension Vardi2022 {
  /// What `flip-vs-dim` and `flip-vs-samples` add to a point since issue 24: the fresh points' rays (one ray
  /// search at each of n fresh points, as at the training points) and two Gram matrices of the training inputs
  /// (the premise per point, R's certificate): n·(4·m·d + 3200·m) + 2·n²·d.
  static func heldOutCost(_ p: Point) -> CostEstimate {
    let (d, n, m) = (Double(p.int("d")), Double(p.int("n")), Double(p.int("m")))
    let grams = CostEstimate(gemmFlops: 2 * n * n * d, gemvFlops: 0, elementwise: 0, calls: 2, "2·n²·d (Gram)")
    return FlipStudy.rayCost(points: n, d: d, m: m) + grams
  }
}
