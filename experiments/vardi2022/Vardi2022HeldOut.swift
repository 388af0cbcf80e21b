import Foundation
import Harness
import Numerics
import SharedExperiments

/// Fresh points from the training distribution (issue 24, item 4): is non-robustness a property of the training
/// set only? The labels of this setting are noise (independent of the inputs), so a fresh point has no label to
/// keep: its flip radius is that of the network's own decision ŷ = sign N(x) (+1 at N = 0), the smallest t with
/// ŷ·N(x − t·ŷ·u) ≤ 0 along the training set's universal direction u (0 when N(x) = 0). The theorem is about the
/// training points; this is a reported comparison beside their radius, not a prediction (README).
extension Vardi2022 {
  /// n fresh inputs from the point's data distribution, drawn from their own shared stream (keyed like the
  /// training data's), so neither the training data nor the point's own stream (attacks, random directions) moves.
  static func heldOutInputs(_ p: Point, d: Int, n: Int) -> Matrix {
    var rng = p.sharedStream("vardi2022 held-out", by: ["d", "n", "data", "seed"])
    return TrainingSet.random(points: n, dimension: d, distribution: p.choice("data"), rng: &rng).x
  }

  /// The flip radius of the network's decision at each fresh input along −ŷ·`direction` (NaN if none within 10‖x‖).
  static func heldOutRadii(_ net: TwoLayerNetwork, inputs: Matrix, direction: [Double]) -> [Double] {
    let decisions = net(inputs).map { $0 >= 0 ? 1.0 : -1.0 }
    return FlipStudy.flipRadii(net, at: inputs, labels: decisions, direction: direction)
  }

  /// `heldout_flip_radius` per fresh point and its median, beside the training points' `flip_radius`.
  static func recordHeldOut(_ r: inout Record, radii: [Double]) {
    r.set(
      "heldout_flip_radius", radii,
      "per fresh point from the training distribution (as many as training points): the flip radius of the network's own decision sign N(x) along the universal direction u of the training set (NaN if none within 10‖x‖)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "heldout_flip_radius_median", Statistics.median(radii),
      "the median of heldout_flip_radius over the fresh points (NaN if any is)", units: "ℓ2 norm, input units",
      allowing: .nan)
  }
}
