/// Where a function first changes sign along a ray t ≥ 0, by bracketing on a
/// geometric grid and then bisection. Used for flip radii: the smallest t with
/// sign N(x + t·u) ≠ y, the label.
public enum RaySearch {
  /// The first t in (0, maxT] where sign g(t) differs from `sign` (by default sign g(0)), to relative
  /// precision `tolerance`; 0 when g(0) already has the other sign; nil if none is found on the grid up
  /// to maxT. The grid starts at `start` and grows by `growth`; a sign change between two grid points
  /// closer than the grid spacing is found only if it persists.
  public static func firstSignChange(
    start: Double, maxT: Double, growth: Double = 1.05, tolerance: Double = 1e-10, from sign: Double? = nil,
    _ g: (Double) -> Double
  ) -> Double? {
    precondition(start > 0 && growth > 1 && maxT > start, "RaySearch: need 0 < start < maxT and growth > 1")
    let s0 = sign.map { $0 > 0 } ?? (g(0) > 0)
    if (g(0) > 0) != s0 { return 0 }
    var lo = 0.0
    var hi = start
    while (g(hi) > 0) == s0 {
      if hi >= maxT { return nil }
      lo = hi
      hi = min(hi * growth, maxT)
    }
    while hi - lo > tolerance * hi {
      let mid = 0.5 * (lo + hi)
      if (g(mid) > 0) == s0 { lo = mid } else { hi = mid }
    }
    return hi
  }
}

/// N(x + t·u) for one network, input and direction, in O(m) per t:
/// the pre-activations are affine in t, a + t·c with a = Wx + b and c = Wu.
public struct RayEvaluator: Sendable {
  let offset: [Double]
  let slope: [Double]
  let outer: [Double]
  let activation: Activation
  let scale: Double

  public init(_ net: TwoLayerNetwork, at x: [Double], along u: [Double]) {
    var a = product(net.weights, .none, x)
    if let b = net.bias { axpy(1, b, &a) }
    offset = a
    slope = product(net.weights, .none, u)
    outer = net.outer
    activation = net.activation
    scale = net.outputScale
  }

  public func callAsFunction(_ t: Double) -> Double {
    var s = 0.0
    for j in 0..<outer.count { s += outer[j] * activation.value(offset[j] + t * slope[j]) }
    return scale * s
  }
}
