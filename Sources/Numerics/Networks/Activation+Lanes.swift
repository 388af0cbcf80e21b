import Foundation

/// σ on four lanes at once, for the vectorised kernels (`Activation+Kernels`, `Activation+FusedKernels`).
/// The kernels pick the conformer once per call (one switch on σ), so no loop dispatches per element.
/// The piecewise-polynomial activations are branch-free masks; tanh and softplus evaluate their
/// transcendentals lane by lane (the same scalar functions as `Activation.value`/`derivative`).
/// The weighted sums carry the sum factor outside: the quadratic ReLU's lanes hold max(u, 0)², and the
/// kernels multiply the finished sum by ½ once.
/// ReLU and the quadratic ReLU take max(u, 0) as `u < 0 ? 0 : u`, so a NaN pre-activation stays NaN in the
/// sums (a diverged network shows in its margins); the slopes use the mask u > 0.
@usableFromInline protocol LaneActivation {
  /// The factor the kernels apply once to a finished weighted sum of `value`s.
  static var sumFactor: Double { get }
  /// σ(u)/sumFactor.
  static func value(_ u: SIMD4<Double>) -> SIMD4<Double>
  static func value(_ u: Double) -> Double
  /// σ'(u).
  static func slope(_ u: SIMD4<Double>) -> SIMD4<Double>
  static func slope(_ u: Double) -> Double
  /// (σ(u)/sumFactor, σ'(u)), sharing the work where they can.
  static func valueAndSlope(_ u: SIMD4<Double>) -> (SIMD4<Double>, SIMD4<Double>)
  static func valueAndSlope(_ u: Double) -> (Double, Double)
}

@usableFromInline enum ReluLanes: LaneActivation {
  @inline(__always) @usableFromInline static var sumFactor: Double { 1 }
  @inline(__always) @usableFromInline static func value(_ u: SIMD4<Double>) -> SIMD4<Double> {
    u.replacing(with: 0, where: u .< 0)
  }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double { u < 0 ? 0 : u }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD4<Double>) -> SIMD4<Double> {
    SIMD4<Double>.zero.replacing(with: 1, where: u .> 0)
  }
  @inline(__always) @usableFromInline static func slope(_ u: Double) -> Double { u > 0 ? 1 : 0 }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD4<Double>) -> (SIMD4<Double>, SIMD4<Double>) {
    (value(u), slope(u))
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: Double) -> (Double, Double) {
    (value(u), slope(u))
  }
}

@usableFromInline enum QuadraticReluLanes: LaneActivation {
  @inline(__always) @usableFromInline static var sumFactor: Double { 0.5 }
  @inline(__always) @usableFromInline static func value(_ u: SIMD4<Double>) -> SIMD4<Double> {
    let z = u.replacing(with: 0, where: u .< 0)
    return z * z
  }
  @inline(__always) @usableFromInline static func value(_ u: Double) -> Double {
    let z = u < 0 ? 0 : u
    return z * z
  }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD4<Double>) -> SIMD4<Double> {
    u.replacing(with: 0, where: .!(u .> 0))
  }
  @inline(__always) @usableFromInline static func slope(_ u: Double) -> Double { u > 0 ? u : 0 }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD4<Double>) -> (SIMD4<Double>, SIMD4<Double>) {
    let z = u.replacing(with: 0, where: u .< 0)
    return (z * z, u.replacing(with: 0, where: .!(u .> 0)))
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
  @inline(__always) @usableFromInline static func value(_ u: SIMD4<Double>) -> SIMD4<Double> {
    SIMD4(value(u[0]), value(u[1]), value(u[2]), value(u[3]))
  }
  @inline(__always) @usableFromInline static func slope(_ u: SIMD4<Double>) -> SIMD4<Double> {
    SIMD4(slope(u[0]), slope(u[1]), slope(u[2]), slope(u[3]))
  }
  @inline(__always) @usableFromInline static func valueAndSlope(_ u: SIMD4<Double>) -> (SIMD4<Double>, SIMD4<Double>) {
    let (v0, s0) = valueAndSlope(u[0])
    let (v1, s1) = valueAndSlope(u[1])
    let (v2, s2) = valueAndSlope(u[2])
    let (v3, s3) = valueAndSlope(u[3])
    return (SIMD4(v0, v1, v2, v3), SIMD4(s0, s1, s2, s3))
  }
}

@usableFromInline enum TanhLanes: ScalarLanes {
  @inline(__always) @usableFromInline static var activation: Activation { .tanh }
}

@usableFromInline enum SoftplusLanes: ScalarLanes {
  @inline(__always) @usableFromInline static var activation: Activation { .softplus }
}

/// Σ (t[0] + t[1]) + (t[2] + t[3]): the fixed order in which the kernels fold a lane accumulator.
@inline(__always) @usableFromInline func laneSum(_ t: SIMD4<Double>) -> Double {
  (t[0] + t[1]) + (t[2] + t[3])
}
