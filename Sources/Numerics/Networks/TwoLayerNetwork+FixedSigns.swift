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

extension TwoLayerNetwork {
  /// The network of the adversarial-training convergence analyses (Gao et al. 2019):
  /// f(W, x) = scale·Σ_r a_r·σ(w_r·x), no bias, a fixed and balanced (a_r = +1 for even r, −1 for odd r),
  /// w_r(0) ~ N(0, I_d). `symmetric`: each odd unit repeats the w_r of the even unit before it, so the pairs
  /// cancel and f(W(0), ·) = 0 exactly (a sum in unit order adds +σ and −σ of equal arguments in turn).
  /// `scale` is 1/√m in the lazy (NTK) parametrisation.
  public static func balancedSigns(
    inputs d: Int, width m: Int, activation: Activation, symmetric: Bool, scale: Double,
    using rng: inout RandomSource
  ) -> TwoLayerNetwork {
    precondition(m >= 2 && m % 2 == 0, "balancedSigns: an even width, got \(m)")
    var w = rng.normalMatrix(m, d)
    if symmetric {
      for pair in stride(from: 0, to: m, by: 2) {
        for k in 0..<d { w.storage[(pair + 1) * d + k] = w.storage[pair * d + k] }
      }
    }
    let a = (0..<m).map { $0 % 2 == 0 ? 1.0 : -1.0 }
    return TwoLayerNetwork(weights: w, outer: a, activation: activation, outputScale: scale, trainsOuter: false)
  }
}
