/// Elementary functions written in the source in plain IEEE-754 double arithmetic (+, −, ×, ÷, each rounded
/// once, and exact bit operations; no FMA, no libm call), so they give the same bits on every CPU and
/// operating system. (glibc picks its `tanh` code by CPU features, FMA or not, so its results differ in the
/// last bits from one machine to the next.) Swift never contracts a × b + c into an FMA without being asked.
///
/// `tanh` follows FreeBSD/musl (fdlibm): tanh(x) = ±1 for |x| ≥ 22, x for |x| < 2⁻²⁸, and otherwise, with
/// t = expm1(−2|x|), −t/(t + 2) for |x| < log(3)/2 (musl's split; fdlibm's is 1), and with t = expm1(2|x|),
/// 1 − 2/(t + 2) above, the sign restored by a bit copy.
/// expm1(u) is fdlibm's: u = k·ln2_hi + k·ln2_lo + r with |r| ≤ ln2/2 (k·ln2_hi exact), a rational
/// approximation of expm1(r) with the minimax coefficients Q1…Q5 (error below 2⁻⁶¹·⁷⁵ on [0, ln2/2]), and
/// fdlibm's reconstructions of 2^k·(1 + expm1(r)) − 1 by k (2^k from its bit pattern). The lane version over
/// `SIMD2<Double>` performs the same operations lane by lane, with selects in place of the branches, so
/// it is bit-identical to the scalar one (`PortableTanhTests`); the kernels use `tanhPair` (`PortableMath+Pair`),
/// which runs only the branch both lanes take and is faster than two scalar calls (this one is slower).
/// Measured error: within about 2 ulp of the true value, at most 3 ulp from glibc's tanh (`PortableTanhTests`).
public enum PortableMath {
  @inlinable static var ln2Hi: Double { 6.93147180369123816490e-01 }  // 0x3FE62E42_FEE00000
  @inlinable static var ln2Lo: Double { 1.90821492927058770002e-10 }  // 0x3DEA39EF_35793C76
  @inlinable static var invLn2: Double { 1.44269504088896338700e+00 }  // 0x3FF71547_652B82FE
  @inlinable static var q1: Double { -3.33333333333331316428e-02 }  // 0xBFA11111_111110F4
  @inlinable static var q2: Double { 1.58730158725481460165e-03 }  // 0x3F5A01A0_19FE5585
  @inlinable static var q3: Double { -7.93650757867487942473e-05 }  // 0xBF14CE19_9EAADBB7
  @inlinable static var q4: Double { 4.00821782732936239552e-06 }  // 0x3ED0CFCA_86E65239
  @inlinable static var q5: Double { -2.01099218183624371326e-07 }  // 0xBE8AFDB7_6E09C32D
  /// 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer (ties to
  /// even), and the low bits of the sum are that integer.
  @inlinable static var roundingShift: Double { 6755399441055744.0 }
  /// Below it tanh(x) = x to within half an ulp; at and above `saturation` tanh(x) rounds to ±1.
  @inlinable static var tiny: Double { 0x1p-28 }
  @inlinable static var saturation: Double { 22.0 }
  /// log(3)/2, where tanh = 1/2: below it −t/(t + 2) with t = expm1(−2|x|), from it 1 − 2/(t + 2) with
  /// t = expm1(2|x|) (musl's split; fdlibm's 1 gives 3 ulp near 0.53).
  @inlinable static var split: Double { 0.54930614433405489 }
  @inlinable static var signMask: UInt64 { 0x8000_0000_0000_0000 }
  @inlinable static var shiftBits: Int64 { 0x4338_0000_0000_0000 }

  /// tanh(x), the same bits on every CPU. tanh(±0) = ±0, tanh(±∞) = ±1, tanh(NaN) = NaN.
  @inlinable public static func tanh(_ x: Double) -> Double {
    let a = x.magnitude
    if a < tiny { return x }  // ±0 and tiny values; NaN falls through
    let z: Double
    if a >= saturation {
      z = 1
    } else if a < split {
      let t = expm1Reduced(-(a + a))
      z = -t / (t + 2)
    } else {
      let t = expm1Reduced(a + a)
      z = 1 - 2 / (t + 2)
    }
    return Double(bitPattern: z.bitPattern | (x.bitPattern & signMask))
  }

