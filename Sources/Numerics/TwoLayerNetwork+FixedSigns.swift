/// The network of the first-order-adversary analyses (Deng et al. 2020):
/// f(x) = (1/√m)·Σ_r a_r·σ(w_r·x), w_r ~ N(0, I_d), a_r = ±1 fixed (not trained), no bias.
extension TwoLayerNetwork {
  public static func fixedSigns(
    inputs d: Int, width m: Int, activation: Activation, using rng: inout RandomSource
  ) -> TwoLayerNetwork {
    let w = rng.normalMatrix(m, d)
    let a = (0..<m).map { _ in rng.rademacher() }
    return TwoLayerNetwork(
      weights: w, outer: a, activation: activation, outputScale: 1 / Double(m).squareRoot(), trainsOuter: false)
  }
}
