import Foundation
import Harness

extension Vardi2022 {
  /// vardi2022-regime-orthogonality: the training and its KKT diagnostic, a ray at each training point (`cost`
  /// with no attack) and R's certificate and the premise (two Gram matrices of the inputs, 2·n²·d); no fresh points.
  static func regimeCost(_ p: Point) -> CostEstimate {
    let (d, n) = (Double(p.int("d")), Double(p.int("n")))
    let grams = CostEstimate(gemmFlops: 2 * n * n * d, gemvFlops: 0, elementwise: 0, calls: 2, "2·n²·d (Gram)")
    let base = cost(p, attacks: 0)
    return (base + grams).described(base.what + " + 2·n²·d (the premise and R's certificate)")
  }
}