  /// expm1(u) for −2 < u < 44 (or NaN), fdlibm's algorithm, in the operations `tanh(_: SIMD2<Double>)` repeats.
  @inlinable static func expm1Reduced(_ u: Double) -> Double {
    let shifted = invLn2 * u + roundingShift
    let kf = shifted - roundingShift
    let k = Int64(bitPattern: shifted.bitPattern) &- shiftBits  // k = round(u/ln2) ∈ [−3, 64]
    let hi = u - kf * ln2Hi  // exact: kf·ln2Hi has ≤ 39 significant bits and the difference cancels
    let lo = kf * ln2Lo
    let r = hi - lo
    let c = (hi - r) - lo
    let hfx = 0.5 * r
    let hxs = r * hfx
    let r1 = 1 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))))
    let t = 3 - r1 * hfx
    var e = hxs * ((r1 - t) / (6 - r * t))
    if k == 0 { return r - (r * e - hxs) }
    e = (r * (e - c) - c) - hxs  // expm1(r) ≈ r − e
    if k == -1 { return 0.5 * (r - e) - 0.5 }
    if k == 1 { return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e) }
    let twoPowK = Double(bitPattern: UInt64(bitPattern: (1023 &+ k) &<< 52))
    if k < 0 { return (1 - (e - r)) * twoPowK - 1 }
    let oneMinusTwoPowMinusK = 1 - Double(bitPattern: UInt64(bitPattern: (1023 &- k) &<< 52))
    return (oneMinusTwoPowMinusK - (e - r)) * twoPowK
  }

  /// tanh on two lanes: bit for bit `tanh(_: Double)` on each lane, branch-free (every branch computed, then
  /// selected by bit masks).
  @inlinable public static func tanh(_ x: SIMD2<Double>) -> SIMD2<Double> {
    let xBits = unsafeBitCast(x, to: SIMD2<UInt64>.self)
    let a0 = unsafeBitCast(xBits & ~signMask, to: SIMD2<Double>.self)
    // Clamp to the saturation point (a NaN stays NaN) so the expm1 path sees a bounded argument.
    let a = select(a0 .> saturation, SIMD2(repeating: saturation), a0)
    let small = a .< split
    let u = select(small, -(a + a), a + a)
    let shifted = invLn2 * u + roundingShift
    let kf = shifted - roundingShift
    let k = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- shiftBits
    let hi = u - kf * ln2Hi
    let lo = kf * ln2Lo
    let r = hi - lo
    let c = (hi - r) - lo
    let hfx = 0.5 * r
    let hxs = r * hfx
    // Horner's rule a step at a time, each typed (as one expression of SIMD and scalar operands it took the type
    // checker seconds): the same operations in the same order as the scalar version's.
    let p5: SIMD2<Double> = hxs * q5
    let p4: SIMD2<Double> = hxs * (q4 + p5)
    let p3: SIMD2<Double> = hxs * (q3 + p4)
    let p2: SIMD2<Double> = hxs * (q2 + p3)
    let r1: SIMD2<Double> = 1 + hxs * (q1 + p2)
    let t3 = 3 - r1 * hfx
    let e0 = hxs * ((r1 - t3) / (6 - r * t3))
    let e = (r * (e0 - c) - c) - hxs
    let kZero = r - (r * e0 - hxs)
    let kMinusOne = 0.5 * (r - e) - 0.5
    let kOne = select(r .< -0.25, -2 * (e - (r + 0.5)), 1 + 2 * (r - e))
    let twoPowK = unsafeBitCast((1023 &+ k) &<< 52, to: SIMD2<Double>.self)
    let kNegative = (1 - (e - r)) * twoPowK - 1
    let oneMinusTwoPowMinusK = 1 - unsafeBitCast((1023 &- k) &<< 52, to: SIMD2<Double>.self)
    let kPositive = (oneMinusTwoPowMinusK - (e - r)) * twoPowK
    var t = select(k .< 0, kNegative, kPositive)
    t = select(k .== 1, kOne, select(k .== -1, kMinusOne, t))
    t = select(k .== 0, kZero, t)
    let q = select(small, -t, SIMD2(repeating: 2)) / (t + 2)  // one division for both formulas
    let z0 = select(small, q, 1 - q)
    let z = select(a0 .>= saturation, SIMD2(repeating: 1), z0)
    let signed = unsafeBitCast(unsafeBitCast(z, to: SIMD2<UInt64>.self) | (xBits & signMask), to: SIMD2<Double>.self)
    return select(a0 .< tiny, x, signed)
  }

  /// mask ? a : b lane by lane, through the bits (branch-free).
  @inlinable static func select(_ mask: SIMDMask<SIMD2<Int64>>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double>
  {
    let m = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    let bits = (unsafeBitCast(a, to: SIMD2<UInt64>.self) & m) | (unsafeBitCast(b, to: SIMD2<UInt64>.self) & ~m)
    return unsafeBitCast(bits, to: SIMD2<Double>.self)
  }
}
