import Harness
import Numerics

// deng2020-pga-iterations' attacked point, nested in the width m (issue 24: the iterations along m judged on paired
// seeds). A shared file of the paper: its name starts with a capital.

extension Deng2020 {
  /// The attacked point of `attackedInput`, but nested in the width: the first layer's rows w_r come from the derived
  /// stream `hidden units` (row by row, so the first m·d normals are the first m rows at every width) and the signs
  /// a_r from `output signs`, both derived before anything is drawn; then x (uniform on the sphere of radius s) and
  /// y = ±1 from `rng` itself. A module paired across m (its key leaves m out) so gets, at every m of a seed, the
  /// same input, label and restart directions, and a network of width m that is the first m units of every wider
  /// one (f_m = (1/√m)·Σ_{r ≤ m} a_r·σ(w_r·x)): a seed's counts along m form one curve, not independent draws.
  /// The first layer is multiplied by `weight_scale` after it is drawn, as in `network`.
  static func nestedAttackedInput(_ p: Point, rng: inout RandomSource) -> (
    network: TwoLayerNetwork, x: [Double], y: Double, epsilon: Double
  ) {
    let (d, m, s) = (p.int("d"), p.int("m"), p.real("s"))
    var units = rng.derived("hidden units")
    var signs = rng.derived("output signs")
    var w = units.normalMatrix(m, d)
    let scale = p.real("weight_scale")
    if scale != 1 { for k in w.storage.indices { w.storage[k] *= scale } }
    let a = (0..<m).map { _ in signs.rademacher() }
    let net = TwoLayerNetwork(
      weights: w, outer: a, activation: p.choice("activation", as: SmoothActivation.self).activation,
      outputScale: 1 / Double(m).squareRoot(), trainsOuter: false)
    let x = rng.onSphere(dimension: d, radius: s)
    let y = rng.rademacher()
    return (net, x, y, p.real("r") * s)
  }
}
