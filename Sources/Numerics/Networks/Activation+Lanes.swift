import Foundation

/// σ on two lanes at once (one SSE2 register on any x86-64, one NEON register on arm64), for the vectorised
/// kernels (`Activation+Kernels`, `Activation+FusedKernels`). The kernels pick the conformer once per call
/// (one switch on σ), so no loop dispatches per element. (SIMD4<Double> compiled 3× slower here without AVX.)
/// The piecewise-polynomial activations are lane-wise selects (compiled branch-free); tanh takes both lanes at
/// once (`PortableMath.tanhPair`, bit for bit the scalar `PortableMath.tanh` of `Activation.value` per lane) and
/// softplus evaluates its transcendentals lane by lane (the scalar functions of `Activation.value`/`derivative`).
/// The weighted sums carry the sum factor outside: the quadratic ReLU's lanes hold max(u, 0)², and the
/// kernels multiply the finished sum by ½ once.
/// ReLU and the quadratic ReLU take max(u, 0) as `u < 0 ? 0 : u`, so a NaN pre-activation stays NaN in the
/// sums (a diverged network shows in its margins); the slopes use the mask u > 0.
@usableFromInline protocol LaneActivation {
  /// The factor the kernels apply once to a finished weighted sum of `value`s.
  static var sumFactor: Double { get }
  /// σ(u)/sumFactor.
  static func value(_ u: SIMD2<Double>) -> SIMD2<Double>
  static func value(_ u: Double) -> Double
  /// σ'(u).
  static func slope(_ u: SIMD2<Double>) -> SIMD2<Double>
  static func slope(_ u: Double) -> Double
  /// (σ(u)/sumFactor, σ'(u)), sharing the work where they can.
  static func valueAndSlope(_ u: SIMD2<Double>) -> (SIMD2<Double>, SIMD2<Double>)
  static func valueAndSlope(_ u: Double) -> (Double, Double)
}

@usableFromInline enum ReluLanes: LaneActivation {
  @inline(__always) @usableFromInline static var sumFactor: Double { 1 }
  @inline(__always) @usableFromInline static func value(_ u: SIMD2<Double>) -> SIMD2<Double> { positivePart(u) }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double { u < 0 ? 0 : u }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(slope(u[0]), slope(u[1]))
  }
  @inline(__always) @usableFromInline static func slope(_ u: Double) -> Double { u > 0 ? 1 : 0 }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD2<Double>) -> (SIMD2<Double>, SIMD2<Double>) {
    (value(u), slope(u))
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: Double) -> (Double, Double) {
    (value(u), slope(u))
  }
}

@usableFromInline enum QuadraticReluLanes: LaneActivation {
  @inline(__always) @usableFromInline static var sumFactor: Double { 0.5 }
  @inline(__always) @usableFromInline static func value(_ u: SIMD2<Double>) -> SIMD2<Double> {
    let z = positivePart(u)
    return z * z
  }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double {
    let z = u < 0 ? 0 : u
    return z * z
  }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(slope(u[0]), slope(u[1]))
  }
  @inline(__always) @usableFromInline static func slope(_ u: Double) -> Double { u > 0 ? u : 0 }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD2<Double>) -> (SIMD2<Double>, SIMD2<Double>) {
    (value(u), slope(u))
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: Double) -> (Double, Double) {
    (value(u), slope(u))
  }
}

/// Lane by lane through the scalar `value`, `derivative` and `valueAndDerivative` of one activation.
@usableFromInline protocol ScalarLanes: LaneActivation {
  static var activation: Activation { get }
}

extension ScalarLanes {
  @inline(__always) @usableFromInline static var sumFactor: Double { 1 }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double { activation.value(u) }
  @inline(__always) @usableFromInline static func slope(_ u: Double) -> Double { activation.derivative(u) }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: Double) -> (Double, Double) {
    activation.valueAndDerivative(u)
  }
  @inline(__always) @usableFromInline static func value(_ u: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(value(u[0]), value(u[1]))
  }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(slope(u[0]), slope(u[1]))
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD2<Double>) -> (SIMD2<Double>, SIMD2<Double>) {
    let (v0, s0) = valueAndSlope(u[0])
    let (v1, s1) = valueAndSlope(u[1])
    return (SIMD2(v0, v1), SIMD2(s0, s1))
  }
}

/// tanh with the bits of the scalar `PortableMath.tanh` (the one `Activation.value` uses), σ' = 1 − t²; two lanes
/// through `PortableMath.tanhPair` (both lanes' branch at once, bit for bit the scalar per lane; issue 23).
@usableFromInline enum TanhLanes: ScalarLanes {
  @inline(__always) @usableFromInline static var activation: Activation { .tanh }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double { PortableMath.tanh(u) }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: Double) -> (Double, Double) {
    let t = PortableMath.tanh(u)
    return (t, 1 - t * t)
  }
  @inline(__always) @usableFromInline static func value(_ u: SIMD2<Double>) -> SIMD2<Double> {
    PortableMath.tanhPair(u)
  }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD2<Double>) -> SIMD2<Double> {
    let t = PortableMath.tanhPair(u)
    return 1 - t * t
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD2<Double>) -> (SIMD2<Double>, SIMD2<Double>) {
    let t = PortableMath.tanhPair(u)
    return (t, 1 - t * t)
  }
}

@usableFromInline enum SoftplusLanes: ScalarLanes {
  @inline(__always) @usableFromInline static var activation: Activation { .softplus }
}

/// The fixed order in which the kernels fold their four lane accumulators (elements r ≡ 0,1 | 2,3 | 4,5 | 6,7
/// mod 8): t = (s0 + s1) + (s2 + s3), then t[0] + t[1].
@inline(__always) @usableFromInline func fold(
  _ s0: SIMD2<Double>, _ s1: SIMD2<Double>, _ s2: SIMD2<Double>, _ s3: SIMD2<Double>
) -> Double {
  let t = (s0 + s1) + (s2 + s3)
  return t[0] + t[1]
}

/// max(u, 0) lane by lane as u < 0 ? 0 : u (a NaN stays NaN). Lane-wise selects, not
/// `.replacing(with:where:)` or `pointwiseMax`, which compile to branches or calls in the generic stdlib.
@inline(__always) @usableFromInline func positivePart(_ u: SIMD2<Double>) -> SIMD2<Double> {
  SIMD2(u[0] < 0 ? 0 : u[0], u[1] < 0 ? 0 : u[1])
}
