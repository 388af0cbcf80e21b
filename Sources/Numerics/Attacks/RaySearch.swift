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
    self.init(net, at: x, slope: product(net.weights, .none, u))
  }

  /// With the slope W·u given: many rays along one direction u (or ±u: the product with −u is exactly −W·u)
  /// need W·u once, not once per ray (`rays(_:at:along:signs:)`).
  public init(_ net: TwoLayerNetwork, at x: [Double], slope: [Double]) {
    precondition(
      slope.count == net.width, "RayEvaluator: the slope W·u has \(slope.count) entries, not m = \(net.width)")
    var a = product(net.weights, .none, x)
    if let b = net.bias { axpy(1, b, &a) }
    offset = a
    self.slope = slope
    outer = net.outer
    activation = net.activation
    scale = net.outputScale
  }

  /// The rays at every row x_i of `inputs` along signs_i·u (signs ±1, e.g. −y_i): W·u is one product for all of
  /// them, and each ray equals `RayEvaluator(net, at: x_i, along: signs_i·u)` to the last bit (negating u
  /// negates every term of W·u exactly).
  public static func rays(_ net: TwoLayerNetwork, at inputs: Matrix, along u: [Double], signs: [Double])
    -> [RayEvaluator]
  {
    precondition(signs.count == inputs.rows && signs.allSatisfy { abs($0) == 1 }, "RayEvaluator: one sign ±1 per row")
    let wu = product(net.weights, .none, u)
    return (0..<inputs.rows).map { i in RayEvaluator(net, at: inputs.row(i), slope: wu.map { signs[i] * $0 }) }
  }

  public func callAsFunction(_ t: Double) -> Double {
    var s = 0.0
    for j in 0..<outer.count { s += outer[j] * activation.value(offset[j] + t * slope[j]) }
    return scale * s
  }
}
